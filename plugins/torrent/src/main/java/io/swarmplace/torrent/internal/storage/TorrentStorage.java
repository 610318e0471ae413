package io.swarmplace.torrent.internal.storage;

import io.netty.buffer.ByteBuf;
import io.swarmplace.torrent.metainfo.TorrentInfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * The files of one torrent on disk. Every operation that touches the disk or hashes runs on the disk
 * executor given to {@link #open}, never on the caller's thread, and answers with a future; callers on
 * Netty event loops can chain on it. Failures complete the future exceptionally with a
 * {@link StorageException} (wrapped in a CompletionException by the future machinery).
 *
 * <p>Only verified data ever reaches the disk: the engine hands whole pieces to {@link #writePiece}, which
 * hashes them in memory first. Files are created on the first write into them, sparse, with their
 * folders. Piece reads, writes and rechecks run in parallel; saving resume data, moving, deleting and
 * closing wait for them and run alone.
 */
public final class TorrentStorage implements AutoCloseable {

    private final TorrentInfo info;
    private final PieceMap map;
    private final Executor executor;
    private final FileHandles handles;
    private final ReadCache cache;
    private final ResumeOutcome resumeOutcome;
    private final int hashParallelism;

    /** Shared by piece I/O; exclusive for whatever changes the layout or must see it still. */
    private final ReentrantReadWriteLock layoutLock = new ReentrantReadWriteLock(true);
    private final PieceIo io;
    private volatile boolean closed;
    private final Object emptyFilesLock = new Object();
    private boolean emptyFilesCreated;

    private final BitSet verified;
    private final ConcurrentHashMap<Integer, CompletableFuture<Void>> loading = new ConcurrentHashMap<>();

    private final LongAdder piecesHashed = new LongAdder();
    private final LongAdder bytesHashed = new LongAdder();
    private final LongAdder hashFailures = new LongAdder();
    private final LongAdder piecesWritten = new LongAdder();
    private final LongAdder cacheHits = new LongAdder();
    private final LongAdder cacheMisses = new LongAdder();

    private TorrentStorage(TorrentInfo info, PieceMap map, StoragePaths paths, StorageOptions options,
            Executor executor, ResumeOutcome resumeOutcome) {
        this.info = info;
        this.map = map;
        this.executor = executor;
        DirectWrites directWrites = DirectWrites.through(options.directWrites());
        this.handles = new FileHandles(options.maxOpenFiles(), directWrites);
        this.io = new PieceIo(handles, directWrites, paths);
        this.cache = options.readCache();
        this.hashParallelism = options.hashParallelism();
        this.resumeOutcome = resumeOutcome;
        this.verified = resumeOutcome.trusted();
    }

    /**
     * Opens a torrent's storage with nothing verified (a new download, or one to {@link #recheck}).
     * Nothing is created on disk yet.
     *
     * @return completes with the storage, or fails with PATH_OUTSIDE_FOLDER / PATH_CONFLICT for a torrent
     *     whose file names cannot be stored safely
     */
    public static CompletableFuture<TorrentStorage> open(
            TorrentInfo info, Path downloadFolder, StorageOptions options, Executor diskExecutor) {
        return open(info, downloadFolder, options, diskExecutor, null);
    }

    /**
     * Opens a torrent's storage and trusts the pieces its resume file claims as long as the files have
     * not changed since it was saved; see {@link #resumeOutcome()} for what was trusted, dropped, or why
     * the resume file was rejected (a corrupt one never fails the open: nothing is trusted then).
     *
     * @param resumeFile where {@link #saveResumeData} wrote; may be missing, or null for none
     */
    public static CompletableFuture<TorrentStorage> open(TorrentInfo info, Path downloadFolder,
            StorageOptions options, Executor diskExecutor, Path resumeFile) {
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(downloadFolder, "downloadFolder");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(diskExecutor, "diskExecutor");
        return submit(diskExecutor, info, () -> {
            StoragePaths paths = StoragePaths.resolve(info, downloadFolder);
            PieceMap map = new PieceMap(info);
            ResumeOutcome outcome = resumeFile == null ? ResumeOutcome.none() : ResumeCheck.check(resumeFile, map, paths);
            return new TorrentStorage(info, map, paths, options, diskExecutor, outcome);
        });
    }

    public TorrentInfo info() {
        return info;
    }

    public PieceMap pieceMap() {
        return map;
    }

    /** The download folder the files are in (or will be). */
    public Path downloadFolder() {
        return io.paths().folder();
    }

    /** The single file, or the root folder of a multi-file torrent. */
    public Path root() {
        return io.paths().root();
    }

    /** Where file {@code index} of the torrent is stored; empty for a padding file. */
    public Optional<Path> filePath(int index) {
        return Optional.ofNullable(io.paths().file(index));
    }

    public ResumeOutcome resumeOutcome() {
        return resumeOutcome;
    }

    /**
     * Hashes a whole piece in memory and, when it matches, writes it to its files and marks it verified.
     * A piece that does not match writes nothing. The buffer's remaining bytes are the piece; they are read
     * on a disk thread, so the caller must leave them unchanged until the future completes (its position
     * is not moved).
     */
    public CompletableFuture<PieceVerdict> writePiece(int piece, ByteBuffer wholePiece) {
        int size;
        try {
            size = map.pieceSize(piece);
        } catch (StorageException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (wholePiece.remaining() != size) {
            return CompletableFuture.failedFuture(new StorageException(StorageException.Kind.INVALID_REQUEST,
                    "piece " + piece + " of torrent \"" + info.name() + "\" has " + size + " bytes, was handed "
                            + wholePiece.remaining()));
        }
        ByteBuffer data = wholePiece.duplicate();
        return submit(() -> verifyAndWrite(piece, data));
    }

    /**
     * Reads {@code length} bytes at {@code begin} of a verified piece, from the read cache when the piece is
     * there; otherwise the whole piece is read once and cached (when the cache can hold it). The answer is
     * a read-only buffer of exactly {@code length} bytes.
     *
     * @return fails with INVALID_REQUEST for a range outside the piece, PIECE_NOT_AVAILABLE for a piece
     *     not verified, FILE_NOT_FOUND or DATA_MISSING when the files lost verified data
     */
    public CompletableFuture<ByteBuffer> readBlock(int piece, int begin, int length) {
        try {
            map.checkRange(piece, begin, length);
        } catch (StorageException e) {
            return CompletableFuture.failedFuture(e);
        }
        return submit(() -> block(piece, begin, length)).thenCompose(future -> future);
    }

    /**
     * Reads a verified piece into the read cache, unless it is there already: for a peer that asked for
     * blocks of it, which then come from {@link #copyCachedBlock}, one disk round trip for the whole piece.
     *
     * @return true once the piece is cached; false when the cache cannot hold it (use {@link #readBlock});
     *     fails as {@link #readBlock} does
     */
    public CompletableFuture<Boolean> cachePiece(int piece) {
        try {
            map.checkRange(piece, 0, 1);
        } catch (StorageException e) {
            return CompletableFuture.failedFuture(e);
        }
        return submit(() -> load(piece)).thenCompose(future -> future);
    }

    /**
     * The block from the read cache, at once and without touching the disk, so an event loop may call it:
     * a read-only slice of the cached piece's native memory, not a copy, so it goes to a socket as is. The
     * caller releases it (writing it to a channel does).
     *
     * @return empty when the piece is not cached (then use {@link #readBlock}), not verified, the range is
     *     outside it or the storage is closed
     */
    public Optional<ByteBuf> cachedBlock(int piece, int begin, int length) {
        if (closed) {
            return Optional.empty();
        }
        try {
            map.checkRange(piece, begin, length);
        } catch (StorageException e) {
            return Optional.empty();
        }
        ByteBuf slice = isVerified(piece) ? cache.retainedSlice(this, piece, begin, length) : null;
        if (slice == null) {
            return Optional.empty();
        }
        cacheHits.increment();
        return Optional.of(slice.asReadOnly());
    }

    /** A snapshot of the verified pieces. */
    public BitSet verifiedPieces() {
        synchronized (verified) {
            return (BitSet) verified.clone();
        }
    }

    public boolean isVerified(int piece) {
        synchronized (verified) {
            return verified.get(piece);
        }
    }

    public boolean isComplete() {
        synchronized (verified) {
            return verified.cardinality() == info.pieceCount();
        }
    }

    /** Re-hashes every piece from disk. */
    public CompletableFuture<BitSet> recheck(ProgressListener listener) {
        BitSet all = new BitSet();
        all.set(0, info.pieceCount());
        return recheck(all, listener);
    }

    /**
     * Re-hashes {@code pieces} from disk (others keep their state), {@code hashParallelism} pieces at a
     * time, so memory stays at that many piece buffers. Missing or short files make their pieces missing,
     * not an error; other I/O errors (permission denied, ...) fail the recheck. Pieces are marked as they
     * are checked, so a failed or interrupted recheck leaves a truthful bitfield.
     *
     * @return the verified pieces once all are checked
     */
    public CompletableFuture<BitSet> recheck(BitSet pieces, ProgressListener listener) {
        Objects.requireNonNull(listener, "listener");
        int[] order = pieces.stream().filter(p -> p < info.pieceCount()).toArray();
        if (order.length == 0) {
            return submit(this::verifiedPieces);
        }
        int workers = Math.min(hashParallelism, order.length);
        // The first piece is the largest: a torrent smaller than one piece needs no full-size buffer.
        return new Recheck(order, workers, map.pieceSize(0), executor, this::checkPiece, listener,
                this::verifiedPieces, this::closedError).start();
    }

    /**
     * Forces every written file to disk, then saves which pieces are verified together with each file's
     * size and modification time, atomically, to {@code resumeFile}. Writes wait meanwhile, so the saved
     * state is exactly what is on disk. Save again after {@link #moveTo}.
     */
    public CompletableFuture<ResumeData> saveResumeData(Path resumeFile) {
        Objects.requireNonNull(resumeFile, "resumeFile");
        return submit(() -> {
            ResumeData data = exclusively(this::captureResumeData);
            ResumeFile.write(resumeFile, data);
            return data;
        });
    }

    /**
     * Moves the files to {@code newFolder} (same layout below it): renamed on the same file system, copied
     * then deleted otherwise. Verified pieces stay verified. On failure nothing has moved.
     *
     * @return fails with ALREADY_EXISTS when a file of the torrent is already at the target
     */
    public CompletableFuture<Void> moveTo(Path newFolder) {
        Objects.requireNonNull(newFolder, "newFolder");
        return submit(() -> exclusively(() -> {
            StoragePaths target = StoragePaths.resolve(info, newFolder);
            if (target.root().equals(io.paths().root())) {
                return null;
            }
            handles.closeAll();
            new FileMover(io.paths(), target, info.files().size()).move();
            io.paths(target);
            return null;
        }));
    }

    /**
     * Deletes the torrent's files (only those) and then the folders of its layout that are left empty;
     * nothing is verified afterwards.
     */
    public CompletableFuture<Void> deleteFiles() {
        return submit(() -> exclusively(() -> {
            handles.closeAll();
            cache.removeAll(this);
            synchronized (verified) {
                verified.clear();
            }
            io.forgetWritten();
            synchronized (emptyFilesLock) {
                emptyFilesCreated = false;
            }
            StorageException first = null;
            for (int i = 0; i < info.files().size(); i++) {
                Path file = io.paths().file(i);
                if (file == null) {
                    continue;
                }
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    if (first == null) {
                        first = StorageException.of("delete", file, e);
                    }
                }
            }
            FileMover.removeEmptyFolders(io.paths());
            if (first != null) {
                throw first;
            }
            return null;
        }));
    }

    public StorageStats stats() {
        return new StorageStats(piecesHashed.sum(), bytesHashed.sum(), hashFailures.sum(), piecesWritten.sum(),
                io.bytesWritten.sum(), io.bytesWrittenDirect.sum(), io.bytesRead.sum(), cacheHits.sum(), cacheMisses.sum(), cache.bytesOf(this),
                handles.openCount());
    }

    /**
     * Refuses new operations at once, and closes the files on the disk executor once the running ones
     * finish. Does not save resume data: call {@link #saveResumeData} first.
     */
    @Override
    public void close() {
        closeAsync();
    }

    public CompletableFuture<Void> closeAsync() {
        closed = true;
        Runnable shutdown = () -> {
            Lock lock = layoutLock.writeLock();
            lock.lock();
            try {
                handles.shutdown();
                cache.removeAll(this);
            } finally {
                lock.unlock();
            }
        };
        try {
            return CompletableFuture.runAsync(shutdown, executor);
        } catch (RejectedExecutionException e) {
            // The executor is gone; closing channels is all that is left to do, and it must happen.
            shutdown.run();
            return CompletableFuture.completedFuture(null);
        }
    }

    // ---- piece I/O, on disk threads ----

    private PieceVerdict verifyAndWrite(int piece, ByteBuffer data) {
        ensureOpen();
        if (isVerified(piece)) {
            return PieceVerdict.ALREADY_VERIFIED;
        }
        boolean matches = PieceHasher.matches(data, info.pieceHash(piece));
        piecesHashed.increment();
        bytesHashed.add(data.remaining());
        List<FileSlice> slices = map.piece(piece);
        if (!matches) {
            hashFailures.increment();
            return PieceVerdict.HASH_FAILED;
        }
        if (!paddingIsZero(data, slices)) {
            hashFailures.increment();
            return PieceVerdict.BAD_PADDING;
        }
        shared(() -> {
            ensureEmptyFiles();
            io.write(piece, slices, data);
            synchronized (verified) {
                verified.set(piece);
            }
            return null;
        });
        piecesWritten.increment();
        if (cache.fits(data.remaining())) {
            ByteBuf copy = cache.take(data.remaining());
            copy.writeBytes(data.duplicate());
            cache.putTaken(this, piece, copy);
        }
        return PieceVerdict.VERIFIED;
    }

    /** Zero-length files get no write, so they are created with the first piece. */
    private void ensureEmptyFiles() {
        synchronized (emptyFilesLock) {
            if (emptyFilesCreated) {
                return;
            }
            io.createEmptyFiles(info);
            emptyFilesCreated = true;
        }
    }

    private static boolean paddingIsZero(ByteBuffer data, List<FileSlice> slices) {
        int at = data.position();
        for (FileSlice slice : slices) {
            if (slice.padding()) {
                for (int i = at; i < at + slice.length(); i++) {
                    if (data.get(i) != 0) {
                        return false;
                    }
                }
            }
            at += slice.length();
        }
        return true;
    }

    private CompletableFuture<ByteBuffer> block(int piece, int begin, int length) {
        byte[] cached = cache.copy(this, piece, begin, length);
        if (cached != null) {
            ensureOpen();
            cacheHits.increment();
            return CompletableFuture.completedFuture(view(cached));
        }
        return load(piece).thenApply(loaded -> view(loaded ? cachedOrFromDisk(piece, begin, length)
                : readFromDisk(piece, begin, length)));
    }

    /**
     * Reads the whole piece into the cache unless it is there or being read; true when it is cached (or
     * was, if evicted meanwhile), false when the cache cannot hold it.
     */
    private CompletableFuture<Boolean> load(int piece) {
        ensureOpen();
        if (!isVerified(piece)) {
            throw new StorageException(StorageException.Kind.PIECE_NOT_AVAILABLE,
                    "piece " + piece + " of torrent \"" + info.name() + "\" is not verified, so it cannot be read");
        }
        int size = map.pieceSize(piece);
        if (!cache.fits(size)) {
            cacheMisses.increment();
            return CompletableFuture.completedFuture(false);
        }
        if (cache.contains(this, piece)) {
            return CompletableFuture.completedFuture(true);
        }
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> inFlight = loading.putIfAbsent(piece, mine);
        if (inFlight != null) {
            // Peers ask for all blocks of a piece at once: one disk read serves them all.
            cacheHits.increment();
            return inFlight.thenApply(loaded -> true);
        }
        if (cache.contains(this, piece)) {
            // Another read cached it and finished between the check above and this claim.
            loading.remove(piece, mine);
            mine.complete(null);
            cacheHits.increment();
            return CompletableFuture.completedFuture(true);
        }
        cacheMisses.increment();
        ByteBuf bytes = cache.take(size);
        boolean cached = false;
        try {
            shared(() -> io.read(piece, map.piece(piece), bytes.nioBuffer(0, size), false));
            bytes.writerIndex(size);
            if (isVerified(piece)) {
                cache.putTaken(this, piece, bytes);
                cached = true;
            }
            mine.complete(null);
            return CompletableFuture.completedFuture(true);
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            if (!cached) {
                cache.giveBack(bytes);
            }
            loading.remove(piece, mine);
        }
    }

    /** For a request that waited on another's load of its piece: from the cache, unless evicted meanwhile. */
    private byte[] cachedOrFromDisk(int piece, int begin, int length) {
        byte[] cached = cache.copy(this, piece, begin, length);
        return cached != null ? cached : readFromDisk(piece, begin, length);
    }

    private byte[] readFromDisk(int piece, int begin, int length) {
        byte[] bytes = new byte[length];
        shared(() -> io.read(piece, map.range(piece, begin, length), bytes, false));
        return bytes;
    }

    private static ByteBuffer view(byte[] bytes) {
        return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
    }

    private ResumeData captureResumeData() {
        BitSet claimed = verifiedPieces();
        io.forceWritten();
        BitSet unbacked = new BitSet();
        List<ResumeData.FileState> states = new ArrayList<>(info.files().size());
        for (int i = 0; i < info.files().size(); i++) {
            ResumeData.FileState state;
            try {
                state = FileStates.of(io.paths().file(i));
            } catch (IOException e) {
                throw StorageException.of("read the size and time of", io.paths().file(i), e);
            }
            states.add(state);
            // A file that vanished or shrank outside Swarmplace cannot back its pieces: never claim them.
            FileStates.addUnbacked(map, i, state, unbacked);
        }
        claimed.andNot(unbacked);
        return new ResumeData(ResumeData.torrentIdOf(info), info.pieceCount(), claimed, states, io.paths().folder());
    }

    // ---- recheck ----

    private boolean checkPiece(int piece, byte[] buffer) {
        int size = map.pieceSize(piece);
        boolean ok = shared(() -> {
            if (!io.read(piece, map.piece(piece), buffer, true)) {
                return false;
            }
            piecesHashed.increment();
            bytesHashed.add(size);
            return MessageDigest.isEqual(PieceHasher.sha1(buffer, 0, size), info.pieceHash(piece));
        });
        synchronized (verified) {
            verified.set(piece, ok);
        }
        if (!ok) {
            cache.remove(this, piece);
        }
        return ok;
    }

    // ---- plumbing ----

    private <T> T shared(Supplier<T> work) {
        Lock lock = layoutLock.readLock();
        lock.lock();
        try {
            ensureOpen();
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    private <T> T exclusively(Supplier<T> work) {
        Lock lock = layoutLock.writeLock();
        lock.lock();
        try {
            ensureOpen();
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw closedError();
        }
    }

    private StorageException closedError() {
        return new StorageException(StorageException.Kind.CLOSED, "the storage of torrent \"" + info.name() + "\" is closed");
    }

    private <T> CompletableFuture<T> submit(Supplier<T> work) {
        return submit(executor, info, work);
    }

    private static <T> CompletableFuture<T> submit(Executor executor, TorrentInfo info, Supplier<T> work) {
        try {
            return CompletableFuture.supplyAsync(work, executor);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new StorageException(StorageException.Kind.CLOSED,
                    "the disk executor refused work for torrent \"" + info.name() + "\" (is it shut down?)", null, e));
        }
    }
}
