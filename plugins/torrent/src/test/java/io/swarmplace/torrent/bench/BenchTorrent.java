package io.swarmplace.torrent.bench;

import io.swarmplace.testing.peers.LibtorrentPeer;
import io.swarmplace.torrent.metainfo.Metainfo;
import io.swarmplace.torrent.metainfo.MetainfoReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The benchmark's content: one file of pseudo-random bytes (seeded, so every run moves the same data) in
 * {@code seedFolder}, and a v1 torrent of it made by libtorrent (no trackers: peers are dialled directly).
 */
record BenchTorrent(Path seedFolder, Path dataFile, Path torrentFile, Metainfo metainfo) {

    static final int PIECE_LENGTH = 1024 * 1024;

    static BenchTorrent create(Path folder, long size) throws IOException {
        Path seedFolder = Files.createDirectories(folder.resolve("seed"));
        Path data = seedFolder.resolve("bench-" + (size >> 20) + "MiB.bin");
        writeRandom(data, size, 20261128L);
        Path torrent = folder.resolve("bench.torrent");
        try (LibtorrentPeer creator = LibtorrentPeer.launch("libtorrent-creator")) {
            creator.createTorrent(data, torrent, PIECE_LENGTH, List.of());
        }
        Metainfo metainfo = new MetainfoReader().read(Files.readAllBytes(torrent));
        return new BenchTorrent(seedFolder, data, torrent, metainfo);
    }

    long size() {
        return metainfo.info().totalLength();
    }

    String name() {
        return metainfo.info().name();
    }

    private static void writeRandom(Path file, long size, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        ByteBuffer chunk = ByteBuffer.allocateDirect(4 * 1024 * 1024);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            long written = 0;
            while (written < size) {
                chunk.clear();
                while (chunk.remaining() >= Long.BYTES) {
                    chunk.putLong(random.nextLong());
                }
                chunk.flip();
                chunk.limit((int) Math.min(chunk.limit(), size - written));
                while (chunk.hasRemaining()) {
                    written += channel.write(chunk);
                }
            }
        }
    }
}
