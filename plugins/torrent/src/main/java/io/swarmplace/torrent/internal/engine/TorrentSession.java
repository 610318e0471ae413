package io.swarmplace.torrent.internal.engine;

import io.netty.channel.EventLoop;
import io.swarmplace.torrent.PeerStatus;
import io.swarmplace.torrent.Torrent;
import io.swarmplace.torrent.TorrentEvent;
import io.swarmplace.torrent.TorrentState;
import io.swarmplace.torrent.TorrentStatus;
import io.swarmplace.torrent.internal.choke.Choker;
import io.swarmplace.torrent.internal.picker.PiecePicker;
import io.swarmplace.torrent.internal.rate.RateMeter;
import io.swarmplace.torrent.internal.storage.TorrentStorage;
import io.swarmplace.torrent.metainfo.InfoHash;
import io.swarmplace.torrent.metainfo.Metainfo;
import io.swarmplace.torrent.metainfo.TorrentFile;
import io.swarmplace.torrent.metainfo.TorrentInfo;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One torrent in the engine. All state lives on one Netty event loop ({@link #loop}); the public
 * {@link Torrent} methods hop onto it, so they are safe from any thread. Collaborators: {@link
 * SwarmPeers} (who we are connected to), {@link PeerProtocol} (what we say to them), storage (disk),
 * the picker (what to ask for), trackers (where peers come from).
 */
final class TorrentSession implements Torrent {

    private static final Logger LOG = Logger.getLogger(TorrentSession.class.getName());
    private static final long STATUS_TIMEOUT_SECONDS = 10;

    final EngineRuntime runtime;
    final EventLoop loop;
    final InfoHash infoHash;
    final SwarmPeers peers;
    final PeerProtocol protocol;
    final RateMeter downloadRate;
    final RateMeter uploadRate;
    final Choker<PeerConnection> choker;

    private final String fallbackName;
    private volatile Path saveFolder;
    /** Trackers besides the torrent's own (from the magnet link or the add request). */
    List<java.net.URI> extraTrackers = List.of();
    private List<io.swarmplace.torrent.internal.wire.MetadataMessage.Data> metadataPieces;
    private int ticks;
    private int verifiedSinceSave;
    private static final int RESUME_SAVE_SECONDS = 15;
    private volatile Metainfo metainfo;
    TorrentStorage storage;
    PiecePicker<PeerConnection> picker;
    volatile TorrentState state;
    private volatile boolean paused;
    boolean sequential;
    private Optional<String> error = Optional.empty();
    volatile long downloadedBytes;
    volatile long uploadedBytes;
    /** Wanted bytes not yet verified, for trackers; 1 while a magnet link's size is unknown. */
    private volatile long bytesLeft = 1;
    long wastedBytes;
    private ScheduledFuture<?> tick;
    private ScheduledFuture<?> chokeRound;

    TorrentSession(EngineRuntime runtime, EventLoop loop, InfoHash infoHash, Optional<Metainfo> metainfo,
            String fallbackName, Path saveFolder, boolean sequential) {
        this.runtime = runtime;
        this.loop = loop;
        this.infoHash = infoHash;
        this.metainfo = metainfo.orElse(null);
        this.fallbackName = fallbackName;
        this.saveFolder = saveFolder;
        this.sequential = sequential;
        this.downloadRate = runtime.newRateMeter();
        this.uploadRate = runtime.newRateMeter();
        this.choker = runtime.newChoker();
        this.peers = new SwarmPeers(this);
        this.protocol = new PeerProtocol(this);
        this.state = metainfo.isPresent() ? TorrentState.CHECKING : TorrentState.FETCHING_METADATA;
    }

    // --- lifecycle, on the loop ---------------------------------------------------------------

    /** Opens storage (trusting resume data where files are unchanged) and starts finding peers. */
    void start(boolean startPaused) {
        paused = startPaused;
        if (metainfo != null) {
            openStorage();
        } else if (!paused) {
            state = TorrentState.FETCHING_METADATA;
            startNetworking();
        }
    }

    private void openStorage() {
        state = TorrentState.CHECKING;
        runtime.openStorage(this, metainfo.info(), saveFolder).whenComplete((opened, failure) -> loop.execute(() -> {
            if (failure != null) {
                fail("cannot open the files in " + saveFolder + ": " + rootMessage(failure));
                return;
            }
            storage = opened;
            picker = runtime.newPicker(metainfo.info(), storage.verifiedPieces());
            updateBytesLeft();
            picker.setSequential(sequential);
            // Peers connected while the metadata was missing: replay what they told us.
            peers.metadataKnown();
            state = picker.isComplete() ? TorrentState.SEEDING : TorrentState.DOWNLOADING;
            if (paused) {
                state = TorrentState.PAUSED;
            } else {
                startNetworking();
            }
        }));
    }

    private void startNetworking() {
        if (tick == null) {
            tick = loop.scheduleAtFixedRate(this::onTick, 1, 1, TimeUnit.SECONDS);
            chokeRound = loop.scheduleAtFixedRate(protocol::chokeRound, 0, 10, TimeUnit.SECONDS);
        }
        peers.startDiscovery();
    }

    private void stopNetworking() {
        if (tick != null) {
            tick.cancel(false);
            chokeRound.cancel(false);
            tick = null;
            chokeRound = null;
        }
        peers.stopDiscovery();
        peers.disconnectAll("torrent paused or removed");
    }

    private void onTick() {
        long now = System.nanoTime();
        protocol.checkTimeouts(now);
        peers.connectMore(now);
        ticks++;
        if (ticks % 60 == 0) {
            peers.extensions().pexRound();
        }
        if (ticks % 10 == 0) {
            peers.prune(now);
        }
        if (ticks % RESUME_SAVE_SECONDS == 0 && verifiedSinceSave > 0) {
            // A crash loses at most this many seconds of verified pieces.
            verifiedSinceSave = 0;
            runtime.saveResume(this);
        }
    }

    /** What the handshake handler needs to know: the info-hash and the largest message to accept. */
    io.swarmplace.torrent.internal.wire.LocalTorrent localTorrent() {
        Metainfo known = metainfo;
        return known == null
                ? io.swarmplace.torrent.internal.wire.LocalTorrent.withoutMetadata(infoHash)
                : io.swarmplace.torrent.internal.wire.LocalTorrent.withPieceCount(infoHash, known.info().pieceCount());
    }

    /** The trackers of a magnet link, for the metainfo built from fetched metadata. */
    List<List<java.net.URI>> announceTiers() {
        return extraTrackers.stream().map(List::of).toList();
    }

    /** The info dictionary cut into BEP 9 pieces, made once when first asked for. */
    List<io.swarmplace.torrent.internal.wire.MetadataMessage.Data> metadataPieces() {
        if (metadataPieces == null) {
            metadataPieces = io.swarmplace.torrent.internal.wire.MetadataPieces.split(metainfo.infoBytes());
        }
        return metadataPieces;
    }

    /** What trackers are told: payload bytes up and down, and bytes still missing. Any thread. */
    io.swarmplace.torrent.internal.tracker.TransferTotals transferTotals() {
        // Read without hopping onto the loop: announcers run on other threads and must never wait on us.
        return new io.swarmplace.torrent.internal.tracker.TransferTotals(uploadedBytes, downloadedBytes, bytesLeft);
    }

    void saveFolderMoved(Path folder) {
        saveFolder = folder;
    }

    /** The metadata of a magnet link arrived and checked out. */
    void metadataReceived(Metainfo received) {
        metainfo = received;
        runtime.persist(this);
        runtime.publish(new TorrentEvent.MetadataReceived(infoHash, received.info().name()));
        openStorage();
    }

    private void updateBytesLeft() {
        TorrentInfo info = metainfo.info();
        bytesLeft = Math.max(0, wantedBytes(info) - verifiedBytes(info, storage.verifiedPieces()));
    }

    void pieceVerified(int piece) {
        verifiedSinceSave++;
        bytesLeft = Math.max(0, bytesLeft - metainfo.info().pieceSize(piece));
        runtime.publish(new TorrentEvent.PieceVerified(infoHash, piece));
        if (picker.isComplete() && state == TorrentState.DOWNLOADING) {
            state = TorrentState.SEEDING;
            runtime.saveResume(this);
            peers.completed();
            runtime.publish(new TorrentEvent.Completed(infoHash));
            LOG.info(() -> "completed " + name());
        }
    }

    void fail(String message) {
        LOG.warning(() -> name() + ": " + message);
        error = Optional.of(message);
        state = TorrentState.ERROR;
        stopNetworking();
        runtime.publish(new TorrentEvent.Failed(infoHash, message));
    }

    /** Stops everything and saves resume data; completes when it is on disk. */
    CompletableFuture<Void> shutdown() {
        stopNetworking();
        if (storage == null) {
            return CompletableFuture.completedFuture(null);
        }
        TorrentStorage closing = storage;
        return runtime.saveResume(this).thenRun(closing::close);
    }

    // --- Torrent, from any thread ---------------------------------------------------------------

    @Override
    public InfoHash infoHash() {
        return infoHash;
    }

    @Override
    public Optional<Metainfo> metainfo() {
        return Optional.ofNullable(metainfo);
    }

    Path saveFolder() {
        return saveFolder;
    }

    String name() {
        return metainfo != null ? metainfo.info().name() : fallbackName;
    }

    @Override
    public TorrentStatus status() {
        return onLoop(this::statusNow);
    }

    private TorrentStatus statusNow() {
        long now = System.nanoTime();
        TorrentInfo info = metainfo == null ? null : metainfo.info();
        long wanted = info == null ? 0 : wantedBytes(info);
        BitSet verified = picker == null ? new BitSet() : storage.verifiedPieces();
        long verifiedBytes = info == null ? 0 : verifiedBytes(info, verified);
        long downRate = downloadRate.rate();
        long upRate = uploadRate.rate();
        Optional<Duration> eta = downRate > 0 && verifiedBytes < wanted
                ? Optional.of(Duration.ofSeconds((wanted - verifiedBytes) / downRate))
                : Optional.empty();
        int pieceCount = info == null ? 0 : info.pieceCount();
        return new TorrentStatus(infoHash, name(), state, wanted == 0 ? 0 : (double) verifiedBytes / wanted,
                wanted, verifiedBytes, downloadedBytes, uploadedBytes, wastedBytes, downRate, upRate,
                peers.connectedCount(), peers.seedCount(), verified.cardinality(), pieceCount, eta, saveFolder, error);
    }

    private static long wantedBytes(TorrentInfo info) {
        return info.files().stream().filter(f -> !f.padding()).mapToLong(TorrentFile::length).sum();
    }

    /** Verified bytes without padding: whole pieces, minus the padding they contain. */
    private static long verifiedBytes(TorrentInfo info, BitSet verified) {
        long total = 0;
        for (int piece = verified.nextSetBit(0); piece >= 0; piece = verified.nextSetBit(piece + 1)) {
            total += info.pieceSize(piece);
        }
        for (TorrentFile file : info.files()) {
            if (file.padding() && file.length() > 0) {
                int first = (int) (file.offset() / info.pieceLength());
                int last = (int) ((file.end() - 1) / info.pieceLength());
                for (int piece = first; piece <= last; piece++) {
                    if (verified.get(piece)) {
                        long start = Math.max(file.offset(), (long) piece * info.pieceLength());
                        long end = Math.min(file.end(), (long) piece * info.pieceLength() + info.pieceSize(piece));
                        total -= end - start;
                    }
                }
            }
        }
        return total;
    }

    @Override
    public List<PeerStatus> peers() {
        return onLoop(() -> peers.statuses(System.nanoTime()));
    }

    @Override
    public void pause() {
        loop.execute(() -> {
            if (paused || state == TorrentState.ERROR) {
                return;
            }
            paused = true;
            stopNetworking();
            if (storage != null) {
                runtime.saveResume(this);
            }
            state = TorrentState.PAUSED;
            runtime.persist(this);
        });
    }

    @Override
    public void resume() {
        loop.execute(() -> {
            if (!paused && state != TorrentState.ERROR) {
                return;
            }
            paused = false;
            error = Optional.empty();
            runtime.persist(this);
            if (metainfo == null) {
                state = TorrentState.FETCHING_METADATA;
                startNetworking();
            } else if (storage == null) {
                openStorage();
            } else {
                state = picker.isComplete() ? TorrentState.SEEDING : TorrentState.DOWNLOADING;
                startNetworking();
            }
        });
    }

    boolean isPaused() {
        return paused;
    }

    @Override
    public CompletableFuture<Void> remove(boolean deleteData) {
        return runtime.remove(this, deleteData);
    }

    CompletableFuture<Void> removeOnLoop(boolean deleteData) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        loop.execute(() -> {
            stopNetworking();
            if (storage == null) {
                done.complete(null);
                return;
            }
            TorrentStorage closing = storage;
            storage = null;
            CompletableFuture<Void> deleted = deleteData ? closing.deleteFiles() : CompletableFuture.completedFuture(null);
            deleted.whenComplete((ok, failure) -> {
                closing.close();
                complete(done, failure);
            });
        });
        return done;
    }

    @Override
    public CompletableFuture<Integer> recheck() {
        CompletableFuture<Integer> done = new CompletableFuture<>();
        loop.execute(() -> {
            if (storage == null) {
                done.completeExceptionally(new IllegalStateException(
                        "nothing to check yet: " + (metainfo == null ? "the metadata has not arrived" : "storage is not open")));
                return;
            }
            TorrentState before = state;
            state = TorrentState.CHECKING;
            peers.disconnectAll("rechecking");
            storage.recheck((checked, total, verifiedSoFar) -> { }).whenComplete((verified, failure) -> loop.execute(() -> {
                if (failure != null) {
                    fail("recheck failed: " + rootMessage(failure));
                    done.completeExceptionally(failure);
                    return;
                }
                picker = runtime.newPicker(metainfo.info(), verified);
                updateBytesLeft();
                picker.setSequential(sequential);
                state = paused ? TorrentState.PAUSED
                        : picker.isComplete() ? TorrentState.SEEDING : TorrentState.DOWNLOADING;
                runtime.saveResume(this);
                LOG.info(() -> name() + ": recheck found " + verified.cardinality() + " verified pieces (was " + before + ")");
                done.complete(verified.cardinality());
            }));
        });
        return done;
    }

    @Override
    public CompletableFuture<Void> moveStorage(Path folder) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        loop.execute(() -> {
            if (storage == null) {
                done.completeExceptionally(new IllegalStateException("nothing to move: storage is not open"));
                return;
            }
            storage.moveTo(folder).whenComplete((ok, failure) -> loop.execute(() -> {
                if (failure == null) {
                    runtime.moved(this, folder);
                }
                complete(done, failure);
            }));
        });
        return done;
    }

    @Override
    public void setSequential(boolean sequential) {
        loop.execute(() -> {
            this.sequential = sequential;
            if (picker != null) {
                picker.setSequential(sequential);
            }
            runtime.persist(this);
        });
    }

    @Override
    public void connect(InetSocketAddress peer) {
        loop.execute(() -> peers.dial(peer, io.swarmplace.torrent.PeerSource.MANUAL));
    }

    @Override
    public void setRateLimits(long downloadBytesPerSecond, long uploadBytesPerSecond) {
        peers.setRateLimits(downloadBytesPerSecond, uploadBytesPerSecond);
    }

    /** Runs {@code work} on the loop and waits for it; from the loop itself it runs directly. */
    <T> T onLoop(Callable<T> work) {
        try {
            if (loop.inEventLoop()) {
                return work.call();
            }
            return loop.submit(work).get(STATUS_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + infoHash, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(rootMessage(e), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the engine did not answer within " + STATUS_TIMEOUT_SECONDS + " s", e);
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static void complete(CompletableFuture<Void> done, Throwable failure) {
        if (failure == null) {
            done.complete(null);
        } else {
            done.completeExceptionally(failure);
        }
    }

    static String rootMessage(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    void log(Level level, String message) {
        LOG.log(level, () -> name() + ": " + message);
    }
}
