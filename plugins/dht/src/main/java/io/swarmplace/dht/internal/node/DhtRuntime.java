package io.swarmplace.dht.internal.node;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.EventExecutor;
import io.swarmplace.dht.AnnounceResult;
import io.swarmplace.dht.DhtContact;
import io.swarmplace.dht.DhtService;
import io.swarmplace.dht.DhtStats;
import io.swarmplace.dht.DhtUnavailableException;
import io.swarmplace.dht.PeerLookup;
import io.swarmplace.bencode.BencodeDecoder;
import io.swarmplace.bencode.BencodeEncoder;
import io.swarmplace.bencode.BencodeException;
import io.swarmplace.dht.ImmutableItem;
import io.swarmplace.dht.InfoHashSample;
import io.swarmplace.dht.ItemPutResult;
import io.swarmplace.dht.MutableItem;
import io.swarmplace.dht.internal.item.Ed25519Keys;
import io.swarmplace.dht.internal.item.ItemRules;
import io.swarmplace.dht.internal.krpc.ItemPayload;
import io.swarmplace.dht.internal.krpc.NodeContact;
import io.swarmplace.dht.internal.krpc.NodeId;
import io.swarmplace.dht.internal.net.DhtCounters;
import io.swarmplace.dht.internal.routing.RoutingStateException;
import io.swarmplace.dht.internal.routing.RoutingStateFile;
import io.swarmplace.dht.internal.routing.SavedRoutingState;
import io.swarmplace.dht.internal.routing.SecureNodeIds;
import java.io.IOException;
import io.netty.channel.socket.SocketProtocolFamily;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.OptionalLong;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A running DHT node: its UDP channel with the KRPC pipeline, its {@link DhtEngine}, and the
 * {@link DhtService} operations, which hop onto the channel's event loop. Outside OSGi (tests) this is
 * the whole node; the DS component wraps one. The event loop group and the executor for blocking work
 * (DNS, the state file) belong to the caller.
 */
public final class DhtRuntime implements DhtService, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DhtRuntime.class.getName());

    private static final InetAddress IPV6_LOOPBACK = ipv6Loopback();

    private final DhtSettings settings;
    private final Channel channel;
    private final DhtEngine engine;
    private final EventExecutor loop;
    private final Optional<RoutingStateFile> stateFile;
    private volatile boolean closed;
    private io.netty.util.concurrent.ScheduledFuture<?> saver;
    private final java.util.concurrent.atomic.AtomicLong snapshots = new java.util.concurrent.atomic.AtomicLong();
    private long lastSaved;

    private DhtRuntime(DhtSettings settings, Channel channel, DhtEngine engine, Optional<RoutingStateFile> stateFile) {
        this.settings = settings;
        this.channel = channel;
        this.engine = engine;
        this.loop = engine.loop();
        this.stateFile = stateFile;
    }

    /**
     * Binds the node and starts bootstrapping (resolving bootstrap host names on {@code blocking}). Reads
     * the saved routing table first; a broken file is logged and ignored. Blocks until bound: call it
     * from a component's activation or a test, never from an event loop.
     *
     * @throws DhtUnavailableException if the address cannot be bound
     */
    public static DhtRuntime start(DhtSettings settings, EventLoopGroup group, Executor blocking) throws InterruptedException {
        Random random = new Random();
        SecureRandom secure = new SecureRandom();
        Optional<RoutingStateFile> stateFile = settings.stateFile().map(RoutingStateFile::new);
        Optional<SavedRoutingState> saved = stateFile.flatMap(DhtRuntime::load);
        InetAddress bindIp = bindAddress(settings);
        NodeId id = chooseId(saved, bindIp, secure);

        DhtCounters counters = new DhtCounters();
        Channel channel = new Bootstrap()
                .group(group)
                .channelFactory(() -> new NioDatagramChannel(bindIp instanceof Inet6Address ? SocketProtocolFamily.INET6
                        : SocketProtocolFamily.INET))
                // One byte more than accepted, so an oversized datagram shows as such instead of arriving cut to size.
                .option(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(DhtSettings.MAX_PACKET + 1))
                .handler(new ChannelInboundHandlerAdapter())
                .register()
                .sync()
                .channel();
        DhtEngine engine = new DhtEngine(settings, id, channel, counters, System::nanoTime, random, secure);
        KrpcPipeline.install(channel.pipeline(), settings, engine, counters, System::nanoTime);
        try {
            channel.bind(new InetSocketAddress(bindIp, settings.port())).sync();
        } catch (Exception bindFailed) {
            channel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
            throw new DhtUnavailableException("the DHT cannot listen on UDP " + settings.bindAddress() + ":" + settings.port()
                    + " (" + bindFailed.getMessage() + "); choose another port or bindAddress");
        }
        DhtRuntime runtime = new DhtRuntime(settings, channel, engine, stateFile);
        runtime.saveEvery(settings.saveInterval(), blocking);
        List<NodeContact> savedNodes = saved.map(SavedRoutingState::nodes).orElse(List.of());
        engine.loop().execute(engine::startMaintenance);
        Class<? extends InetAddress> family = bindIp instanceof Inet6Address ? Inet6Address.class : Inet4Address.class;
        CompletableFuture.supplyAsync(() -> BootstrapAddresses.resolve(settings.bootstrapNodes(), family), blocking)
                .thenAcceptAsync(addresses -> engine.bootstrap(savedNodes, addresses), engine.loop())
                .exceptionally(failed -> {
                    LOG.log(Level.WARNING, "DHT bootstrap failed to start", failed);
                    return null;
                });
        return runtime;
    }

    /**
     * Saves the routing table every {@code interval} while the node runs, so a crash loses at most that much:
     * the snapshot is taken on the event loop, the file written on {@code blocking}.
     */
    private void saveEvery(java.time.Duration interval, Executor blocking) {
        if (stateFile.isEmpty()) {
            return;
        }
        long period = interval.toNanos();
        saver = loop.scheduleAtFixedRate(() -> {
            SavedRoutingState state = engine.snapshot();
            long taken = snapshots.incrementAndGet();
            try {
                blocking.execute(() -> save(state, taken));
            } catch (RejectedExecutionException stopping) {
                // The node is stopping; close() saves the final table.
            }
        }, period, period, TimeUnit.NANOSECONDS);
    }

    /** Writes {@code state} unless a later snapshot was written already (a periodic save racing the final one). */
    private synchronized void save(SavedRoutingState state, long taken) {
        if (taken < lastSaved) {
            return;
        }
        lastSaved = taken;
        try {
            stateFile.orElseThrow().save(state);
        } catch (IOException cannotSave) {
            LOG.warning(() -> "DHT routing table not saved to " + stateFile.orElseThrow().path() + ": " + cannotSave.getMessage());
        }
    }

    private static InetAddress ipv6Loopback() {
        byte[] one = new byte[16];
        one[15] = 1;
        try {
            return InetAddress.getByAddress(one);
        } catch (java.net.UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static InetAddress bindAddress(DhtSettings settings) {
        return settings.bindIp();
    }

    /**
     * The saved id if it still fits the address we bind (BEP 42); otherwise a secure id when we bind one
     * public address, and a random one when we do not know our public address.
     */
    private static NodeId chooseId(Optional<SavedRoutingState> saved, InetAddress bindIp, Random secure) {
        boolean knownPublicIp = !bindIp.isAnyLocalAddress() && !SecureNodeIds.isExempt(bindIp);
        if (saved.isPresent() && (!knownPublicIp || SecureNodeIds.isValid(saved.get().id(), bindIp))) {
            return saved.get().id();
        }
        return knownPublicIp ? SecureNodeIds.generate(bindIp, secure) : NodeId.random(secure);
    }

    private static Optional<SavedRoutingState> load(RoutingStateFile file) {
        try {
            return file.load();
        } catch (IOException | RoutingStateException unreadable) {
            LOG.warning(() -> "DHT starts with an empty routing table: " + unreadable.getMessage());
            return Optional.empty();
        }
    }

    // ---------------------------------------------------------------- DhtService

    @Override
    public CompletableFuture<PeerLookup> getPeers(byte[] infoHash) {
        NodeId target = infoHash(infoHash);
        return onLoop(() -> engine.getPeers(target));
    }

    @Override
    public CompletableFuture<AnnounceResult> announce(byte[] infoHash, int port) {
        NodeId target = infoHash(infoHash);
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0 (implied) or 1-65535, got " + port);
        }
        return onLoop(() -> engine.announce(target, port));
    }

    @Override
    public CompletableFuture<DhtContact> ping(InetSocketAddress address) {
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("resolve " + address.getHostString() + " first: ping takes an IP address");
        }
        return onLoop(() -> engine.ping(address));
    }

    @Override
    public CompletableFuture<ItemPutResult> putImmutable(byte[] bencodedValue) {
        byte[] value = canonicalValue(bencodedValue, new byte[0]);
        NodeId target = ItemRules.immutableTarget(value);
        return onLoop(() -> engine.putItem(target, new ItemPayload(value, Optional.empty()), new byte[0], OptionalLong.empty()));
    }

    @Override
    public CompletableFuture<Optional<ImmutableItem>> getImmutable(byte[] target) {
        NodeId id = infoHash(target);
        return onLoop(() -> engine.getImmutable(id));
    }

    @Override
    public CompletableFuture<ItemPutResult> putMutable(KeyPair keys, byte[] salt, long seq, byte[] bencodedValue,
            OptionalLong expectedSeq) {
        byte[] value = canonicalValue(bencodedValue, salt);
        byte[] publicKey = Ed25519Keys.rawPublicKey(keys.getPublic());
        byte[] signature = Ed25519Keys.sign(keys, ItemRules.signedBytes(salt, seq, value));
        if (!Ed25519Keys.verify(publicKey, ItemRules.signedBytes(salt, seq, value), signature)) {
            throw new IllegalArgumentException("the key pair's private key does not belong to its public key");
        }
        ItemPayload item = new ItemPayload(value, Optional.of(new ItemPayload.Signed(publicKey, seq, signature)));
        NodeId target = ItemRules.mutableTarget(publicKey, salt);
        byte[] saltCopy = salt.clone();
        return onLoop(() -> engine.putItem(target, item, saltCopy, expectedSeq));
    }

    @Override
    public CompletableFuture<Optional<MutableItem>> getMutable(byte[] publicKey, byte[] salt) {
        if (publicKey == null || publicKey.length != MutableItem.PUBLIC_KEY_LENGTH) {
            throw new IllegalArgumentException("an ed25519 public key has 32 bytes, got "
                    + (publicKey == null ? "null" : publicKey.length + " bytes"));
        }
        ItemRules.requireStorable(new byte[0], salt);
        byte[] key = publicKey.clone();
        byte[] saltCopy = salt.clone();
        return onLoop(() -> engine.getMutable(key, saltCopy));
    }

    @Override
    public CompletableFuture<InfoHashSample> sampleInfoHashes(InetSocketAddress address, byte[] target) {
        NodeId id = infoHash(target);
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("resolve " + address.getHostString() + " first: sampling takes an IP address");
        }
        return onLoop(() -> engine.sampleInfoHashes(address, id));
    }

    /** The value's canonical bencoding, checked against BEP 44's limits; the message says what to change. */
    private static byte[] canonicalValue(byte[] bencodedValue, byte[] salt) {
        byte[] canonical;
        try {
            canonical = new BencodeEncoder().encode(new BencodeDecoder().decode(bencodedValue));
        } catch (BencodeException notBencode) {
            throw new IllegalArgumentException("a DHT item's value must be one bencoded value (e.g. 5:hello): "
                    + notBencode.getMessage(), notBencode);
        }
        ItemRules.requireStorable(canonical, salt);
        return canonical;
    }

    @Override
    public DhtStats stats() {
        return onLoopNow(() -> engine.stats(localAddress()));
    }

    // ---------------------------------------------------------------- for the component and tests

    public NodeId nodeId() {
        return engine.id();
    }

    public Optional<InetSocketAddress> localAddress() {
        return Optional.ofNullable((InetSocketAddress) channel.localAddress());
    }

    /** The address other nodes on this machine reach us at (loopback when bound to every interface). */
    public InetSocketAddress reachableAddress() {
        InetSocketAddress bound = localAddress().orElseThrow(() -> new DhtUnavailableException("the DHT node is not bound"));
        if (!bound.getAddress().isAnyLocalAddress()) {
            return bound;
        }
        InetAddress loopback = bound.getAddress() instanceof Inet6Address ? IPV6_LOOPBACK : InetAddress.getLoopbackAddress();
        return new InetSocketAddress(loopback, bound.getPort());
    }

    /** The nodes in the routing table now. */
    public List<NodeContact> routingTable() {
        return onLoopNow(() -> engine.table().contacts());
    }

    /** Runs one maintenance round now (tests). */
    public void maintainNow() {
        onLoopNow(() -> {
            engine.maintain();
            return null;
        });
    }

    /** Looks up our own id again from the table (tests, and a node that lost its neighbours). */
    public CompletableFuture<Integer> refreshNeighbourhood() {
        return onLoop(() -> engine.lookup(engine.id(), IterativeLookup.Kind.FIND_NODE).thenApply(LookupResult::nodesAnswered));
    }

    /** A get_peers lookup with the lookup's own figures (benchmarks). */
    public CompletableFuture<LookupResult> measuredGetPeers(byte[] infoHash) {
        NodeId target = infoHash(infoHash);
        return onLoop(() -> engine.lookup(target, IterativeLookup.Kind.GET_PEERS));
    }

    public DhtSettings settings() {
        return settings;
    }

    /** Stops the node, closes its socket and saves the routing table (blocking; not on an event loop). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (saver != null) {
            saver.cancel(false);
        }
        SavedRoutingState state = null;
        try {
            state = loop.submit(engine::stop).get(5, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RejectedExecutionException notStopped) {
            LOG.log(Level.WARNING, "DHT node did not stop cleanly", notStopped);
        }
        channel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        if (state != null && stateFile.isPresent()) {
            save(state, snapshots.incrementAndGet());
        }
    }

    private <T> CompletableFuture<T> onLoop(Supplier<CompletableFuture<T>> operation) {
        if (closed) {
            return CompletableFuture.failedFuture(new DhtUnavailableException("the DHT node is stopped"));
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            loop.execute(() -> {
                try {
                    operation.get().whenComplete((value, failure) -> {
                        if (failure != null) {
                            result.completeExceptionally(failure instanceof java.util.concurrent.CompletionException
                                    && failure.getCause() != null ? failure.getCause() : failure);
                        } else {
                            result.complete(value);
                        }
                    });
                } catch (RuntimeException bug) {
                    result.completeExceptionally(bug);
                }
            });
        } catch (RejectedExecutionException stopped) {
            result.completeExceptionally(new DhtUnavailableException("the DHT node is stopped"));
        }
        return result;
    }

    private <T> T onLoopNow(Callable<T> read) {
        try {
            if (loop.inEventLoop()) {
                return read.call();
            }
            return loop.submit(read).get(5, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new DhtUnavailableException("interrupted while reading the DHT node's state");
        } catch (ExecutionException | TimeoutException | RejectedExecutionException failed) {
            throw new DhtUnavailableException("the DHT node did not answer (" + failed + ")");
        } catch (Exception bug) {
            throw new IllegalStateException(bug);
        }
    }

    private static NodeId infoHash(byte[] infoHash) {
        if (infoHash == null || infoHash.length != ID_LENGTH) {
            throw new IllegalArgumentException("an info-hash has 20 bytes, got "
                    + (infoHash == null ? "null" : infoHash.length + " bytes"));
        }
        return NodeId.of(infoHash);
    }
}
