package io.swarmplace.torrent.internal.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RecheckTest extends StorageTestBase {

    private final TestTorrent torrent = TorrentStorageTest.album();

    @Test
    void findsEveryPieceOfIntactFilesWrittenBefore() {
        TorrentStorage writer = open(torrent, temp);
        writeAll(writer, torrent);
        await(writer.closeAsync());

        TorrentStorage storage = open(torrent, temp);
        assertThat(storage.verifiedPieces().isEmpty()).isTrue();
        List<int[]> progress = new ArrayList<>();
        BitSet found = await(storage.recheck((checked, total, verified) -> {
            synchronized (progress) {
                progress.add(new int[] {checked, total, verified});
            }
        }));
        assertThat(found.cardinality()).isEqualTo(torrent.pieceCount());
        assertThat(storage.isComplete()).isTrue();
        assertThat(progress).hasSize(torrent.pieceCount());
        assertThat(progress.stream().mapToInt(p -> p[0]).sorted().toArray())
                .isEqualTo(IntStream.rangeClosed(1, torrent.pieceCount()).toArray());
        assertThat(progress).allMatch(p -> p[1] == torrent.pieceCount());
        assertThat(storage.stats().piecesHashed()).isEqualTo(torrent.pieceCount());
        assertThat(storage.stats().bytesReadFromDisk()).isEqualTo(torrent.data.length - 20_000);
    }

    @Test
    void aFlippedByteOnDiskLosesExactlyThatPiece() throws Exception {
        TorrentStorage storage = open(torrent, temp);
        writeAll(storage, torrent);
        // Byte 1000 of cd2/02.flac: stream offset 300_000 + 1 + 700_000 + 20_000 + 65_536 + 1000.
        long streamOffset = 1_086_537L;
        flipByte(temp.resolve("album/cd2/02.flac"), 1000);
        int damaged = (int) (streamOffset / torrent.info.pieceLength());

        BitSet found = await(storage.recheck(ProgressListener.NONE));

        BitSet expected = all();
        expected.clear(damaged);
        assertThat(found).isEqualTo(expected);
        assertThat(storage.verifiedPieces()).isEqualTo(expected);
        assertThat(failure(storage.readBlock(damaged, 0, 10)).kind()).isEqualTo(StorageException.Kind.PIECE_NOT_AVAILABLE);
    }

    @Test
    void aMissingFileMeansItsPiecesAreMissingNotAnError() throws Exception {
        TorrentStorage storage = open(torrent, temp);
        writeAll(storage, torrent);
        await(storage.closeAsync());
        Files.delete(temp.resolve("album/cd1/03.flac"));

        TorrentStorage reopened = open(torrent, temp);
        BitSet found = await(reopened.recheck(ProgressListener.NONE));

        PieceMap map = new PieceMap(torrent.info);
        BitSet expected = all();
        int[] pieces = map.piecesOf(3);
        expected.clear(pieces[0], pieces[1] + 1);
        assertThat(found).isEqualTo(expected);
        assertThat(temp.resolve("album/cd1/03.flac")).as("a recheck creates nothing").doesNotExist();
    }

    @Test
    void aShortFileLosesOnlyThePiecesPastItsEnd() throws Exception {
        TorrentStorage storage = open(torrent, temp);
        writeAll(storage, torrent);
        await(storage.closeAsync());
        Path last = temp.resolve("album/z-last");
        try (RandomAccessFile file = new RandomAccessFile(last.toFile(), "rw")) {
            file.setLength(100_000);
        }
        TorrentStorage reopened = open(torrent, temp);
        BitSet found = await(reopened.recheck(ProgressListener.NONE));

        long cut = torrent.data.length - 100_000;
        BitSet expected = all();
        expected.clear((int) (cut / torrent.info.pieceLength()), torrent.pieceCount());
        assertThat(found).isEqualTo(expected);
    }

    @Test
    void checksOnlyThePiecesAskedFor() throws Exception {
        TorrentStorage storage = open(torrent, temp);
        writeAll(storage, torrent);
        flipByte(temp.resolve("album/cd1/01.flac"), 5);
        BitSet subset = new BitSet();
        subset.set(10, 14);

        BitSet found = await(storage.recheck(subset, ProgressListener.NONE));

        assertThat(found).as("piece 0 is damaged but was not looked at").isEqualTo(all());
        assertThat(storage.stats().piecesHashed()).isEqualTo(torrent.pieceCount() + 4);
    }

    @Test
    void oneHashingWorkerIsEnough() throws Exception {
        TorrentStorage writer = open(torrent, temp);
        writeAll(writer, torrent);
        await(writer.closeAsync());
        TorrentStorage storage = open(torrent, temp, OPTIONS.withHashParallelism(1), null);
        assertThat(await(storage.recheck(ProgressListener.NONE))).isEqualTo(all());
    }

    @Test
    void anEmptyFolderHasNoPieces() {
        TorrentStorage storage = open(torrent, temp);
        assertThat(await(storage.recheck(ProgressListener.NONE)).isEmpty()).isTrue();
        assertThat(temp.resolve("album")).doesNotExist();
    }

    @Test
    void aListenerThatThrowsFailsTheRecheck() {
        TorrentStorage storage = open(torrent, temp);
        StorageException thrown = new StorageException(StorageException.Kind.IO_ERROR, "listener broke");
        assertThat(failure(storage.recheck((checked, total, verified) -> {
            throw thrown;
        }))).isSameAs(thrown);
    }

    private BitSet all() {
        BitSet all = new BitSet();
        all.set(0, torrent.pieceCount());
        return all;
    }

    static void flipByte(Path file, long position) throws Exception {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(position);
            int value = raf.read();
            raf.seek(position);
            raf.write(value ^ 0x40);
        }
    }
}
