package io.swarmplace.torrent.internal.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swarmplace.torrent.metainfo.TorrentFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PieceMapTest {

    /** a(5) b(0) c(3) d(20) pad(4) e(10) in pieces of 16: 42 bytes, 3 pieces. */
    private final TestTorrent torrent = TestTorrent.multiFile("t", 16, 1)
            .file("a", 5).file("b", 0).file("c", 3).file("dir/d", 20).padding(4).file("e", 10).build();
    private final PieceMap map = new PieceMap(torrent.info);

    @Test
    void mapsEachPieceOntoTheFilesItSpansSkippingEmptyFiles() {
        assertThat(map.piece(0)).containsExactly(
                new FileSlice(0, 0, 5, false), new FileSlice(2, 0, 3, false), new FileSlice(3, 0, 8, false));
        assertThat(map.piece(1)).containsExactly(new FileSlice(3, 8, 12, false), new FileSlice(4, 0, 4, true));
        assertThat(map.piece(2)).containsExactly(new FileSlice(5, 0, 10, false));
    }

    @Test
    void mapsARangeInsideAPiece() {
        assertThat(map.range(1, 10, 4)).containsExactly(new FileSlice(3, 18, 2, false), new FileSlice(4, 0, 2, true));
        assertThat(map.range(0, 4, 2)).containsExactly(new FileSlice(0, 4, 1, false), new FileSlice(2, 0, 1, false));
        assertThat(map.range(2, 9, 1)).containsExactly(new FileSlice(5, 9, 1, false));
    }

    @Test
    void tellsWhichPiecesHoldAFile() {
        assertThat(map.piecesOf(0)).containsExactly(0, 0);
        assertThat(map.piecesOf(1)).isEmpty();
        assertThat(map.piecesOf(3)).containsExactly(0, 1);
        assertThat(map.piecesOf(4)).containsExactly(1, 1);
        assertThat(map.piecesOf(5)).containsExactly(2, 2);
    }

    @Test
    void onePieceOverManyTinyFiles() {
        TestTorrent.Builder builder = TestTorrent.multiFile("tiny", 64, 2);
        for (int i = 0; i < 30; i++) {
            builder.file("f" + i, 3);
        }
        PieceMap tiny = new PieceMap(builder.build().info);
        List<FileSlice> first = tiny.piece(0);
        assertThat(first).hasSize(22);
        assertThat(first.get(21)).isEqualTo(new FileSlice(21, 0, 1, false));
        assertThat(tiny.piece(1).get(0)).isEqualTo(new FileSlice(21, 1, 2, false));
        assertThat(first.stream().mapToInt(FileSlice::length).sum()).isEqualTo(64);
    }

    @Test
    void lastPieceIsShort() {
        assertThat(map.pieceSize(2)).isEqualTo(10);
        assertThat(map.pieceOffset(2)).isEqualTo(32);
    }

    @Test
    void rejectsRangesOutsideThePieceWithAClearMessage() {
        assertThatThrownBy(() -> map.range(2, 5, 6)).isInstanceOf(StorageException.class)
                .hasMessageContaining("block of 6 bytes at 5 is outside piece 2 of 10 bytes")
                .extracting(e -> ((StorageException) e).kind()).isEqualTo(StorageException.Kind.INVALID_REQUEST);
        assertThatThrownBy(() -> map.range(0, -1, 2)).isInstanceOf(StorageException.class);
        assertThatThrownBy(() -> map.range(0, 0, 0)).isInstanceOf(StorageException.class);
        assertThatThrownBy(() -> map.range(0, Integer.MAX_VALUE, Integer.MAX_VALUE)).isInstanceOf(StorageException.class);
        assertThatThrownBy(() -> map.piece(3)).isInstanceOf(StorageException.class)
                .hasMessageContaining("piece 3 does not exist; the torrent has 3 pieces");
        assertThatThrownBy(() -> map.piece(-1)).isInstanceOf(StorageException.class);
    }

    @Test
    void agreesWithAByteByByteWalkOnRandomLayouts() {
        Random random = new Random(42);
        for (int round = 0; round < 200; round++) {
            int pieceLength = 1 + random.nextInt(40);
            TestTorrent.Builder builder = TestTorrent.multiFile("r", pieceLength, round);
            int files = 1 + random.nextInt(12);
            for (int f = 0; f < files; f++) {
                int length = random.nextInt(4) == 0 ? 0 : random.nextInt(50);
                if (random.nextInt(5) == 0 && length > 0) {
                    builder.padding(length);
                } else {
                    builder.file("f" + f, length);
                }
            }
            builder.file("last", 1 + random.nextInt(30));
            TestTorrent layout = builder.build();
            PieceMap subject = new PieceMap(layout.info);
            for (int piece = 0; piece < subject.pieceCount(); piece++) {
                int size = subject.pieceSize(piece);
                int begin = random.nextInt(size);
                int length = 1 + random.nextInt(size - begin);
                assertThat(subject.range(piece, begin, length))
                        .as("round %d piece %d [%d+%d)", round, piece, begin, length)
                        .isEqualTo(walk(layout.info.files(), subject.pieceOffset(piece) + begin, length));
            }
        }
    }

    /** The reference: visit every byte and merge runs of the same file. */
    private static List<FileSlice> walk(List<TorrentFile> files, long start, int length) {
        List<FileSlice> slices = new ArrayList<>();
        for (long position = start; position < start + length; position++) {
            for (int i = 0; i < files.size(); i++) {
                TorrentFile file = files.get(i);
                if (position >= file.offset() && position < file.end()) {
                    FileSlice last = slices.isEmpty() ? null : slices.get(slices.size() - 1);
                    if (last != null && last.fileIndex() == i) {
                        slices.set(slices.size() - 1,
                                new FileSlice(i, last.fileOffset(), last.length() + 1, file.padding()));
                    } else {
                        slices.add(new FileSlice(i, position - file.offset(), 1, file.padding()));
                    }
                }
            }
        }
        return slices;
    }
}
