package io.swarmplace.torrent.internal.engine;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.traffic.GlobalTrafficShapingHandler;
import io.swarmplace.torrent.Torrent;
import io.swarmplace.torrent.PeerSource;
import io.swarmplace.torrent.TorrentEvent;
import io.swarmplace.torrent.internal.choke.BanList;
import io.swarmplace.torrent.internal.choke.Choker;
import io.swarmplace.torrent.internal.choke.ChokerConfig;
import io.swarmplace.torrent.internal.mse.EncryptionSettings;
import io.swarmplace.torrent.internal.mse.TorrentKeys;
import io.swarmplace.torrent.internal.picker.PiecePicker;
import io.swarmplace.torrent.internal.rate.RequestQueueSizer;
import io.swarmplace.torrent.internal.rate.RateMeter;
import io.swarmplace.torrent.internal.storage.DirectWriteBuffers;
import io.swarmplace.torrent.internal.storage.ReadCache;
import io.swarmplace.torrent.internal.storage.ResumeOutcome;
import io.swarmplace.torrent.internal.storage.StorageOptions;
import io.swarmplace.torrent.internal.storage.TorrentStorage;
import io.swarmplace.torrent.internal.tracker.TrackerAnnouncer;
import io.swarmplace.torrent.internal.wire.PeerId;
import io.swarmplace.torrent.internal.wire.ReservedBits;
import io.swarmplace.torrent.internal.wire.WireSettings;
import io.swarmplace.torrent.internal.wire.WireStatistics;
import io.swarmplace.torrent.metainfo.TorrentInfo;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.BitSet;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.IntSupplier;
import java.util.logging.Logger;

/**
 * What all torrents of the engine share: the Netty event loops, the disk threads, the listening socket,
 * the peer id, global limits and the ban list. One per activation of {@link TorrentEngine}.
 */
final class EngineRuntime implements AutoCloseable {

    private static final int KEEP_ALIVE_SECONDS = 60;
    private static final Logger LOG = Logger.getLogger(EngineRuntime.class.getName());
    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    /**
     * Data queued for a peer's socket beyond which we stop taking up its requests (and below which we go
     * on), as libtorrent's send buffer watermark: deep enough to keep a fast socket busy between event-loop
     * rounds, small enough that queued requests cost keys rather than megabytes.
     */
    private static final WriteBufferWaterMark PEER_WRITE_BUFFER = new WriteBufferWaterMark(1 << 20, 4 << 20);

    private final EngineConfig config;
    private final TorrentEngine engine;
    private final EventLoopGroup network;
    private final ExecutorService disk;
    /** Shared by every torrent's storage: one staging buffer per disk thread. */
    private final Optional<DirectWriteBuffers> directWriteBuffers;
    /** Shared by all torrents, so {@code readCacheBytes} bounds the engine, not each torrent. */
    private final ReadCache readCache;
    private final PeerId peerId;
    private final WireStatistics wireStatistics = new WireStatistics();
    /** Replaced when the DHT comes or goes: the handshake's DHT bit says whether we run a node. */
    private volatile WireSettings wireSettings;
    private volatile DhtPeerDiscovery dht;
    private final EncryptionSettings encryption;
    private final TorrentKeys torrentKeys;
    private final SecureRandom random = new SecureRandom();
    private final BanList banList = new BanList();
    private final RequestQueueSizer requestQueueSizer = new RequestQueueSizer();
    private final AtomicInteger connections = new AtomicInteger();
    private final GlobalTrafficShapingHandler globalShaper;
    private final Map<TorrentSession, GlobalTrafficShapingHandler> torrentShapers = new ConcurrentHashMap<>();
    private final EngineTrackers trackers;
    private final EventBus events;
    private final Channel listener;
    private final InetSocketAddress listenAddress;

    EngineRuntime(EngineConfig config, TorrentEngine engine, EventBus events) throws InterruptedException {
        this.config = config;
        this.engine = engine;
        this.events = events;
        this.peerId = PeerId.generate(random);
        this.wireSettings = new WireSettings(peerId, ReservedBits.ours(false), WireSettings.DEFAULT_HANDSHAKE_TIMEOUT, wireStatistics);
        this.encryption = new EncryptionSettings(config.outgoingEncryption(), config.incomingEncryption(),
                config.allowedEncryption().methods(), config.preferRc4(), WireSettings.DEFAULT_HANDSHAKE_TIMEOUT, random);
        this.torrentKeys = new TorrentKeys(() -> engine.torrents().stream().map(Torrent::infoHash).toList());
        this.network = new MultiThreadIoEventLoopGroup(config.networkThreads(), NioIoHandler.newFactory());
        this.readCache = new ReadCache(config.readCacheBytes());
        this.directWriteBuffers = config.directWrites()
                ? Optional.of(new DirectWriteBuffers(config.diskThreads()))
                : Optional.empty();
        AtomicInteger diskThreadNumber = new AtomicInteger();
        this.disk = new ThreadPoolExecutor(config.diskThreads(), config.diskThreads(), 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread thread = new Thread(r, "swarmplace-disk-" + diskThreadNumber.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.globalShaper = config.uploadRateLimit() > 0 || config.downloadRateLimit() > 0
                ? new GlobalTrafficShapingHandler(network.next(), config.uploadRateLimit(), config.downloadRateLimit(), 1000)
                : null;
        this.trackers = new EngineTrackers(network,
                config.outgoingAddress().isBlank() ? "0.0.0.0" : config.outgoingAddress());
        try {
            this.listener = new ServerBootstrap()
                    .group(network)
                    .channel(NioServerSocketChannel.class)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, PEER_WRITE_BUFFER)
                    .childHandler(new PeerChannelInitializer(this, null, false))
                    .bind(new InetSocketAddress(config.listenAddress(), config.listenPort()))
                    .sync()
                    .channel();
        } catch (RuntimeException | InterruptedException e) {
            close();
            throw e;
        }
        this.listenAddress = (InetSocketAddress) listener.localAddress();
        LOG.info(() -> "accepting peers on " + listenAddress);
    }

    EventLoopGroup network() {
        return network;
    }

    InetSocketAddress listenAddress() {
        return listenAddress;
    }

    PeerId peerId() {
        return peerId;
    }

    WireSettings wireSettings() {
        return wireSettings;
    }

    EncryptionSettings encryption() {
        return encryption;
    }

    /** Finds the torrent an incoming MSE peer names by HASH('req2', info-hash). */
    TorrentKeys torrentKeys() {
        return torrentKeys;
    }

    WireStatistics wireStatistics() {
        return wireStatistics;
    }

    int peerIdleTimeoutSeconds() {
        return config.peerIdleTimeoutSeconds();
    }

    /** Detects dead peers: nothing read for the idle timeout ({@link KeepAliveHandler} closes them). */
    IdleStateHandler idleStateHandler() {
        return new IdleStateHandler(config.peerIdleTimeoutSeconds(), 0, 0);
    }

    /** Sends a keep-alive after 30 to 60 s in which we wrote nothing. */
    KeepAliveHandler keepAliveHandler() {
        return new KeepAliveHandler(Duration.ofSeconds(KEEP_ALIVE_SECONDS / 2));
    }

    TorrentEngine engine() {
        return engine;
    }

    /**
     * The engine-wide rate limit, or null without one. Rate limit handlers join a pipeline only when there
     * is a limit: unlimited, they only count (8% of the event loop's samples in a download profile).
     */
    GlobalTrafficShapingHandler globalShaper() {
        return globalShaper;
    }

    /** The torrent's rate limit, or null while none was ever set for it. */
    GlobalTrafficShapingHandler torrentShaper(TorrentSession session) {
        return torrentShapers.get(session);
    }

    /**
     * Sets a torrent's limits (0 = none). The first limit creates its handler and puts it into the pipeline
     * of every connection of the torrent; connections made later get it when their handshake completes.
     */
    void setTorrentRateLimits(TorrentSession session, long download, long upload) {
        GlobalTrafficShapingHandler shaper = torrentShapers.get(session);
        if (shaper != null) {
            shaper.configure(upload, download);
            return;
        }
        if (download <= 0 && upload <= 0) {
            return;
        }
        GlobalTrafficShapingHandler created = torrentShapers.computeIfAbsent(session,
                s -> new GlobalTrafficShapingHandler(network.next(), upload, download, 1000));
        created.configure(upload, download);
        session.loop.execute(() -> session.peers.connected().forEach(peer -> addTorrentShaper(peer.channel(), created)));
    }

    /** Puts the torrent's rate limit in front of the message framing, on the channel's loop (once). */
    void addTorrentShaper(Channel channel, GlobalTrafficShapingHandler shaper) {
        channel.eventLoop().execute(() -> {
            ChannelPipeline pipeline = channel.pipeline();
            if (pipeline.get(PeerChannelInitializer.TORRENT_SHAPER) == null
                    && pipeline.get(io.swarmplace.torrent.internal.wire.HandshakeHandler.FRAME_DECODER) != null) {
                pipeline.addBefore(io.swarmplace.torrent.internal.wire.HandshakeHandler.FRAME_DECODER,
                        PeerChannelInitializer.TORRENT_SHAPER, shaper);
            }
        });
    }

    ChannelFuture dial(TorrentSession session, InetSocketAddress address) {
        return dial(session, address, false);
    }

    /**
     * Dials {@code address} for {@code session}; {@code plaintextRetry} skips MSE/PE because an encrypted
     * attempt to the same peer just failed.
     */
    ChannelFuture dial(TorrentSession session, InetSocketAddress address, boolean plaintextRetry) {
        Bootstrap bootstrap = new Bootstrap()
                .group(session.loop)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, PEER_WRITE_BUFFER)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
                .handler(new PeerChannelInitializer(this, session, plaintextRetry));
        if (!config.outgoingAddress().isBlank()) {
            return bootstrap.connect(address, new InetSocketAddress(config.outgoingAddress(), 0));
        }
        return bootstrap.connect(address);
    }

    /**
     * Opens a torrent's files and settles what is verified: resume data is trusted where the files are
     * unchanged, pieces of changed files are hashed again, and without usable resume data whatever is
     * already on disk is hashed (so adding a torrent next to its data seeds it).
     */
    CompletableFuture<TorrentStorage> openStorage(TorrentSession session, TorrentInfo info, Path folder) {
        StorageOptions options = StorageOptions.defaults()
                .withReadCache(readCache)
                .withHashParallelism(config.diskThreads())
                .withDirectWrites(directWriteBuffers);
        Path resume = engine.state().resumeFile(session.infoHash);
        return TorrentStorage.open(info, folder, options, disk, resume).thenCompose(storage -> {
            ResumeOutcome outcome = storage.resumeOutcome();
            outcome.problem().ifPresent(p -> LOG.warning(() -> session.name() + ": resume data not used: " + p.getMessage()));
            CompletableFuture<BitSet> checked = switch (outcome.status()) {
                case ACCEPTED -> CompletableFuture.completedFuture(storage.verifiedPieces());
                case PARTIAL -> storage.recheck(outcome.dropped(), (done, total, verified) -> { });
                case NONE, REJECTED -> anyFileExists(storage, info)
                        ? storage.recheck((done, total, verified) -> { })
                        : CompletableFuture.completedFuture(storage.verifiedPieces());
            };
            return checked.thenApply(verified -> storage);
        });
    }

    private static boolean anyFileExists(TorrentStorage storage, TorrentInfo info) {
        for (int i = 0; i < info.files().size(); i++) {
            if (!info.files().get(i).padding() && storage.filePath(i).map(java.nio.file.Files::exists).orElse(false)) {
                return true;
            }
        }
        return false;
    }

    CompletableFuture<Void> saveResume(TorrentSession session) {
        TorrentStorage storage = session.storage;
        if (storage == null) {
            return CompletableFuture.completedFuture(null);
        }
        Path file = engine.state().resumeFile(session.infoHash);
        return storage.saveResumeData(file).handle((saved, failure) -> {
            if (failure != null) {
                LOG.warning(() -> "cannot save resume data of " + session.name() + " to " + file + ": " + failure.getMessage());
            }
            return null;
        });
    }

    PiecePicker<PeerConnection> newPicker(TorrentInfo info, BitSet verified) {
        return PiecePicker.forTorrent(info, verified, new Random(random.nextLong()));
    }

    Choker<PeerConnection> newChoker() {
        ChokerConfig defaults = ChokerConfig.DEFAULTS;
        ChokerConfig chokerConfig = new ChokerConfig(config.uploadSlots(), defaults.optimisticSlots(),
                defaults.optimisticEveryRounds(), defaults.newcomerWindow(), defaults.newcomerWeight(),
                defaults.minReciprocationRate());
        return new Choker<>(chokerConfig, new Random(random.nextLong()), System::nanoTime);
    }

    /** Upload slots of a torrent: the regular ones plus the optimistic ones the choker adds. */
    BanList banList() {
        return banList;
    }

    RateMeter newRateMeter() {
        return new RateMeter(System::nanoTime);
    }

    int requestQueueSize(PeerConnection peer) {
        int peerLimit = peer.extensions.map(e -> e.requestQueueLength().orElse(RequestQueueSizer.DEFAULT_PEER_REQQ))
                .orElse(RequestQueueSizer.DEFAULT_PEER_REQQ);
        return Math.min(config.maxRequestsPerPeer(),
                requestQueueSizer.queueSize(peer.downloadRate.rate(), peerLimit, peer.snubbed));
    }

    TrackerAnnouncer newAnnouncer(TorrentSession session, BiConsumer<InetSocketAddress, PeerSource> peers) {
        return engine.announcerFor(session, trackers, peers);
    }

    void persist(TorrentSession session) {
        disk.execute(() -> engine.persist(session));
    }

    void publish(TorrentEvent event) {
        events.publish(event);
    }

    CompletableFuture<Void> remove(TorrentSession session, boolean deleteData) {
        return engine.remove(session, deleteData);
    }

    void moved(TorrentSession session, Path folder) {
        disk.execute(() -> engine.moved(session, folder));
    }

    boolean isBanned(InetAddress address) {
        return banList.isBanned(address);
    }

    boolean isSelf(InetSocketAddress address) {
        return address.getPort() == listenAddress.getPort()
                && (address.getAddress().isLoopbackAddress() || address.getAddress().isAnyLocalAddress()
                        || address.getAddress().equals(listenAddress.getAddress()));
    }

    boolean reserveConnection() {
        while (true) {
            int current = connections.get();
            if (current >= config.maxConnections()) {
                return false;
            }
            if (connections.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    void releaseConnection() {
        connections.decrementAndGet();
    }

    int connectionCount() {
        return connections.get();
    }

    int uploadSlots() {
        return config.uploadSlots();
    }

    int maxConnectionsPerTorrent() {
        return config.maxConnectionsPerTorrent();
    }

    boolean dialWhenSeeding() {
        return true;
    }

    /** The DHT while a node runs in this framework; null without one. */
    DhtPeerDiscovery dht() {
        return dht;
    }

    /**
     * A DHT appeared (or replaced another). New connections set the handshake's DHT bit when its node
     * runs (a disabled node still registers the service, and fails every lookup).
     */
    void useDht(DhtPeerDiscovery discovery) {
        dht = discovery;
        wireSettings = withDhtBit(discovery.port().isPresent());
    }

    /** The DHT went away; a newer one that replaced it stays. Returns whether {@code discovery} was in use. */
    boolean dropDht(DhtPeerDiscovery discovery) {
        if (dht != discovery) {
            return false;
        }
        dht = null;
        wireSettings = withDhtBit(false);
        return true;
    }

    private WireSettings withDhtBit(boolean on) {
        WireSettings current = wireSettings;
        return new WireSettings(current.peerId(), current.reserved().withDht(on), current.handshakeTimeout(),
                current.statistics());
    }

    /** A peer's PORT message: the DHT node at {@code node} gets a ping, which adds it to our routing table. */
    void dhtNodeLearned(InetSocketAddress node) {
        DhtPeerDiscovery current = dht;
        if (current != null) {
            current.nodeLearned(node);
        }
    }

    /** The UDP port to send in PORT messages; empty without a running DHT node. */
    OptionalInt dhtPort() {
        DhtPeerDiscovery current = dht;
        return current == null ? OptionalInt.empty() : current.port();
    }

    /** A DHT announcer for a public torrent, or null while no DHT runs. */
    DhtAnnouncer newDhtAnnouncer(TorrentSession session, IntSupplier connectedPeers,
            BiConsumer<InetSocketAddress, PeerSource> peers) {
        DhtPeerDiscovery current = dht;
        if (current == null) {
            return null;
        }
        return new DhtAnnouncer(session, current, connectedPeers, peers,
                Duration.ofSeconds(config.dhtAnnounceIntervalSeconds()),
                Duration.ofSeconds(config.dhtFewPeersIntervalSeconds()));
    }

    int diskThreads() {
        return config.diskThreads();
    }

    ExecutorService disk() {
        return disk;
    }

    void forget(TorrentSession session) {
        GlobalTrafficShapingHandler shaper = torrentShapers.remove(session);
        if (shaper != null) {
            shaper.release();
        }
    }

    @Override
    public void close() {
        if (listener != null) {
            listener.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
        if (trackers != null) {
            trackers.close();
        }
        if (globalShaper != null) {
            globalShaper.release();
        }
        torrentShapers.values().forEach(GlobalTrafficShapingHandler::release);
        network.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        disk.shutdown();
        try {
            disk.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        readCache.close();
    }
}
