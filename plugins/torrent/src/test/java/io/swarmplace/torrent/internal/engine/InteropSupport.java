package io.swarmplace.torrent.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.swarmplace.testing.TestFiles;
import io.swarmplace.torrent.Torrent;
import io.swarmplace.torrent.TorrentState;
import io.swarmplace.torrent.metainfo.Metainfo;
import io.swarmplace.torrent.metainfo.MetainfoWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/** What the engine's interop tests share: engines on loopback, test content, waiting, comparing files. */
final class InteropSupport {

    static final Duration TIMEOUT = Duration.ofSeconds(45);

    private InteropSupport() {}

    static TorrentEngine newEngine(Path node) throws InterruptedException {
        return new TorrentEngine(new TestEngineConfig(0), node.resolve("downloads"), node.resolve("state"));
    }

    /**
     * A folder of a few MiB with nested folders: files of odd sizes (so pieces straddle file boundaries and
     * the last piece is short), one of a single byte and one empty. Returns {@code root}.
     */
    static Path writeAlbum(Path root, long seed) throws IOException {
        writeRandom(root.resolve("disc 2/empty.bin"), 0, seed);
        writeRandom(root.resolve("cover.bin"), 1024 * 1024 + 4321, seed);
        writeRandom(root.resolve("disc 1/01 intro.bin"), 700 * 1024 + 17, seed + 1);
        writeRandom(root.resolve("disc 1/02 theme.bin"), 1, seed + 2);
        writeRandom(root.resolve("disc 2/extras/notes.txt"), 3 * 1024 + 5, seed + 3);
        writeRandom(root.resolve("disc 2/extras/deep/video.bin"), 1536 * 1024 + 99, seed + 4);
        return root;
    }

    static void writeRandom(Path file, int size, long seed) throws IOException {
        TestFiles.writeRandom(file, size, seed);
    }

    static Path writeTorrent(Metainfo metainfo, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        return Files.write(file, new MetainfoWriter().write(metainfo));
    }

    static void awaitState(Torrent torrent, TorrentState state, Supplier<String> context) {
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(100))
                .alias(torrent.infoHash() + " reaching " + state)
                .until(() -> {
                    TorrentState now = torrent.status().state();
                    if (now == TorrentState.ERROR) {
                        throw new AssertionError(torrent.infoHash() + " failed: " + torrent.status().error().orElse("?")
                                + "\n" + context.get());
                    }
                    return now == state;
                });
    }

    /**
     * {@link #assertSameFiles} for what a libtorrent leecher wrote, retried until {@link #TIMEOUT}: libtorrent
     * 2.0 may report a torrent finished (every piece hashed from its write buffers) just before the last
     * blocks reach the files.
     */
    static void awaitSameFiles(Path expectedRoot, Path actualRoot) {
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> assertSameFiles(expectedRoot, actualRoot));
    }

    /** Every file under {@code expectedRoot} exists under {@code actualRoot} with the same bytes, and nothing more. */
    static void assertSameFiles(Path expectedRoot, Path actualRoot) throws IOException {
        List<Path> expected = regularFiles(expectedRoot);
        assertThat(expected).as("files under " + expectedRoot).isNotEmpty();
        TestFiles.assertSameFiles(expectedRoot, actualRoot);
        assertThat(regularFiles(actualRoot).stream().map(p -> actualRoot.relativize(p).toString()).sorted())
                .as("files under " + actualRoot)
                .containsExactlyElementsOf(expected.stream().map(p -> expectedRoot.relativize(p).toString()).sorted().toList());
    }

    private static List<Path> regularFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }
}
