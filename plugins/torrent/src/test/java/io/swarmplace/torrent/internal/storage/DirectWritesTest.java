package io.swarmplace.torrent.internal.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.nio.file.ExtendedOpenOption;
import io.swarmplace.testing.ExternalPart;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Verified pieces written past the page cache: whole blocks go direct, the rest through the cache, every byte lands. */
class DirectWritesTest extends StorageTestBase {

    private static final int PIECE = 64 * 1024;

    /** One per thread of the test's disk executor, as the engine sizes it: no write finds them all in use. */
    private final DirectWriteBuffers buffers = new DirectWriteBuffers(DISK_THREADS);
    private final StorageOptions direct = OPTIONS.withDirectWrites(Optional.of(buffers));
    private int alignment;

    @BeforeEach
    void needsAFileSystemThatTakesDirectWrites() throws IOException {
        alignment = (int) Math.max(4096, Files.getFileStore(temp).getBlockSize());
        ExternalPart.require("a temp folder whose file system takes O_DIRECT writes (" + temp + ")",
                "point java.io.tmpdir at ext4, xfs or tmpfs", this::takesDirectWrites);
    }

    private boolean takesDirectWrites() {
        Path probe = temp.resolve("probe");
        try (FileChannel channel = FileChannel.open(probe, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                ExtendedOpenOption.DIRECT)) {
            // A heap buffer here would hit the JDK 17 bug DirectWriteBuffers exists for.
            channel.write(ByteBuffer.allocateDirect(2 * alignment).alignedSlice(alignment).limit(alignment), 0);
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        } finally {
            try {
                Files.deleteIfExists(probe);
            } catch (IOException e) {
                // the temp folder goes anyway
            }
        }
    }

    @Test
    void theAlignedPartIsTheWholeBlocksInsideTheRange() {
        DirectWrites.Channel channel = new DirectWrites.Channel(null, 4_096);
        assertThat(channel.alignedPart(0, 65_536)).contains(new DirectWrites.Range(0, 65_536));
        assertThat(channel.alignedPart(5_000, 65_536)).contains(new DirectWrites.Range(8_192, 69_632));
        assertThat(channel.alignedPart(8_192, 10_000)).contains(new DirectWrites.Range(8_192, 16_384));
        assertThat(channel.alignedPart(5_000, 4_096)).isEmpty();
        assertThat(channel.alignedPart(4_097, 8_190)).isEmpty();
    }

    @Test
    void wholeBlocksOfVerifiedPiecesGoDirectAndTheUnalignedTailThroughTheCache() throws Exception {
        int length = 8 * PIECE + 10_000;
        TestTorrent torrent = TestTorrent.singleFile("movie.mkv", PIECE, length, 3);
        TorrentStorage storage = open(torrent, temp, direct, null);
        writeAll(storage, torrent);

        assertThat(Files.readAllBytes(temp.resolve("movie.mkv"))).isEqualTo(torrent.data);
        StorageStats stats = storage.stats();
        assertThat(stats.bytesWritten()).isEqualTo(length);
        assertThat(stats.bytesWrittenDirect()).isEqualTo(8L * PIECE + 10_000 / alignment * alignment);
        for (int piece = 0; piece < torrent.pieceCount(); piece++) {
            ByteBuffer block = await(storage.readBlock(piece, 0, torrent.info.pieceSize(piece)));
            assertThat(block).isEqualTo(torrent.piece(piece));
        }
    }

    @Test
    void filesThatStartBetweenBlocksKeepEveryByte() throws Exception {
        TestTorrent torrent = TestTorrent.multiFile("album", PIECE, 5)
                .file("cover.jpg", 5_000)
                .file("01.flac", 300_001)
                .file("02.flac", 4_095)
                .file("03.flac", 140_000)
                .build();
        TorrentStorage storage = open(torrent, temp, direct, null);
        writeAll(storage, torrent);

        for (int i = 0; i < torrent.info.files().size(); i++) {
            Path file = temp.resolve("album").resolve(torrent.info.files().get(i).path().get(0));
            assertThat(Files.readAllBytes(file)).as(file.toString()).isEqualTo(torrent.fileBytes(i));
        }
        StorageStats stats = storage.stats();
        assertThat(stats.bytesWrittenDirect()).isPositive().isLessThan(stats.bytesWritten());
        assertThat(stats.bytesWrittenDirect() % alignment).isZero();
    }

    @Test
    void stagingBuffersAreAlignedReusedAndNeverMoreThanTheirLimit() {
        DirectWriteBuffers two = new DirectWriteBuffers(2);
        ByteBuffer first = two.borrow().orElseThrow();
        ByteBuffer second = two.borrow().orElseThrow();
        assertThat(two.borrow()).isEmpty();
        assertThat(first.isDirect()).isTrue();
        assertThat(first.alignmentOffset(0, DirectWriteBuffers.MAX_ALIGNMENT)).isZero();
        assertThat(first.capacity()).isEqualTo(DirectWriteBuffers.BYTES);

        first.put(new byte[100]);
        two.giveBack(first);
        assertThat(two.borrow()).containsSame(first).get().extracting(ByteBuffer::position).isEqualTo(0);
        two.giveBack(second);
        assertThat(two.allocated()).isEqualTo(2);
    }

    @Test
    void piecesLargerThanAStagingBufferGoDirectInWholeBuffers() throws Exception {
        int pieceLength = 4 << 20;
        TestTorrent torrent = TestTorrent.singleFile("disc.iso", pieceLength, pieceLength + 3 * 4096, 8);
        TorrentStorage storage = open(torrent, temp, direct, null);
        writeAll(storage, torrent);

        assertThat(Files.readAllBytes(temp.resolve("disc.iso"))).isEqualTo(torrent.data);
        assertThat(storage.stats().bytesWrittenDirect()).isEqualTo(torrent.data.length);
        assertThat(buffers.allocated()).isBetween(1, DISK_THREADS);
    }

    @Test
    void turnedOffEveryWriteGoesThroughTheCache() throws Exception {
        TestTorrent torrent = TestTorrent.singleFile("movie.mkv", PIECE, 4 * PIECE, 6);
        TorrentStorage storage = open(torrent, temp, OPTIONS, null);
        writeAll(storage, torrent);

        assertThat(Files.readAllBytes(temp.resolve("movie.mkv"))).isEqualTo(torrent.data);
        assertThat(storage.stats().bytesWrittenDirect()).isZero();
    }

    @Test
    void resumeDataTakenAfterDirectWritesIsAcceptedOnReopen() throws Exception {
        TestTorrent torrent = TestTorrent.singleFile("movie.mkv", PIECE, 4 * PIECE, 7);
        Path resume = temp.resolve("movie.resume");
        TorrentStorage storage = open(torrent, temp, direct, resume);
        writeAll(storage, torrent);
        await(storage.saveResumeData(resume));
        await(storage.closeAsync());

        TorrentStorage reopened = open(torrent, temp, direct, resume);
        assertThat(reopened.resumeOutcome().status()).isEqualTo(ResumeOutcome.Status.ACCEPTED);
        assertThat(reopened.isComplete()).isTrue();
    }
}
