package io.swarmplace.torrent.internal.engine;

import io.swarmplace.torrent.AddTorrent;
import io.swarmplace.torrent.CreateTorrent;
import io.swarmplace.torrent.EngineStatus;
import io.swarmplace.torrent.PeerSource;
import io.swarmplace.torrent.Torrent;
import io.swarmplace.torrent.TorrentEventListener;
import io.swarmplace.torrent.TorrentService;
import io.swarmplace.torrent.internal.create.CreationProgress;
import io.swarmplace.torrent.internal.create.TorrentCreationOptions;
import io.swarmplace.torrent.internal.create.TorrentCreator;
import io.swarmplace.torrent.internal.tracker.TrackerAnnouncer;
import io.swarmplace.torrent.internal.wire.PeerId;
import io.swarmplace.torrent.metainfo.InfoHash;
import io.swarmplace.torrent.metainfo.MagnetLink;
import io.swarmplace.torrent.metainfo.Metainfo;
import io.swarmplace.torrent.metainfo.MetainfoException;
import io.swarmplace.torrent.metainfo.MetainfoReader;
import io.swarmplace.torrent.metainfo.MetainfoWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.logging.Logger;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The BitTorrent engine component: owns the torrents, keeps them across restarts, and registers the
 * {@link TorrentService}. Listeners registered as {@link TorrentEventListener} services get its events.
 */
@Component(service = TorrentService.class, configurationPid = TorrentEngine.PID, immediate = true)
@Designate(ocd = EngineConfig.class)
public class TorrentEngine implements TorrentService {

    static final String PID = "io.swarmplace.torrent";
    private static final Logger LOG = Logger.getLogger(TorrentEngine.class.getName());

    private final EventBus events = new EventBus();
    private final Map<InfoHash, TorrentSession> sessions = new LinkedHashMap<>();
    private final Map<InfoHash, Long> addedOrder = new LinkedHashMap<>();
    private final AtomicLong nextOrder = new AtomicLong();
    private final EngineRuntime runtime;
    private final StateStore state;
    private final Path downloadFolder;
    /** Set on deactivation: SCR unbinds the DHT after that, when the torrents' loops are gone. */
    private volatile boolean deactivated;

    @Activate
    public TorrentEngine(EngineConfig config, BundleContext context) throws InterruptedException {
        Path data = dataDirectory(context);
        this.downloadFolder = config.downloadFolder().isBlank() ? data.resolve("downloads") : Path.of(config.downloadFolder());
        this.state = new StateStore(config.stateFolder().isBlank() ? data.resolve("torrent") : Path.of(config.stateFolder()));
        this.runtime = new EngineRuntime(config, this, events);
        restore();
    }

    /** Tests run the engine outside OSGi with explicit folders. */
    TorrentEngine(EngineConfig config, Path downloadFolder, Path stateFolder) throws InterruptedException {
        this.downloadFolder = downloadFolder;
        this.state = new StateStore(stateFolder);
        this.runtime = new EngineRuntime(config, this, events);
        restore();
    }

    private static Path dataDirectory(BundleContext context) {
        String data = context.getProperty("swarmplace.data");
        if (data != null) {
            return Path.of(data);
        }
        return context.getDataFile("").toPath();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addListener(TorrentEventListener listener) {
        events.add(listener);
    }

    void removeListener(TorrentEventListener listener) {
        events.remove(listener);
    }

    /**
     * The DHT, when a node runs: public torrents then find peers and announce through it. Optional and
     * dynamic so the engine runs the same without the DHT bundle; greedy so a newer node replaces an old one.
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindDht(DhtPeerDiscovery dht) {
        runtime.useDht(dht);
        dhtChanged();
        LOG.info("finding peers of public torrents through the DHT");
    }

    void unbindDht(DhtPeerDiscovery dht) {
        if (runtime.dropDht(dht) && !deactivated) {
            dhtChanged();
            LOG.info("the DHT went away; torrents find peers through trackers and peer exchange only");
        }
    }

    private void dhtChanged() {
        if (deactivated) {
            return;
        }
        for (Torrent torrent : torrents()) {
            TorrentSession session = (TorrentSession) torrent;
            session.loop.execute(session.peers::dhtChanged);
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        deactivated = true;
        List<TorrentSession> all;
        synchronized (sessions) {
            all = new ArrayList<>(sessions.values());
        }
        List<CompletableFuture<Void>> stopped = new ArrayList<>();
        for (TorrentSession session : all) {
            stopped.add(CompletableFuture.supplyAsync(session::shutdown, session.loop).thenCompose(f -> f));
        }
        try {
            CompletableFuture.allOf(stopped.toArray(CompletableFuture[]::new)).get(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.warning(() -> "torrents did not stop within 5 s: " + e.getMessage());
        }
        runtime.close();
        events.close();
    }

    StateStore state() {
        return state;
    }

    PeerId peerId() {
        return runtime.peerId();
    }

    // --- TorrentService ---------------------------------------------------------------------------

    @Override
    public Torrent add(AddTorrent request) {
        Optional<MagnetLink> magnet = request.source() instanceof AddTorrent.MagnetSource source
                ? Optional.of(MagnetLink.parse(source.uri()))
                : Optional.empty();
        Optional<Metainfo> metainfo = magnet.isPresent()
                ? Optional.empty()
                : Optional.of(new MetainfoReader().read(torrentBytes(request.source())));
        InfoHash infoHash = metainfo.map(Metainfo::infoHash).orElseGet(() -> magnet.orElseThrow().infoHash());
        synchronized (sessions) {
            TorrentSession existing = sessions.get(infoHash);
            if (existing != null) {
                request.peers().forEach(existing::connect);
                return existing;
            }
            Path folder = request.saveFolder().orElse(downloadFolder).toAbsolutePath();
            String name = metainfo.map(m -> m.info().name())
                    .orElseGet(() -> magnet.orElseThrow().displayName().orElse(infoHash.hex()));
            TorrentSession session = new TorrentSession(runtime, runtime.network().next(), infoHash, metainfo, name,
                    folder, request.sequential());
            session.extraTrackers = extraTrackers(request, metainfo, magnet);
            sessions.put(infoHash, session);
            addedOrder.put(infoHash, nextOrder.getAndIncrement());
            saveNew(session, metainfo, magnet, request.paused());
            session.loop.execute(() -> {
                session.start(request.paused());
                magnet.ifPresent(m -> m.peers().forEach(p -> session.peers.offer(p, PeerSource.MAGNET_LINK)));
                request.peers().forEach(p -> session.peers.dial(p, PeerSource.MANUAL));
            });
            LOG.info(() -> "added " + infoHash + " " + name + " saving to " + folder);
            return session;
        }
    }

    private static List<URI> extraTrackers(AddTorrent request, Optional<Metainfo> metainfo, Optional<MagnetLink> magnet) {
        boolean privateTorrent = metainfo.map(m -> m.info().privateTorrent()).orElse(false);
        if (privateTorrent) {
            return List.of(); // BEP 27: only the torrent's own trackers
        }
        List<URI> trackers = new ArrayList<>(request.extraTrackers());
        magnet.ifPresent(m -> trackers.addAll(m.trackers()));
        return trackers;
    }

    private static byte[] torrentBytes(AddTorrent.Source source) {
        if (source instanceof AddTorrent.TorrentBytesSource bytes) {
            return bytes.bytes();
        }
        Path file = ((AddTorrent.TorrentFileSource) source).file();
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new MetainfoException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<Torrent> torrents() {
        synchronized (sessions) {
            return List.copyOf(sessions.values());
        }
    }

    @Override
    public Optional<Torrent> find(InfoHash infoHash) {
        synchronized (sessions) {
            return Optional.ofNullable(sessions.get(infoHash));
        }
    }

    /** For incoming handshakes: called on a network thread, answers from memory. */
    Optional<io.swarmplace.torrent.internal.wire.LocalTorrent> lookup(InfoHash infoHash) {
        return session(infoHash).filter(s -> !s.isPaused()).map(TorrentSession::localTorrent);
    }

    Optional<TorrentSession> session(InfoHash infoHash) {
        synchronized (sessions) {
            return Optional.ofNullable(sessions.get(infoHash));
        }
    }

    @Override
    public CompletableFuture<Metainfo> create(Path content, CreateTorrent options) {
        TorrentCreationOptions.Builder creation = TorrentCreationOptions.builder()
                .privateTorrent(options.privateTorrent())
                .padding(options.padFiles());
        options.pieceLength().ifPresent(creation::pieceLength);
        options.trackerTiers().forEach(creation::trackerTier);
        options.webSeeds().forEach(creation::webSeed);
        options.comment().ifPresent(creation::comment);
        return new TorrentCreator(runtime.disk(), runtime.diskThreads())
                .create(content, creation.build(), CreationProgress.none());
    }

    @Override
    public EngineStatus status() {
        long now = System.nanoTime();
        long down = 0;
        long up = 0;
        for (Torrent torrent : torrents()) {
            TorrentSession session = (TorrentSession) torrent;
            down += session.downloadRate.rate();
            up += session.uploadRate.rate();
        }
        return new EngineStatus(runtime.listenAddress(), runtime.peerId().toString(), torrents().size(),
                runtime.connectionCount(), down, up, 0, 0);
    }

    // --- called by sessions -------------------------------------------------------------------------

    CompletableFuture<Void> remove(TorrentSession session, boolean deleteData) {
        synchronized (sessions) {
            if (sessions.remove(session.infoHash) == null) {
                return CompletableFuture.completedFuture(null);
            }
            addedOrder.remove(session.infoHash);
        }
        return session.removeOnLoop(deleteData).whenComplete((ok, failure) -> {
            state.forget(session.infoHash);
            runtime.forget(session);
            LOG.info(() -> "removed " + session.infoHash + (deleteData ? " and its files" : ""));
        });
    }

    TrackerAnnouncer announcerFor(TorrentSession session, EngineTrackers clients,
            BiConsumer<InetSocketAddress, PeerSource> peers) {
        List<List<URI>> tiers = new ArrayList<>(session.metainfo().map(Metainfo::announceTiers).orElse(List.of()));
        for (URI extra : session.extraTrackers) {
            tiers.add(List.of(extra));
        }
        if (tiers.isEmpty()) {
            return null;
        }
        return clients.announcer(session.infoHash, tiers, runtime.peerId().bytes(), runtime.listenAddress().getPort(),
                session::transferTotals, peers);
    }

    private void saveNew(TorrentSession session, Optional<Metainfo> metainfo, Optional<MagnetLink> magnet, boolean paused) {
        try {
            if (metainfo.isPresent()) {
                state.saveTorrent(session.infoHash, new MetainfoWriter().write(metainfo.get()));
            } else {
                state.saveMagnet(session.infoHash, magnet.orElseThrow().toUri());
            }
            state.saveSettings(session.infoHash, settings(session, paused));
        } catch (UncheckedIOException e) {
            LOG.warning(() -> "cannot save " + session.infoHash + " for the next start: " + e.getMessage());
        }
    }

    void persist(TorrentSession session) {
        synchronized (sessions) {
            if (!sessions.containsKey(session.infoHash)) {
                return;
            }
        }
        try {
            session.metainfo().ifPresent(m -> state.saveTorrent(session.infoHash, new MetainfoWriter().write(m)));
            state.saveSettings(session.infoHash, settings(session, session.isPaused()));
        } catch (UncheckedIOException e) {
            LOG.warning(() -> "cannot save " + session.infoHash + ": " + e.getMessage());
        }
    }

    void moved(TorrentSession session, Path folder) {
        session.saveFolderMoved(folder);
        persist(session);
    }

    private SavedTorrent.Settings settings(TorrentSession session, boolean paused) {
        long order;
        synchronized (sessions) {
            order = addedOrder.getOrDefault(session.infoHash, 0L);
        }
        return new SavedTorrent.Settings(order, session.saveFolder(), paused, session.sequential);
    }

    private void restore() {
        for (SavedTorrent saved : state.load()) {
            try {
                AddTorrent.Source source = saved.torrentFile().<AddTorrent.Source>map(AddTorrent.TorrentBytesSource::new)
                        .orElseGet(() -> new AddTorrent.MagnetSource(saved.magnetLink().orElseThrow()));
                add(AddTorrent.of(source).savingTo(saved.settings().saveFolder())
                        .paused(saved.settings().paused()).sequential(saved.settings().sequential()));
            } catch (RuntimeException e) {
                LOG.warning(() -> "cannot restore torrent " + saved.infoHash() + ": " + e.getMessage());
            }
        }
        nextOrder.set(addedOrder.values().stream().mapToLong(Long::longValue).max().orElse(-1) + 1);
    }
}
