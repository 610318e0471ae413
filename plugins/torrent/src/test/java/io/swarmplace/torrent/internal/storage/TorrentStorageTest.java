package io.swarmplace.torrent.internal.storage;

import static org.assertj.core.api.Assertions.assertThat;


import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TorrentStorageTest extends StorageTestBase {

    /** 11 files over 2.3 MiB in 64 KiB pieces: pieces span several files, some files lie inside one piece. */
    static TestTorrent album() {
        return TestTorrent.multiFile("album", 64 * 1024, 7)
                .file("cd1/01.flac", 300_000)
                .file("cd1/02.flac", 1)
                .file("cd1/empty.txt", 0)
                .file("cd1/03.flac", 700_000)
                .padding(20_000)
                .file("cd2/01.flac", 65_536)
                .file("cd2/02.flac", 1_000_000)
                .file("cd2/nested/deep/notes.txt", 12_345)
                .file("cover.jpg", 65_535)
                .file("readme", 17)
                .file("z-last", 200_000)
                .build();
    }

    @Test
    void writesEveryPieceThenTheFilesEqualTheOriginal() throws Exception {
        TestTorrent torrent = album();
        TorrentStorage storage = open(torrent, temp);
        writeAll(storage, torrent);

        assertThat(storage.isComplete()).isTrue();
        for (int i = 0; i < torrent.info.files().size(); i++) {
            var file = torrent.info.files().get(i);
            Path path = temp.resolve("album").resolve(String.join("/", file.path()));
            if (file.padding()) {
                assertThat(storage.filePath(i)).isEmpty();
                continue;
            }
            assertThat(path).as(file.displayPath()).exists();
            assertThat(Files.readAllBytes(path)).as(file.displayPath()).isEqualTo(torrent.fileBytes(i));
        }
        try (var padding = Files.walk(temp)) {
            assertThat(padding).noneMatch(p -> p.toString().contains(".pad"));
        }
        StorageStats stats = storage.stats();
        assertThat(stats.piecesWritten()).isEqualTo(torrent.pieceCount());
        assertThat(stats.piecesHashed()).isEqualTo(torrent.pieceCount());
        assertThat(stats.bytesWritten()).isEqualTo(torrent.data.length - 20_000);
    }

    @Test
    void readsBackEveryBlockIncludingPaddingAsZeros() {
        TestTorrent torrent = album();
        TorrentStorage storage = open(torrent, temp, OPTIONS.withReadCacheBytes(0), null);
        writeAll(storage, torrent);
        Random random = new Random(3);
        for (int piece = 0; piece < torrent.pieceCount(); piece++) {
            int size = torrent.info.pieceSize(piece);
            for (int begin = 0; begin < size; begin += 16 * 1024) {
                int length = Math.min(16 * 1024, size - begin);
                ByteBuffer block = await(storage.readBlock(piece, begin, length));
                assertThat(bytes(block)).isEqualTo(torrent.range(torrent.info.pieceLength() * (long) piece + begin, length));
            }
            int begin = random.nextInt(size);
            int length = 1 + random.nextInt(size - begin);
            assertThat(bytes(await(storage.readBlock(piece, begin, length))))
                    .isEqualTo(torrent.range(torrent.info.pieceLength() * (long) piece + begin, length));
        }
    }

    @Test
    void aPieceWithTheWrongHashWritesNothing() throws Exception {
        TestTorrent torrent = album();
        TorrentStorage storage = open(torrent, temp);
        ByteBuffer corrupt = torrent.piece(3);
        corrupt.put(100, (byte) (corrupt.get(100) ^ 1));

        assertThat(await(storage.writePiece(3, corrupt))).isEqualTo(PieceVerdict.HASH_FAILED);

        assertThat(storage.verifiedPieces().isEmpty()).isTrue();
        assertThat(temp.resolve("album")).doesNotExist();
        assertThat(storage.stats().hashFailures()).isEqualTo(1);
        assertThat(storage.stats().bytesWritten()).isZero();
        assertThat(failure(storage.readBlock(3, 0, 16)).kind()).isEqualTo(StorageException.Kind.PIECE_NOT_AVAILABLE);
    }

    @Test
    void aPieceWhosePaddingIsNotZeroIsRefusedEvenWithAMatchingHash() {
        // A hostile torrent whose "padding" bytes are not zero: we could never serve them back.
        TestTorrent honest = TestTorrent.multiFile("p", 16, 5).file("a", 10).padding(6).file("b", 16).build();
        byte[] stream = honest.data.clone();
        stream[12] = 9;
        byte[] hashes = honest.info.pieceHashes();
        System.arraycopy(TestTorrent.sha1(stream, 0, 16), 0, hashes, 0, 20);
        var info = new io.swarmplace.torrent.metainfo.TorrentInfo("p", 16, hashes, honest.info.files(), false, false);
        TorrentStorage storage = await(TorrentStorage.open(info, temp, OPTIONS, disk));
        try {
            assertThat(await(storage.writePiece(0, ByteBuffer.wrap(stream, 0, 16)))).isEqualTo(PieceVerdict.BAD_PADDING);
            assertThat(temp.resolve("p")).doesNotExist();
            assertThat(storage.verifiedPieces().isEmpty()).isTrue();
        } finally {
            storage.close();
        }
    }

    @Test
    void filesAreCreatedOnlyWhenAPieceReachesThemAndStaySparse() throws Exception {
        TestTorrent torrent = album();
        TorrentStorage storage = open(torrent, temp);
        int last = torrent.pieceCount() - 1;
        assertThat(await(storage.writePiece(last, torrent.piece(last)))).isEqualTo(PieceVerdict.VERIFIED);

        Path lastFile = temp.resolve("album/z-last");
        assertThat(lastFile).exists();
        assertThat(Files.size(lastFile)).isEqualTo(200_000);
        assertThat(temp.resolve("album/cd1/01.flac")).doesNotExist();
        assertThat(temp.resolve("album/cd2")).doesNotExist();
        assertThat(temp.resolve("album/cd1/empty.txt")).as("empty files come with the first piece").exists();
        assertThat(list(storage.verifiedPieces())).containsExactly(last);
        assertThat(storage.isComplete()).isFalse();
    }

    @Test
    void writingAVerifiedPieceAgainChangesNothing() {
        TestTorrent torrent = album();
        TorrentStorage storage = open(torrent, temp);
        assertThat(await(storage.writePiece(0, torrent.piece(0)))).isEqualTo(PieceVerdict.VERIFIED);
        assertThat(await(storage.writePiece(0, torrent.piece(1)))).isEqualTo(PieceVerdict.ALREADY_VERIFIED);
        assertThat(storage.stats().piecesWritten()).isEqualTo(1);
    }

    @Test
    void aBufferOfTheWrongSizeOrAMissingPieceIsRefused() {
        TestTorrent torrent = album();
        TorrentStorage storage = open(torrent, temp);
        StorageException wrongSize = failure(storage.writePiece(0, ByteBuffer.allocate(10)));
        assertThat(wrongSize.kind()).isEqualTo(StorageException.Kind.INVALID_REQUEST);
        assertThat(wrongSize).hasMessageContaining("piece 0 of torrent \"album\" has 65536 bytes, was handed 10");
        assertThat(failure(storage.writePiece(torrent.pieceCount(), ByteBuffer.allocate(10))))
                .hasMessageContaining("does not exist");
        assertThat(failure(storage.writePiece(-1, ByteBuffer.allocate(10))).kind())
                .isEqualTo(StorageException.Kind.INVALID_REQUEST);
    }

    @Test
    void theCallersBufferPositionIsLeftAlone() {
        TestTorrent torrent = album();
        TorrentStorage storage = open(torrent, temp);
        ByteBuffer piece = torrent.piece(2);
        await(storage.writePiece(2, piece));
        assertThat(piece.position()).isZero();
        assertThat(piece.remaining()).isEqualTo(torrent.info.pieceSize(2));
    }

    @Test
    void concurrentWritesOfAllPiecesFromSeveralThreads() throws Exception {
        TestTorrent torrent = album();
        TorrentStorage storage = open(torrent, temp, OPTIONS.withMaxOpenFiles(2), null);
        List<Integer> pieces = new ArrayList<>();
        for (int i = 0; i < torrent.pieceCount(); i++) {
            pieces.add(i);
            pieces.add(i);
        }
        Collections.shuffle(pieces, new Random(11));
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            List<CompletableFuture<PieceVerdict>> verdicts = Collections.synchronizedList(new ArrayList<>());
            for (int piece : pieces) {
                callers.execute(() -> verdicts.add(storage.writePiece(piece, torrent.piece(piece))));
            }
            callers.shutdown();
            assertThat(callers.awaitTermination(20, TimeUnit.SECONDS)).isTrue();
            for (CompletableFuture<PieceVerdict> verdict : verdicts) {
                assertThat(await(verdict)).isIn(PieceVerdict.VERIFIED, PieceVerdict.ALREADY_VERIFIED);
            }
        } finally {
            callers.shutdownNow();
        }
        assertThat(storage.isComplete()).isTrue();
        assertThat(storage.stats().openFiles()).isLessThanOrEqualTo(2);
        assertThat(Files.readAllBytes(temp.resolve("album/cd2/02.flac"))).isEqualTo(torrent.fileBytes(6));
        assertThat(Files.readAllBytes(temp.resolve("album/cd1/03.flac"))).isEqualTo(torrent.fileBytes(3));
        BitSet recheck = await(storage.recheck(ProgressListener.NONE));
        assertThat(recheck.cardinality()).isEqualTo(torrent.pieceCount());
    }

    @Test
    void nothingHappensOnTheCallersThread() throws Exception {
        TestTorrent torrent = album();
        Queue<Runnable> queued = new ArrayDeque<>();
        CompletableFuture<TorrentStorage> opening = TorrentStorage.open(torrent.info, temp, OPTIONS, queued::add);
        assertThat(opening).isNotDone();
        runAll(queued);
        TorrentStorage storage = await(opening);

        CompletableFuture<PieceVerdict> write = storage.writePiece(0, torrent.piece(0));
        assertThat(write).isNotDone();
        assertThat(temp.resolve("album")).doesNotExist();
        assertThat(storage.stats().piecesHashed()).isZero();
        runAll(queued);
        assertThat(await(write)).isEqualTo(PieceVerdict.VERIFIED);

        CompletableFuture<ByteBuffer> read = storage.readBlock(0, 0, 16);
        assertThat(read).isNotDone();
        runAll(queued);
        assertThat(bytes(await(read))).isEqualTo(torrent.range(0, 16));

        CompletableFuture<BitSet> recheck = storage.recheck(ProgressListener.NONE);
        assertThat(recheck).isNotDone();
        runAll(queued);
        assertThat(await(recheck).get(0)).isTrue();
        storage.close();
        runAll(queued);
    }

    @Test
    void readsOutsideThePieceAreRefusedWithAClearMessage() {
        TestTorrent torrent = album();
        TorrentStorage storage = open(torrent, temp);
        writeAll(storage, torrent);
        int last = torrent.pieceCount() - 1;
        int lastSize = torrent.info.pieceSize(last);
        assertThat(failure(storage.readBlock(last, lastSize - 10, 11)))
                .hasMessageContaining("block of 11 bytes at " + (lastSize - 10) + " is outside piece " + last)
                .extracting(StorageException::kind).isEqualTo(StorageException.Kind.INVALID_REQUEST);
        assertThat(failure(storage.readBlock(0, -1, 10)).kind()).isEqualTo(StorageException.Kind.INVALID_REQUEST);
        assertThat(failure(storage.readBlock(0, 0, 0)).kind()).isEqualTo(StorageException.Kind.INVALID_REQUEST);
        assertThat(failure(storage.readBlock(last + 1, 0, 10)).kind()).isEqualTo(StorageException.Kind.INVALID_REQUEST);
        assertThat(failure(storage.readBlock(0, Integer.MAX_VALUE - 5, 10)).kind())
                .isEqualTo(StorageException.Kind.INVALID_REQUEST);
        assertThat(bytes(await(storage.readBlock(last, lastSize - 10, 10))))
                .isEqualTo(torrent.range(torrent.data.length - 10, 10));
    }

    @Test
    void hotPiecesAreServedFromTheReadCache() throws Exception {
        TestTorrent torrent = album();
        Path folder = temp.resolve("seed");
        TorrentStorage writer = open(torrent, folder);
        writeAll(writer, torrent);
        await(writer.saveResumeData(temp.resolve("resume")));
        await(writer.closeAsync());

        // A fresh storage (empty cache) that trusts the data, with room for 2 pieces.
        TorrentStorage storage = open(torrent, folder, OPTIONS.withReadCacheBytes(2 * 64 * 1024), temp.resolve("resume"));
        for (int begin = 0; begin < 64 * 1024; begin += 16 * 1024) {
            await(storage.readBlock(5, begin, 16 * 1024));
        }
        StorageStats afterFirstPiece = storage.stats();
        assertThat(afterFirstPiece.cacheMisses()).isEqualTo(1);
        assertThat(afterFirstPiece.cacheHits()).isEqualTo(3);
        assertThat(afterFirstPiece.bytesReadFromDisk()).isEqualTo(64 * 1024);

        for (int round = 0; round < 10; round++) {
            assertThat(bytes(await(storage.readBlock(5, 100, 1000)))).isEqualTo(torrent.range(5 * 64 * 1024 + 100, 1000));
        }
        assertThat(storage.stats().cacheHits()).isEqualTo(13);
        assertThat(storage.stats().bytesReadFromDisk()).isEqualTo(64 * 1024);

        await(storage.readBlock(6, 0, 10));
        await(storage.readBlock(7, 0, 10));
        assertThat(storage.stats().cachedBytes()).isEqualTo(2 * 64 * 1024);
        await(storage.readBlock(5, 0, 10));
        assertThat(storage.stats().cacheMisses()).as("piece 5 was evicted by 6 and 7").isEqualTo(4);
    }

    @Test
    void cachedBlocksAreAnsweredAtOnceAndOthersNotAtAll() throws Exception {
        TestTorrent torrent = album();
        TorrentStorage writer = open(torrent, temp);
        writeAll(writer, torrent);
        await(writer.saveResumeData(temp.resolve("resume")));
        await(writer.closeAsync());
        TorrentStorage storage = open(torrent, temp, OPTIONS.withReadCacheBytes(2 * 64 * 1024), temp.resolve("resume"));

        assertThat(storage.cachedBlock(3, 0, 16 * 1024)).as("nothing read yet").isEmpty();
        await(storage.readBlock(3, 0, 16 * 1024));
        ByteBuf block = storage.cachedBlock(3, 1000, 5000).orElseThrow();
        try {
            assertThat(block.isReadOnly()).as("other peers are served from the same memory").isTrue();
            assertThat(ByteBufUtil.getBytes(block)).isEqualTo(torrent.range(3 * 64 * 1024 + 1000, 5000));
        } finally {
            block.release();
        }
        assertThat(storage.cachedBlock(3, 64 * 1024 - 10, 20)).as("beyond the piece").isEmpty();
        assertThat(storage.cachedBlock(-1, 0, 10)).isEmpty();
        assertThat(storage.stats().bytesReadFromDisk()).isEqualTo(64 * 1024);
        await(storage.closeAsync());
        assertThat(storage.cachedBlock(3, 0, 10)).as("closed").isEmpty();
    }

    @Test
    void blocksRequestedTogetherShareOneDiskRead() throws Exception {
        TestTorrent torrent = album();
        TorrentStorage writer = open(torrent, temp);
        writeAll(writer, torrent);
        await(writer.saveResumeData(temp.resolve("resume")));
        await(writer.closeAsync());
        TorrentStorage storage = open(torrent, temp, OPTIONS, temp.resolve("resume"));

        List<CompletableFuture<ByteBuffer>> blocks = new ArrayList<>();
        for (int begin = 0; begin < 64 * 1024; begin += 16 * 1024) {
            blocks.add(storage.readBlock(8, begin, 16 * 1024));
        }
        for (int i = 0; i < blocks.size(); i++) {
            assertThat(bytes(await(blocks.get(i)))).isEqualTo(torrent.range(8 * 64 * 1024 + i * 16 * 1024, 16 * 1024));
        }
        assertThat(storage.stats().bytesReadFromDisk()).isEqualTo(64 * 1024);
        assertThat(storage.stats().cacheMisses()).isEqualTo(1);
    }

    @Test
    void justWrittenPiecesAreServedWithoutReadingTheDisk() {
        TestTorrent torrent = album();
        TorrentStorage storage = open(torrent, temp);
        await(storage.writePiece(4, torrent.piece(4)));
        ByteBuffer block = await(storage.readBlock(4, 0, 16 * 1024));
        assertThat(block.isReadOnly()).isTrue();
        assertThat(bytes(block)).isEqualTo(torrent.range(4 * 64 * 1024, 16 * 1024));
        assertThat(storage.stats().bytesReadFromDisk()).isZero();
        assertThat(storage.stats().cacheHits()).isEqualTo(1);
    }

    @Test
    void verifiedDataThatVanishedOrShrankOutsideIsReportedNotServed() throws Exception {
        TestTorrent torrent = album();
        TorrentStorage writer = open(torrent, temp);
        writeAll(writer, torrent);
        await(writer.saveResumeData(temp.resolve("resume")));
        await(writer.closeAsync());
        TorrentStorage storage = open(torrent, temp, OPTIONS.withReadCacheBytes(0), temp.resolve("resume"));
        Files.delete(temp.resolve("album/cover.jpg"));
        try (var last = new java.io.RandomAccessFile(temp.resolve("album/z-last").toFile(), "rw")) {
            last.setLength(10);
        }
        int coverPiece = (int) (torrent.info.files().get(8).offset() / torrent.info.pieceLength()) + 1;
        int lastPiece = torrent.pieceCount() - 1;

        StorageException gone = failure(storage.readBlock(coverPiece, 0, 100));
        assertThat(gone.kind()).isEqualTo(StorageException.Kind.FILE_NOT_FOUND);
        assertThat(gone).hasMessageContaining("cannot read piece " + coverPiece + " from " + temp.resolve("album/cover.jpg"))
                .hasMessageContaining("recheck the torrent");
        StorageException shrank = failure(storage.readBlock(lastPiece, 0, 100));
        assertThat(shrank.kind()).isEqualTo(StorageException.Kind.DATA_MISSING);
        assertThat(shrank).hasMessageContaining(temp.resolve("album/z-last") + ": the file has 10 bytes but the piece needs bytes ");
    }

    @Test
    void aFileInTheWayOfAFolderIsNamedInTheError() throws Exception {
        TestTorrent torrent = album();
        Files.createDirectories(temp.resolve("album"));
        Files.writeString(temp.resolve("album/cd1"), "I am a file, not a folder");
        TorrentStorage storage = open(torrent, temp);
        StorageException error = failure(storage.writePiece(0, torrent.piece(0)));
        assertThat(error).hasMessageContaining(temp.resolve("album/cd1").toString());
        assertThat(error.kind()).isIn(StorageException.Kind.ALREADY_EXISTS, StorageException.Kind.PATH_CONFLICT);
        assertThat(storage.verifiedPieces().isEmpty()).isTrue();
    }

    @Test
    void aClosedStorageRefusesWork() {
        TestTorrent torrent = album();
        TorrentStorage storage = open(torrent, temp);
        await(storage.closeAsync());
        assertThat(failure(storage.writePiece(0, torrent.piece(0))).kind()).isEqualTo(StorageException.Kind.CLOSED);
        assertThat(failure(storage.recheck(ProgressListener.NONE)).kind()).isEqualTo(StorageException.Kind.CLOSED);
        assertThat(temp.resolve("album")).doesNotExist();
    }

    @Test
    void aShutDownExecutorFailsTheFutureInsteadOfThrowing() {
        TestTorrent torrent = album();
        ExecutorService gone = Executors.newSingleThreadExecutor();
        gone.shutdown();
        assertThat(failure(TorrentStorage.open(torrent.info, temp, OPTIONS, gone)))
                .hasMessageContaining("the disk executor refused work for torrent \"album\"");
    }

    @Test
    void singleFileTorrentRoundTrip() throws Exception {
        TestTorrent torrent = TestTorrent.singleFile("movie.mkv", 32 * 1024, 200_000, 9);
        TorrentStorage storage = open(torrent, temp);
        writeAll(storage, torrent);
        assertThat(Files.readAllBytes(temp.resolve("movie.mkv"))).isEqualTo(torrent.data);
        assertThat(storage.root()).isEqualTo(temp.resolve("movie.mkv"));
    }

    private static void runAll(Queue<Runnable> queued) {
        for (int guard = 0; !queued.isEmpty() && guard < 10_000; guard++) {
            queued.poll().run();
        }
        assertThat(queued).isEmpty();
    }

    static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
