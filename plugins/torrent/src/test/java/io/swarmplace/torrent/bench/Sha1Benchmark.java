package io.swarmplace.torrent.bench;

import io.swarmplace.torrent.internal.storage.PieceVerdict;
import io.swarmplace.torrent.internal.storage.Sha1Probe;
import io.swarmplace.torrent.internal.storage.StorageOptions;
import io.swarmplace.torrent.internal.storage.TorrentStorage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * SHA-1 rates in MiB/s: the JDK's MessageDigest over a 1 MiB buffer on one core (the ceiling), the
 * engine's {@link Sha1Probe} (the same hashing as {@link TorrentStorage#writePiece}, on one core), and
 * the whole writePiece path (hash in memory, then write to the file) on the engine's default 2 disk threads.
 */
final class Sha1Benchmark {

    private static final int REPEATS = 3;

    private final BenchTorrent torrent;
    private final Path work;

    Sha1Benchmark(BenchTorrent torrent, Path work) {
        this.torrent = torrent;
        this.work = work;
    }

    void run(int mebibytes) throws Exception {
        int pieceLength = BenchTorrent.PIECE_LENGTH;
        // Warm-up: let the JIT install its SHA-1 intrinsics before anything is timed.
        rawDigest(Math.min(mebibytes, 256), pieceLength);
        Sha1Probe.run(Math.min(mebibytes, 256), pieceLength);
        Samples raw = new Samples();
        Samples probe = new Samples();
        Samples write = new Samples();
        for (int i = 1; i <= REPEATS; i++) {
            double rawNow = rawDigest(mebibytes, pieceLength);
            double probeNow = Sha1Probe.run(mebibytes, pieceLength).mebibytesPerSecond();
            double writeNow = writePieces(i);
            raw.add(rawNow);
            probe.add(probeNow);
            write.add(writeNow);
            System.out.printf(Locale.ROOT, "sha1 repeat %d: JDK MessageDigest %.0f MiB/s, Sha1Probe %.0f MiB/s, writePiece path %.0f MiB/s%n",
                    i, rawNow, probeNow, writeNow);
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "SHA-1, %d MiB in %d KiB pieces, median (range) of %d:%n", mebibytes, pieceLength / 1024, REPEATS);
        System.out.printf(Locale.ROOT, "  JDK MessageDigest, 1 core:                 %s MiB/s%n", raw.describe(0));
        System.out.printf(Locale.ROOT, "  engine Sha1Probe (writePiece's hash), 1 core: %s MiB/s (%.0f%% of the JDK)%n",
                probe.describe(0), 100 * probe.median() / raw.median());
        System.out.printf(Locale.ROOT, "  engine writePiece (hash + file write), 2 disk threads: %s MiB/s%n", write.describe(0));
    }

    /** MiB/s of one reused MessageDigest over a random piece-sized buffer. */
    static double rawDigest(int mebibytes, int pieceLength) throws NoSuchAlgorithmException {
        byte[] piece = new byte[pieceLength];
        new Random(1).nextBytes(piece);
        MessageDigest digest = MessageDigest.getInstance("SHA-1");
        long total = (long) mebibytes << 20;
        int checksum = 0;
        long start = System.nanoTime();
        for (long done = 0; done < total; done += pieceLength) {
            digest.update(piece, 0, (int) Math.min(pieceLength, total - done));
            checksum ^= digest.digest()[0];
        }
        long nanos = System.nanoTime() - start;
        if (checksum == 256) {
            System.out.print(""); // keeps the digests alive
        }
        return (total / 1048576.0) / (nanos / 1e9);
    }

    /** MiB/s of writePiece over every piece of the benchmark torrent, read from the seed file first. */
    private double writePieces(int repeat) throws Exception {
        ExecutorService disk = Executors.newFixedThreadPool(2);
        Path folder = work.resolve("writepiece-" + repeat);
        try (FileChannel source = FileChannel.open(torrent.dataFile(), StandardOpenOption.READ)) {
            TorrentStorage storage = TorrentStorage.open(torrent.metainfo().info(), folder, StorageOptions.defaults(), disk)
                    .get(30, TimeUnit.SECONDS);
            int pieces = torrent.metainfo().info().pieceCount();
            Deque<CompletableFuture<PieceVerdict>> inFlight = new ArrayDeque<>();
            long start = System.nanoTime();
            for (int piece = 0; piece < pieces; piece++) {
                if (inFlight.size() >= 4) {
                    expectVerified(inFlight.removeFirst().get(60, TimeUnit.SECONDS));
                }
                inFlight.add(storage.writePiece(piece, read(source, piece)));
            }
            while (!inFlight.isEmpty()) {
                expectVerified(inFlight.removeFirst().get(60, TimeUnit.SECONDS));
            }
            long nanos = System.nanoTime() - start;
            storage.deleteFiles().get(30, TimeUnit.SECONDS);
            storage.closeAsync().get(30, TimeUnit.SECONDS);
            return (torrent.size() / 1048576.0) / (nanos / 1e9);
        } finally {
            disk.shutdown();
            Folders.delete(folder);
        }
    }

    private ByteBuffer read(FileChannel source, int piece) throws IOException {
        int size = torrent.metainfo().info().pieceSize(piece);
        ByteBuffer buffer = ByteBuffer.allocate(size);
        long position = (long) piece * torrent.metainfo().info().pieceLength();
        while (buffer.hasRemaining()) {
            if (source.read(buffer, position + buffer.position()) < 0) {
                throw new IOException(torrent.dataFile() + " ends before piece " + piece);
            }
        }
        return buffer.flip();
    }

    private static void expectVerified(PieceVerdict verdict) {
        if (verdict != PieceVerdict.VERIFIED) {
            throw new IllegalStateException("writePiece answered " + verdict + " for data that matches the torrent");
        }
    }
}
