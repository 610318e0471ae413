package io.swarmplace.dht.internal;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.swarmplace.dht.AnnounceResult;
import io.swarmplace.dht.DhtContact;
import io.swarmplace.dht.DhtService;
import io.swarmplace.dht.DhtStats;
import io.swarmplace.dht.DhtUnavailableException;
import io.swarmplace.dht.DropReason;
import io.swarmplace.dht.ImmutableItem;
import io.swarmplace.dht.InfoHashSample;
import io.swarmplace.dht.ItemPutResult;
import io.swarmplace.dht.MutableItem;
import io.swarmplace.dht.PeerLookup;
import io.swarmplace.dht.internal.net.UdpTransport;
import io.swarmplace.dht.internal.node.DhtRuntime;
import io.swarmplace.dht.internal.node.DhtSettings;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The node's DHT: one {@link DhtRuntime} on its own single-thread event loop group, configured through
 * Configuration Admin. A new configuration restarts it; the routing table is saved on stop and read on
 * start. When disabled the service is still registered and fails every operation with
 * {@link DhtUnavailableException}.
 */
@Component(immediate = true, configurationPid = DhtNode.PID, service = DhtService.class)
@Designate(ocd = DhtNode.Config.class)
public class DhtNode implements DhtService {

    public static final String PID = "io.swarmplace.dht";

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(DhtNode.class.getName());

    @ObjectClassDefinition(name = "Swarmplace DHT", description = "A Mainline DHT node (BEP 5)")
    public @interface Config {
        @AttributeDefinition(description = "Run the DHT node at all")
        boolean enabled() default true;

        @AttributeDefinition(description = "Addresses to bind UDP to, comma-separated: at most one IPv4 and one IPv6 (0.0.0.0:"
                + " every IPv4 interface, ::: every IPv6 one). With both the node is dual-stack (BEP 32): a routing table and"
                + " lookups per family; the two wildcards share one socket, and where the host has no IPv6 the node runs on"
                + " IPv4 alone")
        String[] bindAddress() default {"0.0.0.0", "::"};

        @AttributeDefinition(description = "UDP port; 0 picks a free port")
        int port() default 6881;

        @AttributeDefinition(description = "host:port of the nodes to bootstrap from; resolved when the node starts")
        String[] bootstrapNodes() default {"router.bittorrent.com:6881", "dht.transmissionbt.com:6881", "router.utorrent.com:6881"};

        @AttributeDefinition(description = "Accept loopback and private addresses (tests and private swarms); the public"
                + " DHT drops them as bogons")
        boolean privateNetwork() default false;

        @AttributeDefinition(description = "Where the routing table is saved on stop; empty: <swarmplace.data>/dht/routing.dat")
        String stateFile() default "";

        @AttributeDefinition(description = "Keep nodes whose id does not match their IP address (BEP 42) out of the routing"
                + " table; they are still answered")
        boolean verifyNodeIds() default false;

        @AttributeDefinition(description = "Datagrams per second accepted from one source address (bursts of twice that)")
        int packetsPerSecond() default 50;

        @AttributeDefinition(description = "Most info-hashes this node stores announced peers for")
        int maxInfoHashes() default 20_000;

        @AttributeDefinition(description = "Most peers stored per info-hash")
        int maxPeersPerInfoHash() default 200;

        @AttributeDefinition(description = "Read-only node (BEP 43): query the DHT but answer nobody and stay out of other"
                + " nodes' routing tables (for hosts behind a restrictive NAT or on metered links)")
        boolean readOnly() default false;

        @AttributeDefinition(description = "Most BEP 44 items this node stores for others")
        int maxItems() default 10_000;

        @AttributeDefinition(description = "Seconds between saves of the routing table while the node runs")
        int saveIntervalSeconds() default 300;
    }

    private final boolean enabled;
    private final EventLoopGroup group;
    private final ExecutorService blocking;
    private final DhtRuntime runtime;

    @Activate
    public DhtNode(Config config, BundleContext context) throws InterruptedException {
        this(config, defaultStateFile(context));
    }

    DhtNode(Config config, Path defaultStateFile) throws InterruptedException {
        this.enabled = config.enabled();
        if (!enabled) {
            group = null;
            blocking = null;
            runtime = null;
            return;
        }
        DhtSettings settings = settings(config, defaultStateFile);
        UdpTransport transport = UdpTransport.best();
        LOG.info(() -> "DHT runs on Netty's " + transport.name().toLowerCase(java.util.Locale.ROOT) + " UDP transport" + (transport == UdpTransport.NIO ? " (" + UdpTransport.whyNotEpoll() + ")" : ""));
        group = new MultiThreadIoEventLoopGroup(1, transport.ioHandlerFactory());
        blocking = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "dht-blocking");
            thread.setDaemon(true);
            return thread;
        });
        try {
            runtime = DhtRuntime.start(settings, group, blocking);
        } catch (RuntimeException | InterruptedException failed) {
            shutdownExecutors();
            throw failed;
        }
    }

    static DhtSettings settings(Config config, Path defaultStateFile) {
        try {
            Path stateFile = config.stateFile().isBlank() ? defaultStateFile : Path.of(config.stateFile().strip());
            List<String> bootstrap = Arrays.stream(config.bootstrapNodes()).map(String::strip).filter(s -> !s.isEmpty()).toList();
            List<String> bindAddresses = Arrays.stream(config.bindAddress()).flatMap(value -> Arrays.stream(value.split(",")))
                    .map(String::strip).filter(s -> !s.isEmpty()).toList();
            return new DhtSettings(bindAddresses, config.port(), bootstrap, config.privateNetwork(),
                    Optional.ofNullable(stateFile), config.verifyNodeIds(), config.packetsPerSecond(),
                    2 * config.packetsPerSecond(), Duration.ofSeconds(3), Duration.ofSeconds(30), Duration.ofSeconds(10),
                    config.maxInfoHashes(), config.maxPeersPerInfoHash(), Duration.ofMinutes(30), config.readOnly(),
                    config.maxItems(), Duration.ofHours(2), Duration.ofSeconds(config.saveIntervalSeconds()));
        } catch (IllegalArgumentException bad) {
            throw new IllegalArgumentException(bad.getMessage() + " (PID " + PID + ")", bad);
        }
    }

    private static Path defaultStateFile(BundleContext context) {
        String data = context.getProperty("swarmplace.data");
        Path folder = data != null ? Path.of(data) : context.getDataFile("").toPath();
        return folder.resolve("dht").resolve("routing.dat");
    }

    @Deactivate
    void deactivate() {
        if (runtime != null) {
            runtime.close();
        }
        shutdownExecutors();
    }

    private void shutdownExecutors() {
        if (blocking != null) {
            blocking.shutdownNow();
        }
        if (group != null) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
        }
    }

    public boolean enabled() {
        return enabled;
    }

    /** The running node, if enabled. */
    Optional<DhtRuntime> runtime() {
        return Optional.ofNullable(runtime);
    }

    @Override
    public CompletableFuture<PeerLookup> getPeers(byte[] infoHash) {
        return runtime == null ? disabled() : runtime.getPeers(infoHash);
    }

    @Override
    public CompletableFuture<AnnounceResult> announce(byte[] infoHash, int port) {
        return runtime == null ? disabled() : runtime.announce(infoHash, port);
    }

    @Override
    public CompletableFuture<DhtContact> ping(InetSocketAddress address) {
        return runtime == null ? disabled() : runtime.ping(address);
    }

    @Override
    public CompletableFuture<ItemPutResult> putImmutable(byte[] bencodedValue) {
        return runtime == null ? disabled() : runtime.putImmutable(bencodedValue);
    }

    @Override
    public CompletableFuture<Optional<ImmutableItem>> getImmutable(byte[] target) {
        return runtime == null ? disabled() : runtime.getImmutable(target);
    }

    @Override
    public CompletableFuture<ItemPutResult> putMutable(KeyPair keys, byte[] salt, long seq, byte[] bencodedValue,
            OptionalLong expectedSeq) {
        return runtime == null ? disabled() : runtime.putMutable(keys, salt, seq, bencodedValue, expectedSeq);
    }

    @Override
    public CompletableFuture<Optional<MutableItem>> getMutable(byte[] publicKey, byte[] salt) {
        return runtime == null ? disabled() : runtime.getMutable(publicKey, salt);
    }

    @Override
    public CompletableFuture<InfoHashSample> sampleInfoHashes(InetSocketAddress address, byte[] target) {
        return runtime == null ? disabled() : runtime.sampleInfoHashes(address, target);
    }

    @Override
    public DhtStats stats() {
        if (runtime == null) {
            Map<DropReason, Long> none = new EnumMap<>(DropReason.class);
            for (DropReason reason : DropReason.values()) {
                none.put(reason, 0L);
            }
            return new DhtStats("", Optional.empty(), 0, 0, 0, 0, 0, none, 0, 0);
        }
        return runtime.stats();
    }

    private static <T> CompletableFuture<T> disabled() {
        return CompletableFuture.failedFuture(new DhtUnavailableException("the DHT is disabled (set enabled=true in PID " + PID
                + ")"));
    }
}
