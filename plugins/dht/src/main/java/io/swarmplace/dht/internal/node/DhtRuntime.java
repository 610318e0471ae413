package io.swarmplace.dht.internal.node;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
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
import io.swarmplace.dht.internal.krpc.CompactFormats;
import io.swarmplace.dht.internal.krpc.ItemPayload;
import io.swarmplace.dht.internal.krpc.NodeContact;
import io.swarmplace.dht.internal.krpc.NodeId;
import io.swarmplace.dht.internal.net.DhtCounters;
import io.swarmplace.dht.internal.net.UdpTransport;
import io.swarmplace.dht.internal.routing.RoutingStateException;
import io.swarmplace.dht.internal.routing.RoutingStateFile;
import io.swarmplace.dht.internal.routing.RoutingTable;
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
import java.util.ArrayList;
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
import java.util.function.BinaryOperator;
import java.util.function.Function;
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
    /** One per address family, IPv4 first; both run on one event loop. */
    private final List<Family> families;
    private final DhtEngine engine;
    private final EventExecutor loop;
    private final Optional<RoutingStateFile> stateFile;
    private volatile boolean closed;
    private io.netty.util.concurrent.ScheduledFuture<?> saver;
    private final java.util.concurrent.atomic.AtomicLong snapshots = new java.util.concurrent.atomic.AtomicLong();
    private long lastSaved;

    /** One address family's engine and the socket it speaks through (shared by both on a dual-stack socket). */
    private record Family(DhtEngine engine, Channel channel) {

        /** Where this family is bound: a dual-stack socket shows as 0.0.0.0 to its IPv4 side. */
        Optional<InetSocketAddress> boundAddress() {
            InetSocketAddress bound = (InetSocketAddress) channel.localAddress();
            if (bound == null || engine.ipv6() || bound.getAddress() instanceof Inet4Address) {
                return Optional.ofNullable(bound);
            }
            return Optional.of(new InetSocketAddress("0.0.0.0", bound.getPort()));
        }
    }

    private DhtRuntime(DhtSettings settings, List<Family> families, Optional<RoutingStateFile> stateFile) {
        this.settings = settings;
        this.families = List.copyOf(families);
        this.engine = families.get(0).engine();
        this.loop = engine.loop();
        this.stateFile = stateFile;
    }

    /**
     * Binds the node and starts bootstrapping (resolving bootstrap host names on {@code blocking}). Reads
     * the saved routing table first; a broken file is logged and ignored. Blocks until bound: call it
     * from a component's activation or a test, never from an event loop. With an IPv4 and an IPv6 address
     * the node is dual-stack (BEP 32): an engine and routing table per family, sharing stored peers and items;
     * the two wildcards share one socket on :: (falling back to 0.0.0.0 alone where the host has no IPv6).
     *
     * @throws DhtUnavailableException if an address cannot be bound
     */
    public static DhtRuntime start(DhtSettings settings, EventLoopGroup group, Executor blocking) throws InterruptedException {
        SecureRandom secure = new SecureRandom();
        Optional<RoutingStateFile> stateFile = settings.stateFile().map(RoutingStateFile::new);
        Optional<SavedRoutingState> saved = stateFile.flatMap(DhtRuntime::load);
        List<Family> families = bind(settings, group.next(), saved, secure);
        DhtRuntime runtime = new DhtRuntime(settings, families, stateFile);
        runtime.saveEvery(settings.saveInterval(), blocking);
        List<NodeContact> savedNodes = saved.map(SavedRoutingState::nodes).orElse(List.of());
        for (Family family : families) {
            DhtEngine engine = family.engine();
            boolean ipv6 = engine.ipv6();
            List<NodeContact> ofFamily = savedNodes.stream().filter(node -> CompactFormats.isIpv6(node.address()) == ipv6).toList();
            engine.loop().execute(engine::startMaintenance);
            Class<? extends InetAddress> type = ipv6 ? Inet6Address.class : Inet4Address.class;
            CompletableFuture.supplyAsync(() -> BootstrapAddresses.resolve(settings.bootstrapNodes(), type), blocking)
                    .thenAcceptAsync(addresses -> engine.bootstrap(ofFamily, addresses), engine.loop())
                    .exceptionally(failed -> {
                        LOG.log(Level.WARNING, "DHT bootstrap failed to start", failed);
                        return null;
                    });
        }
        return runtime;
    }

    private static List<Family> bind(DhtSettings settings, EventLoop loop, Optional<SavedRoutingState> saved, SecureRandom secure)
            throws InterruptedException {
        List<InetAddress> ips = settings.bindIps();
        DhtCounters counters = new DhtCounters();
        NodeStorage storage = NodeStorage.of(settings, System::nanoTime, secure);
        Random random = new Random();
        if (ips.size() == 2 && ips.get(0).isAnyLocalAddress() && ips.get(1).isAnyLocalAddress() && !ipv6SocketsAreIpv6Only()) {
            Channel dual = register(loop, SocketProtocolFamily.INET6);
            DhtEngine v4 = new DhtEngine(settings, ips.get(0), chooseId(saved, ips.get(0), secure), dual, counters,
                    System::nanoTime, random, secure, storage);
            DhtEngine v6 = new DhtEngine(settings, ips.get(1), chooseId(saved, ips.get(1), secure), dual, counters,
                    System::nanoTime, random, secure, storage);
            DhtEngine.pair(v4, v6);
            KrpcPipeline.install(dual.pipeline(), settings, new FamilyRouter(v4, v6), counters, System::nanoTime);
            try {
                bindOrFail(dual, ips.get(1), settings);
                return List.of(new Family(v4, dual), new Family(v6, dual));
            } catch (DhtUnavailableException noIpv6) {
                LOG.warning(() -> "DHT runs on IPv4 only: " + noIpv6.getMessage());
                ips = List.of(ips.get(0));
            }
        }
        List<Family> families = new ArrayList<>();
        try {
            for (InetAddress ip : ips) {
                Channel channel = register(loop, ip instanceof Inet6Address ? SocketProtocolFamily.INET6 : SocketProtocolFamily.INET);
                DhtEngine engine = new DhtEngine(settings, ip, chooseId(saved, ip, secure), channel, counters, System::nanoTime,
                        random, secure, storage);
                KrpcPipeline.install(channel.pipeline(), settings, engine, counters, System::nanoTime);
                families.add(new Family(engine, channel));
                bindOrFail(channel, ip, settings);
            }
        } catch (DhtUnavailableException | InterruptedException failed) {
            families.forEach(family -> family.channel().close().awaitUninterruptibly(2, TimeUnit.SECONDS));
            throw failed;
        }
        if (families.size() == 2) {
            DhtEngine.pair(families.get(0).engine(), families.get(1).engine());
        }
        return families;
    }

    /**
     * True where the system makes new IPv6 sockets IPv6-only (Linux {@code net.ipv6.bindv6only=1}); JDK sockets
     * cannot clear that flag, so there the two wildcards get a socket each.
     */
    private static boolean ipv6SocketsAreIpv6Only() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/net/ipv6/bindv6only")).strip().equals("1");
        } catch (IOException | RuntimeException notLinux) {
            return false;
        }
    }

    /** An unbound socket of {@code family} on {@code loop}'s transport; an IPv6 one also takes IPv4 (mapped). */
    private static Channel register(EventLoop loop, SocketProtocolFamily family) throws InterruptedException {
        Channel channel = UdpTransport.of(loop).newChannel(family, DhtSettings.MAX_PACKET);
        loop.register(channel).sync();
        return channel;
    }

    private static void bindOrFail(Channel channel, InetAddress ip, DhtSettings settings) {
        try {
            channel.bind(new InetSocketAddress(ip, settings.port())).sync();
        } catch (Exception bindFailed) {
            channel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
            throw new DhtUnavailableException("the DHT cannot listen on UDP " + ip.getHostAddress() + ":" + settings.port()
                    + " (" + bindFailed.getMessage() + "); choose another port or bindAddress");
        }
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
            SavedRoutingState state = snapshot();
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
        return onLoop(() -> eachFamily(each -> each.getPeers(target), DhtRuntime::merge));
    }

    @Override
    public CompletableFuture<AnnounceResult> announce(byte[] infoHash, int port) {
        NodeId target = infoHash(infoHash);
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0 (implied) or 1-65535, got " + port);
        }
        return onLoop(() -> eachFamily(each -> each.announce(target, port), DhtRuntime::merge));
    }

    @Override
    public CompletableFuture<DhtContact> ping(InetSocketAddress address) {
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("resolve " + address.getHostString() + " first: ping takes an IP address");
        }
        return onLoop(() -> engineFor(address).ping(address));
    }

    @Override
    public CompletableFuture<ItemPutResult> putImmutable(byte[] bencodedValue) {
        byte[] value = canonicalValue(bencodedValue, new byte[0]);
        NodeId target = ItemRules.immutableTarget(value);
        ItemPayload item = new ItemPayload(value, Optional.empty());
        return onLoop(() -> eachFamily(each -> each.putItem(target, item, new byte[0], OptionalLong.empty()), DhtRuntime::merge));
    }

    @Override
    public CompletableFuture<Optional<ImmutableItem>> getImmutable(byte[] target) {
        NodeId id = infoHash(target);
        return onLoop(() -> eachFamily(each -> each.getImmutable(id), (a, b) -> a.isPresent() ? a : b));
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
        return onLoop(() -> eachFamily(each -> each.putItem(target, item, saltCopy, expectedSeq), DhtRuntime::merge));
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
        return onLoop(() -> eachFamily(each -> each.getMutable(key, saltCopy), DhtRuntime::newer));
    }

    @Override
    public CompletableFuture<InfoHashSample> sampleInfoHashes(InetSocketAddress address, byte[] target) {
        NodeId id = infoHash(target);
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("resolve " + address.getHostString() + " first: sampling takes an IP address");
        }
        return onLoop(() -> engineFor(address).sampleInfoHashes(address, id));
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
        return onLoopNow(this::statsOnLoop);
    }

    // ---------------------------------------------------------------- for the component and tests

    public NodeId nodeId() {
        return engine.id();
    }

    public Optional<InetSocketAddress> localAddress() {
        return families.get(0).boundAddress();
    }

    /** Every socket address of the node, IPv4 first. */
    public List<InetSocketAddress> localAddresses() {
        return families.stream().flatMap(family -> family.boundAddress().stream()).toList();
    }

    /** The address other nodes on this machine reach us at (loopback when bound to every interface), IPv4 first. */
    public InetSocketAddress reachableAddress() {
        return reachableAddresses().get(0);
    }

    /** One address per family other nodes on this machine reach us at, IPv4 first. */
    public List<InetSocketAddress> reachableAddresses() {
        List<InetSocketAddress> reachable = new ArrayList<>();
        for (InetSocketAddress bound : localAddresses()) {
            if (!bound.getAddress().isAnyLocalAddress()) {
                reachable.add(bound);
            } else {
                InetAddress loopback = bound.getAddress() instanceof Inet6Address ? IPV6_LOOPBACK : InetAddress.getLoopbackAddress();
                reachable.add(new InetSocketAddress(loopback, bound.getPort()));
            }
        }
        if (reachable.isEmpty()) {
            throw new DhtUnavailableException("the DHT node is not bound");
        }
        return reachable;
    }

    /** The nodes in the routing table now. */
    public List<NodeContact> routingTable() {
        return onLoopNow(() -> families.stream().flatMap(family -> family.engine().table().contacts().stream()).toList());
    }

    /** Runs one maintenance round now (tests). */
    public void maintainNow() {
        onLoopNow(() -> {
            families.forEach(family -> family.engine().maintain());
            return null;
        });
    }

    /** Looks up our own id again from the table (tests, and a node that lost its neighbours). */
    public CompletableFuture<Integer> refreshNeighbourhood() {
        return onLoop(() -> eachFamily(each -> each.lookup(each.id(), IterativeLookup.Kind.FIND_NODE).thenApply(LookupResult::nodesAnswered),
                Integer::sum));
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
            state = loop.submit(() -> {
                families.forEach(family -> family.engine().stop());
                return snapshot();
            }).get(5, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RejectedExecutionException notStopped) {
            LOG.log(Level.WARNING, "DHT node did not stop cleanly", notStopped);
        }
        families.stream().map(Family::channel).distinct()
                .forEach(channel -> channel.close().awaitUninterruptibly(2, TimeUnit.SECONDS));
        if (state != null && stateFile.isPresent()) {
            save(state, snapshots.incrementAndGet());
        }
    }

    /** Both families' routing tables under the first family's id (one state file; each family reads back its own). */
    private SavedRoutingState snapshot() {
        List<NodeContact> nodes = new ArrayList<>();
        families.forEach(family -> nodes.addAll(family.engine().snapshot().nodes()));
        return new SavedRoutingState(engine.id(), nodes);
    }

    private DhtStats statsOnLoop() {
        int nodes = 0;
        int buckets = 0;
        int replacements = 0;
        for (Family family : families) {
            RoutingTable table = family.engine().table();
            nodes += table.size();
            buckets += table.bucketCount();
            replacements += table.replacementCount();
        }
        DhtStats first = engine.stats(localAddress());
        return new DhtStats(first.nodeIdHex(), first.localAddress(), nodes, buckets, replacements, first.messagesIn(),
                first.messagesOut(), first.dropped(), first.storedInfoHashes(), first.storedPeers(), first.storedImmutableItems(),
                first.storedMutableItems(), localAddresses());
    }

    /** The engine of {@code address}'s family; fails if the node has no socket of that family. */
    private DhtEngine engineFor(InetSocketAddress address) {
        boolean ipv6 = CompactFormats.isIpv6(address);
        return families.stream().map(Family::engine).filter(each -> each.ipv6() == ipv6).findFirst()
                .orElseThrow(() -> new DhtUnavailableException("this DHT node has no " + (ipv6 ? "IPv6" : "IPv4")
                        + " socket to reach " + address + "; add " + (ipv6 ? "::" : "0.0.0.0") + " to bindAddress"));
    }

    /**
     * Runs {@code operation} in every family (BEP 32: separate lookups over separate tables) and merges what
     * the families that succeeded found; fails only if every family failed.
     */
    private <T> CompletableFuture<T> eachFamily(Function<DhtEngine, CompletableFuture<T>> operation, BinaryOperator<T> merge) {
        if (families.size() == 1) {
            return operation.apply(engine);
        }
        List<CompletableFuture<T>> runs = families.stream().map(family -> operation.apply(family.engine())).toList();
        return CompletableFuture.allOf(runs.stream().map(run -> run.exceptionally(failed -> null)).toArray(CompletableFuture[]::new))
                .thenCompose(done -> {
                    List<T> succeeded = runs.stream().filter(run -> !run.isCompletedExceptionally()).map(CompletableFuture::join).toList();
                    return succeeded.isEmpty() ? runs.get(0) : CompletableFuture.completedFuture(succeeded.stream().reduce(merge).orElseThrow());
                });
    }

    private static PeerLookup merge(PeerLookup a, PeerLookup b) {
        return new PeerLookup(a.infoHashHex(), union(a.peers(), b.peers()), a.nodesAnswered() + b.nodesAnswered(),
                a.nodesQueried() + b.nodesQueried(), union(a.closestNodes(), b.closestNodes()));
    }

    private static AnnounceResult merge(AnnounceResult a, AnnounceResult b) {
        return new AnnounceResult(a.infoHashHex(), a.port(), union(a.announcedTo(), b.announcedTo()), a.refusedBy() + b.refusedBy(),
                union(a.peers(), b.peers()));
    }

    private static ItemPutResult merge(ItemPutResult a, ItemPutResult b) {
        return new ItemPutResult(a.targetHex(), union(a.storedAt(), b.storedAt()), a.refused() + b.refused());
    }

    private static Optional<MutableItem> newer(Optional<MutableItem> a, Optional<MutableItem> b) {
        if (a.isEmpty()) {
            return b;
        }
        return b.isPresent() && b.get().seq() > a.get().seq() ? b : a;
    }

    private static <E> List<E> union(List<E> a, List<E> b) {
        java.util.LinkedHashSet<E> all = new java.util.LinkedHashSet<>(a);
        all.addAll(b);
        return List.copyOf(all);
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
