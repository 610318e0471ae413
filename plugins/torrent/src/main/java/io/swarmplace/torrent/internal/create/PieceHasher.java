package io.swarmplace.torrent.internal.create;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * Computes the SHA-1 of every piece of a {@link Layout}. Up to {@code parallelism} workers run on the
 * executor; each claims the next unhashed piece, reads it with positional reads (a piece may span
 * several files and padding) through one buffer of at most {@value #BUFFER_SIZE} bytes, and writes its
 * hash into its own 20 bytes of the result. Memory is therefore bounded by parallelism times the buffer,
 * whatever the size of pieces or files. The first failure, or cancellation, stops every worker.
 */
final class PieceHasher {

    static final int BUFFER_SIZE = 1024 * 1024;
    private static final int HASH_LENGTH = 20;
    private static final byte[] ZEROS = new byte[64 * 1024];

    private final Executor executor;
    private final int parallelism;

    PieceHasher(Executor executor, int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, was " + parallelism);
        }
        this.executor = executor;
        this.parallelism = parallelism;
    }

    /** The concatenated piece hashes; fails with a {@link TorrentCreationException}. */
    CompletableFuture<byte[]> hash(Layout layout, CreationProgress progress, BooleanSupplier cancelled) {
        Run run = new Run(layout, progress, cancelled, Math.min(parallelism, layout.pieceCount()));
        for (int i = 0; i < run.workers; i++) {
            try {
                executor.execute(run::work);
            } catch (RuntimeException rejected) {
                run.fail(new TorrentCreationException("the hashing executor refused work: " + rejected, rejected));
                run.workerDone();
            }
        }
        return run.result;
    }

    private static final class Run {
        final Layout layout;
        final CreationProgress progress;
        final BooleanSupplier cancelled;
        final int workers;
        final int pieces;
        final byte[] hashes;
        final AtomicInteger nextPiece = new AtomicInteger();
        final AtomicInteger hashed = new AtomicInteger();
        final AtomicInteger running;
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final CompletableFuture<byte[]> result = new CompletableFuture<>();

        Run(Layout layout, CreationProgress progress, BooleanSupplier cancelled, int workers) {
            this.layout = layout;
            this.progress = progress;
            this.cancelled = cancelled;
            this.workers = workers;
            this.pieces = layout.pieceCount();
            this.hashes = new byte[pieces * HASH_LENGTH];
            this.running = new AtomicInteger(workers);
        }

        void work() {
            try (Worker worker = new Worker(layout)) {
                while (failure.get() == null && !cancelled.getAsBoolean()) {
                    int piece = nextPiece.getAndIncrement();
                    if (piece >= pieces) {
                        break;
                    }
                    worker.hashPiece(piece, hashes, piece * HASH_LENGTH);
                    progress.piecesHashed(hashed.incrementAndGet(), pieces);
                }
            } catch (TorrentCreationException e) {
                fail(e);
            } catch (IOException e) {
                fail(new TorrentCreationException("cannot read " + SourceScanner.describe(e), e));
            } catch (RuntimeException | Error e) {
                fail(e);
            } finally {
                workerDone();
            }
        }

        void fail(Throwable problem) {
            failure.compareAndSet(null, problem);
        }

        void workerDone() {
            // The last worker out publishes: the atomic decrement orders every worker's writes to hashes before it.
            if (running.decrementAndGet() == 0) {
                Throwable problem = failure.get();
                if (problem != null) {
                    result.completeExceptionally(problem);
                } else if (hashed.get() < pieces) {
                    result.cancel(false);
                } else {
                    result.complete(hashes);
                }
            }
        }
    }

    /** One thread's reading state: a buffer, a digest and the file it last opened. */
    private static final class Worker implements AutoCloseable {
        private final Layout layout;
        private final ByteBuffer buffer;
        private final MessageDigest sha1;
        private Layout.Entry openEntry;
        private FileChannel openChannel;

        Worker(Layout layout) {
            this.layout = layout;
            this.buffer = ByteBuffer.allocate((int) Math.min(BUFFER_SIZE, layout.pieceLength()));
            try {
                this.sha1 = MessageDigest.getInstance("SHA-1");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("the JVM has no SHA-1", e);
            }
        }

        void hashPiece(int piece, byte[] into, int at) throws IOException, TorrentCreationException {
            long position = (long) piece * layout.pieceLength();
            long end = Math.min(position + layout.pieceLength(), layout.totalLength());
            int index = layout.entryAt(position);
            while (position < end) {
                Layout.Entry entry = layout.entries().get(index++);
                long count = Math.min(end, entry.end()) - position;
                if (count <= 0) {
                    continue;
                }
                if (entry.padding()) {
                    zeros(count);
                } else {
                    read(entry, position - entry.offset(), count);
                }
                position += count;
            }
            try {
                sha1.digest(into, at, HASH_LENGTH);
            } catch (java.security.DigestException impossible) {
                throw new IllegalStateException(impossible);
            }
        }

        private void zeros(long count) {
            while (count > 0) {
                int chunk = (int) Math.min(count, ZEROS.length);
                sha1.update(ZEROS, 0, chunk);
                count -= chunk;
            }
        }

        private void read(Layout.Entry entry, long from, long count) throws IOException, TorrentCreationException {
            FileChannel channel = channel(entry);
            long position = from;
            long left = count;
            while (left > 0) {
                buffer.clear().limit((int) Math.min(left, buffer.capacity()));
                int read = channel.read(buffer, position);
                if (read < 0) {
                    throw changed(entry, "it ended at byte " + position);
                }
                sha1.update(buffer.array(), 0, read);
                position += read;
                left -= read;
            }
        }

        private FileChannel channel(Layout.Entry entry) throws IOException, TorrentCreationException {
            if (entry != openEntry) {
                close();
                // Not following links: the file that was scanned must be the file that is read.
                openChannel = FileChannel.open(entry.source(), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
                openEntry = entry;
                long size = openChannel.size();
                if (size != entry.length()) {
                    throw changed(entry, "it now has " + size + " bytes");
                }
            }
            return openChannel;
        }

        private static TorrentCreationException changed(Layout.Entry entry, String now) {
            return new TorrentCreationException(entry.source() + " changed while it was being hashed: it had "
                    + entry.length() + " bytes when the torrent creation started, " + now);
        }

        @Override
        public void close() throws IOException {
            if (openChannel != null) {
                FileChannel channel = openChannel;
                openChannel = null;
                openEntry = null;
                channel.close();
            }
        }
    }
}
