package io.swarmplace.torrent.internal.create;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swarmplace.bencode.BDictionary;
import io.swarmplace.bencode.BencodeDecoder;
import io.swarmplace.torrent.metainfo.Metainfo;
import io.swarmplace.torrent.metainfo.MetainfoReader;
import io.swarmplace.torrent.metainfo.MetainfoWriter;
import io.swarmplace.torrent.metainfo.PieceCheck;
import io.swarmplace.torrent.metainfo.TorrentFile;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TorrentCreatorTest {

    private static final int PIECE = 16 * 1024;
    private static final Instant DATE = Instant.parse("2026-01-02T03:04:05Z");

    @TempDir
    Path dir;

    private final Random random = new Random(1234L);
    private final MetainfoReader reader = new MetainfoReader();
    private final MetainfoWriter writer = new MetainfoWriter();

    @Test
    void makesASingleFileTorrent() throws Exception {
        Path file = write(dir.resolve("song.ogg"), 100_000);
        TorrentCreationOptions options = TorrentCreationOptions.builder()
                .pieceLength(PIECE)
                .tracker(URI.create("udp://127.0.0.1:6969"))
                .creationDate(Instant.parse("2026-01-02T03:04:05.999Z"))
                .build();

        Metainfo metainfo = createNow(file, options);

        assertThat(metainfo.info().singleFile()).isTrue();
        assertThat(metainfo.info().name()).isEqualTo("song.ogg");
        assertThat(metainfo.info().files()).containsExactly(new TorrentFile(List.of("song.ogg"), 100_000, 0, false));
        assertThat(metainfo.info().pieceCount()).isEqualTo(7);
        assertThat(PieceCheck.badPieces(metainfo.info(), dir)).isEmpty();
        assertThat(metainfo.announceTiers()).containsExactly(List.of(URI.create("udp://127.0.0.1:6969")));
        assertThat(metainfo.createdBy()).contains("Swarmplace");
        assertThat(metainfo.creationDate()).contains(DATE);
        assertThat(metainfo.info().privateTorrent()).isFalse();
        assertThat(reader.read(writer.write(metainfo))).isEqualTo(metainfo);
    }

    @Test
    void ordersAFoldersFilesByPathComponentsAsUtf8Bytes() throws Exception {
        Path root = Files.createDirectories(dir.resolve("root"));
        write(root.resolve("é"), 10);
        write(root.resolve("b.txt"), 20);
        write(root.resolve("a-c"), 30);
        write(Files.createDirectories(root.resolve("a")).resolve("b"), 40);
        write(Files.createDirectories(root.resolve("a").resolve("a")).resolve("z"), 50);
        write(root.resolve("B"), 60);
        write(root.resolve("zero"), 0);

        Metainfo metainfo = createNow(root, TorrentCreationOptions.builder().pieceLength(PIECE).build());

        // "a" sorts before "a-c" as a component, although "a/" sorts after "a-" as a string.
        assertThat(metainfo.info().files()).extracting(TorrentFile::displayPath)
                .containsExactly("B", "a/a/z", "a/b", "a-c", "b.txt", "zero", "é");
        assertThat(metainfo.info().singleFile()).isFalse();
        assertThat(metainfo.info().name()).isEqualTo("root");
        assertThat(PieceCheck.badPieces(metainfo.info(), dir)).isEmpty();
    }

    @Test
    void leavesOutSymbolicLinks() throws Exception {
        Path outside = write(dir.resolve("outside.bin"), 1_000);
        Path root = Files.createDirectories(dir.resolve("root"));
        Path inside = write(root.resolve("real.bin"), 2_000);
        Files.createSymbolicLink(root.resolve("link-to-inside"), inside);
        Files.createSymbolicLink(root.resolve("link-to-outside"), outside);
        Files.createSymbolicLink(root.resolve("link-to-folder"), dir);

        Metainfo metainfo = createNow(root, TorrentCreationOptions.defaults());

        assertThat(metainfo.info().files()).extracting(TorrentFile::displayPath).containsExactly("real.bin");
    }

    @Test
    void paddingStartsEveryFileOnAPieceBoundary() throws Exception {
        Path root = Files.createDirectories(dir.resolve("padded"));
        write(root.resolve("a"), PIECE + 100);
        write(root.resolve("b"), 3 * PIECE);
        write(root.resolve("c"), 5);
        write(root.resolve("d"), 0);
        write(root.resolve("e"), PIECE / 2);
        write(root.resolve("f"), 0);

        Metainfo metainfo = createNow(root, TorrentCreationOptions.builder().pieceLength(PIECE).padding(true).build());
        List<TorrentFile> files = metainfo.info().files();

        assertThat(files).extracting(TorrentFile::displayPath)
                .containsExactly("a", ".pad/" + (PIECE - 100), "b", "c", ".pad/" + (PIECE - 5), "d", "e", "f");
        for (TorrentFile file : files) {
            if (file.padding()) {
                assertThat(file.end() % PIECE).as(file.displayPath()).isZero();
            } else if (file.length() > 0) {
                assertThat(file.offset() % PIECE).as(file.displayPath()).isZero();
            }
        }
        assertThat(files).filteredOn(TorrentFile::padding).hasSize(2);
        assertThat(files.get(files.size() - 1).offset()).as("no padding after the last data").isEqualTo(6L * PIECE + PIECE / 2);
        assertThat(metainfo.info().totalLength()).isEqualTo(6L * PIECE + PIECE / 2);
        assertThat(PieceCheck.badPieces(metainfo.info(), dir)).isEmpty();
    }

    @Test
    void writesTheGivenOptions() throws Exception {
        Path root = Files.createDirectories(dir.resolve("stuff"));
        write(root.resolve("x"), 5_000);
        TorrentCreationOptions options = TorrentCreationOptions.builder()
                .name("Better Name")
                .privateTorrent(true)
                .trackerTier(List.of(URI.create("http://a.example/announce"), URI.create("udp://b.example:1")))
                .tracker(URI.create("https://c.example/announce"))
                .webSeed(URI.create("http://seed.example/"))
                .webSeed(URI.create("https://seed2.example/x/"))
                .comment("the comment")
                .createdBy("tester 1.0")
                .build();

        Metainfo metainfo = createNow(root, options);

        assertThat(metainfo.info().name()).isEqualTo("Better Name");
        assertThat(metainfo.info().privateTorrent()).isTrue();
        assertThat(metainfo.announceTiers()).containsExactly(
                List.of(URI.create("http://a.example/announce"), URI.create("udp://b.example:1")),
                List.of(URI.create("https://c.example/announce")));
        assertThat(metainfo.webSeeds()).containsExactly(URI.create("http://seed.example/"), URI.create("https://seed2.example/x/"));
        assertThat(metainfo.comment()).contains("the comment");
        assertThat(metainfo.createdBy()).contains("tester 1.0");
        assertThat(metainfo.info().pieceLength()).isEqualTo(PieceSizes.SMALLEST);
        assertThat(reader.read(writer.write(metainfo))).isEqualTo(metainfo);
    }

    @Test
    void theSameFilesGiveTheSameBytes() throws Exception {
        Path root = Files.createDirectories(dir.resolve("same"));
        write(root.resolve("one"), 40_000);
        write(root.resolve("two"), 1);
        TorrentCreationOptions options = TorrentCreationOptions.builder().padding(true).creationDate(DATE).build();

        byte[] first = writer.write(createNow(root, options));
        byte[] second = writer.write(createNow(root, options));
        assertThat(second).isEqualTo(first);

        BDictionary undated = (BDictionary) new BencodeDecoder().decode(writer.write(createNow(root, TorrentCreationOptions.defaults())));
        assertThat(undated.containsKey("creation date")).isFalse();
        assertThat(undated.containsKey("announce")).isFalse();
    }

    @Test
    void parallelHashingGivesTheSameTorrentAsSequentialHashing() throws Exception {
        Path root = Files.createDirectories(dir.resolve("big"));
        for (int i = 0; i < 12; i++) {
            write(Files.createDirectories(root.resolve("d" + (i % 3))).resolve("f" + i), 1 + random.nextInt(700_000));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (boolean padding : new boolean[] {false, true}) {
                TorrentCreationOptions options = TorrentCreationOptions.builder().pieceLength(PIECE).padding(padding)
                        .creationDate(DATE).build();
                AtomicInteger calls = new AtomicInteger();
                Metainfo parallel = new TorrentCreator(pool, 4)
                        .create(root, options, (done, total) -> calls.incrementAndGet()).get(60, TimeUnit.SECONDS);
                Metainfo sequential = createNow(root, options);

                assertThat(writer.write(parallel)).isEqualTo(writer.write(sequential));
                assertThat(calls.get()).isEqualTo(parallel.info().pieceCount()).isGreaterThan(200);
                assertThat(PieceCheck.badPieces(parallel.info(), dir)).isEmpty();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void reportsProgressOncePerPieceUpToTheTotal() throws Exception {
        Path file = write(dir.resolve("p.bin"), 10 * PIECE + 1);
        List<int[]> calls = Collections.synchronizedList(new ArrayList<>());

        Metainfo metainfo = new TorrentCreator(Runnable::run, 1)
                .create(file, TorrentCreationOptions.builder().pieceLength(PIECE).build(), (done, total) -> calls.add(new int[] {done, total}))
                .get(10, TimeUnit.SECONDS);

        assertThat(calls).hasSize(11);
        assertThat(calls).extracting(call -> call[0]).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
        assertThat(calls).extracting(call -> call[1]).containsOnly(metainfo.info().pieceCount());
    }

    @Test
    void cancellingStopsTheHashing() throws Exception {
        Path file = write(dir.resolve("c.bin"), 20 * PIECE);
        QueueExecutor executor = new QueueExecutor();
        AtomicReference<CompletableFuture<Metainfo>> future = new AtomicReference<>();
        AtomicInteger calls = new AtomicInteger();
        future.set(new TorrentCreator(executor, 2).create(file, TorrentCreationOptions.builder().pieceLength(PIECE).build(),
                (done, total) -> {
                    if (calls.incrementAndGet() == 3) {
                        future.get().cancel(false);
                    }
                }));

        executor.runAll();

        assertThat(future.get()).isCancelled();
        assertThat(calls.get()).isEqualTo(3);
    }

    @Test
    void refusesAFolderWithoutRegularFiles() throws Exception {
        Path root = Files.createDirectories(dir.resolve("empty"));
        Files.createDirectories(root.resolve("sub").resolve("deeper"));
        Files.createSymbolicLink(root.resolve("link"), write(dir.resolve("target"), 10));

        assertThat(failure(root)).hasMessage("cannot make a torrent of the folder " + root + ": it contains no regular files");
    }

    @Test
    void refusesFilesWithoutAnyBytesAndPathsThatDoNotExist() throws Exception {
        Path root = Files.createDirectories(dir.resolve("zeros"));
        write(root.resolve("a"), 0);
        write(root.resolve("b"), 0);
        assertThat(failure(root)).hasMessage("cannot make a torrent of " + root
                + ": all its files are empty, and a torrent needs at least one byte");
        assertThat(failure(dir.resolve("missing"))).hasMessage("cannot make a torrent of " + dir.resolve("missing")
                + ": it does not exist");
    }

    @Test
    void refusesNamesATorrentCannotHold() throws Exception {
        Path root = Files.createDirectories(dir.resolve("odd"));
        write(root.resolve("back\\slash"), 10);
        assertThat(failure(root)).hasMessage("cannot make a torrent of " + root
                + ": info.files[0].path[0] \"back\\slash\" contains a path separator");
    }

    @Test
    void refusesAnUnreadableFile() throws Exception {
        Path root = Files.createDirectories(dir.resolve("locked"));
        Path locked = write(root.resolve("secret"), 10);
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        Assumptions.assumeFalse(Files.isReadable(locked),
                "this user (root?) reads files whatever their permissions; failsWhenAFileDisappears covers read failures");
        assertThat(failure(root)).hasMessage("cannot read " + locked + ": permission denied");
    }

    @Test
    void failsWhenAFileDisappearsBeforeItIsHashed() throws Exception {
        Path root = Files.createDirectories(dir.resolve("vanishing"));
        write(root.resolve("a"), 3 * PIECE);
        Path b = write(root.resolve("b"), 100);

        Throwable failure = failureWhile(root, () -> Files.delete(b));

        assertThat(failure).isInstanceOf(TorrentCreationException.class).hasMessage("cannot read " + b + ": it no longer exists");
    }

    @Test
    void failsWhenAFileGrowsOrShrinksWhileItIsHashed() throws Exception {
        Path root = Files.createDirectories(dir.resolve("changing"));
        Path a = write(root.resolve("a"), 3 * PIECE);
        Path b = write(root.resolve("b"), 100);

        Throwable grown = failureWhile(root, () -> Files.write(b, new byte[5], StandardOpenOption.APPEND));
        assertThat(grown).isInstanceOf(TorrentCreationException.class)
                .hasMessage(b + " changed while it was being hashed: it had 100 bytes when the torrent creation started, "
                        + "it now has 105 bytes");

        write(b, 100);
        Throwable shrunk = failureWhile(root, () -> {
            try (var channel = java.nio.channels.FileChannel.open(a, StandardOpenOption.WRITE)) {
                channel.truncate(PIECE + 10);
            }
        });
        assertThat(shrunk).isInstanceOf(TorrentCreationException.class)
                .hasMessage(a + " changed while it was being hashed: it had " + 3 * PIECE
                        + " bytes when the torrent creation started, it ended at byte " + (PIECE + 10));

        write(a, 3 * PIECE);
        Throwable grownAfterHashing = failureWhile(root, 4, () -> Files.write(a, new byte[1], StandardOpenOption.APPEND));
        assertThat(grownAfterHashing).isInstanceOf(TorrentCreationException.class)
                .hasMessage(a + " changed while it was being hashed: it had " + 3 * PIECE
                        + " bytes when the torrent creation started, now " + (3 * PIECE + 1));
    }

    @Test
    void optionsRefuseUnusablePieceLengthsAndUrls() {
        assertThatThrownBy(() -> TorrentCreationOptions.builder().pieceLength(1000).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("piece length must be a power of two from 16384 to 268435456 bytes (or 0 for automatic), was 1000");
        assertThatThrownBy(() -> TorrentCreationOptions.builder().pieceLength(8192).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TorrentCreationOptions.builder().tracker(URI.create("ftp://x.example/")).build())
                .hasMessage("tracker URL ftp://x.example/ is not an absolute http, https, udp URL");
        assertThatThrownBy(() -> TorrentCreationOptions.builder().webSeed(URI.create("udp://x.example/")).build())
                .hasMessage("web seed URL udp://x.example/ is not an absolute http, https URL");
    }

    @Test
    void anExecutorThatRefusesWorkFailsTheCreation() throws Exception {
        Path file = write(dir.resolve("r.bin"), 10);
        CompletableFuture<Metainfo> future = new TorrentCreator(task -> {
            throw new java.util.concurrent.RejectedExecutionException("shut down");
        }, 1).create(file, TorrentCreationOptions.defaults(), CreationProgress.none());
        assertThatThrownBy(future::get).hasCauseInstanceOf(TorrentCreationException.class)
                .hasMessageContaining("the executor refused the torrent creation");
    }

    private Metainfo createNow(Path source, TorrentCreationOptions options) throws Exception {
        return new TorrentCreator(Runnable::run, 1).create(source, options, CreationProgress.none()).get(30, TimeUnit.SECONDS);
    }

    private Throwable failure(Path source) throws Exception {
        CompletableFuture<Metainfo> future = new TorrentCreator(Runnable::run, 1)
                .create(source, TorrentCreationOptions.builder().pieceLength(PIECE).build(), CreationProgress.none());
        ExecutionException failed = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> future.get(30, TimeUnit.SECONDS));
        assertThat(failed.getCause()).isInstanceOf(TorrentCreationException.class);
        return failed.getCause();
    }

    private Throwable failureWhile(Path source, IoAction change) throws Exception {
        return failureWhile(source, 1, change);
    }

    /** Creates a torrent of {@code source} sequentially and runs {@code change} after piece {@code afterPiece}. */
    private Throwable failureWhile(Path source, int afterPiece, IoAction change) throws Exception {
        CompletableFuture<Metainfo> future = new TorrentCreator(Runnable::run, 1).create(source,
                TorrentCreationOptions.builder().pieceLength(PIECE).build(), (done, total) -> {
                    if (done == afterPiece) {
                        try {
                            change.run();
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }
                });
        ExecutionException failed = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> future.get(30, TimeUnit.SECONDS));
        return failed.getCause();
    }

    private Path write(Path file, int size) throws Exception {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return Files.write(file, bytes);
    }

    @FunctionalInterface
    private interface IoAction {
        void run() throws java.io.IOException;
    }

    /** Runs submitted tasks only when asked, on the test's thread, so a test can act between them. */
    private static final class QueueExecutor implements java.util.concurrent.Executor {
        private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
        }

        void runAll() {
            for (int i = 0; i < 1_000 && !tasks.isEmpty(); i++) {
                tasks.poll().run();
            }
        }
    }
}
