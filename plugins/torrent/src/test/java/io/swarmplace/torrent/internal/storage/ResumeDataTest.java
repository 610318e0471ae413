package io.swarmplace.torrent.internal.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.swarmplace.bencode.BDictionary;
import io.swarmplace.bencode.BencodeDecoder;
import io.swarmplace.bencode.BencodeEncoder;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.BitSet;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ResumeDataTest extends StorageTestBase {

    private final TestTorrent torrent = TorrentStorageTest.album();
    private final PieceMap map = new PieceMap(torrent.info);

    private Path resume() {
        return temp.resolve("state/album.resume");
    }

    private Path downloads() {
        return temp.resolve("downloads");
    }

    /** Downloads everything, saves resume data, closes. */
    private void downloadAndSave() {
        TorrentStorage storage = open(torrent, downloads());
        writeAll(storage, torrent);
        await(storage.saveResumeData(resume()));
        await(storage.closeAsync());
    }

    @Test
    void reopeningTrustsTheSavedPiecesWithoutReadingOrHashing() throws Exception {
        downloadAndSave();

        TorrentStorage storage = open(torrent, downloads(), OPTIONS, resume());

        assertThat(storage.resumeOutcome().status()).isEqualTo(ResumeOutcome.Status.ACCEPTED);
        assertThat(storage.isComplete()).isTrue();
        assertThat(storage.stats().piecesHashed()).isZero();
        assertThat(storage.stats().bytesReadFromDisk()).isZero();
        assertThat(TorrentStorageTest.bytes(await(storage.readBlock(3, 0, 100)))).isEqualTo(torrent.range(3 * 65536, 100));
    }

    @Test
    void aSameSizeSameTimeChangeGoesUnnoticedUntilARecheckWhichProvesNothingWasHashed() throws Exception {
        downloadAndSave();
        Path file = downloads().resolve("album/cd1/01.flac");
        FileTime before = Files.getLastModifiedTime(file);
        RecheckTest.flipByte(file, 0);
        Files.setLastModifiedTime(file, before);

        TorrentStorage storage = open(torrent, downloads(), OPTIONS, resume());
        assertThat(storage.verifiedPieces().get(0)).isTrue();

        assertThat(await(storage.recheck(ProgressListener.NONE)).get(0)).isFalse();
    }

    @Test
    void aTouchedFileDropsExactlyItsPieces() throws Exception {
        downloadAndSave();
        Path notes = downloads().resolve("album/cd2/nested/deep/notes.txt");
        Files.setLastModifiedTime(notes, FileTime.fromMillis(Files.getLastModifiedTime(notes).toMillis() + 5_000));

        TorrentStorage storage = open(torrent, downloads(), OPTIONS, resume());

        ResumeOutcome outcome = storage.resumeOutcome();
        BitSet expectedDropped = piecesOf(7);
        assertThat(outcome.status()).isEqualTo(ResumeOutcome.Status.PARTIAL);
        assertThat(outcome.dropped()).isEqualTo(expectedDropped);
        BitSet expectedTrusted = all();
        expectedTrusted.andNot(expectedDropped);
        assertThat(storage.verifiedPieces()).isEqualTo(expectedTrusted);
        assertThat(storage.stats().piecesHashed()).isZero();

        BitSet rechecked = await(storage.recheck(outcome.dropped(), ProgressListener.NONE));
        assertThat(rechecked).as("the content did not change, only the time").isEqualTo(all());
        assertThat(storage.stats().piecesHashed()).isEqualTo(expectedDropped.cardinality());
    }

    @Test
    void aVanishedFileDropsItsPieces() throws Exception {
        downloadAndSave();
        Files.delete(downloads().resolve("album/cd2/01.flac"));

        TorrentStorage storage = open(torrent, downloads(), OPTIONS, resume());

        assertThat(storage.resumeOutcome().dropped()).isEqualTo(piecesOf(5));
        assertThat(storage.verifiedPieces().intersects(piecesOf(5))).isFalse();
    }

    @Test
    void piecesWrittenAfterTheLastSaveAreNeverClaimedAfterACrash() {
        TorrentStorage storage = open(torrent, downloads());
        for (int i = 0; i < 10; i++) {
            assertThat(await(storage.writePiece(i, torrent.piece(i)))).isEqualTo(PieceVerdict.VERIFIED);
        }
        await(storage.saveResumeData(resume()));
        for (int i = 10; i < 20; i++) {
            assertThat(await(storage.writePiece(i, torrent.piece(i)))).isEqualTo(PieceVerdict.VERIFIED);
        }
        // Crash: no save, no close.

        TorrentStorage reopened = open(torrent, downloads(), OPTIONS, resume());

        BitSet trusted = reopened.verifiedPieces();
        BitSet saved = new BitSet();
        saved.set(0, 10);
        BitSet unsaved = (BitSet) trusted.clone();
        unsaved.andNot(saved);
        assertThat(unsaved.isEmpty()).as("pieces after the save: %s", unsaved).isTrue();
        BitSet rechecked = await(reopened.recheck(ProgressListener.NONE));
        BitSet written = new BitSet();
        written.set(0, 20);
        assertThat(rechecked).as("a recheck finds them all").isEqualTo(written);
    }

    @Test
    void withoutAnySavedResumeDataNothingIsClaimed() {
        TorrentStorage storage = open(torrent, downloads());
        writeAll(storage, torrent);
        // Crash before any save.

        TorrentStorage reopened = open(torrent, downloads(), OPTIONS, resume());
        assertThat(reopened.resumeOutcome().status()).isEqualTo(ResumeOutcome.Status.NONE);
        assertThat(reopened.verifiedPieces().isEmpty()).isTrue();
    }

    @Test
    void piecesOfAFileThatShrankOutsideAreNotSaved() throws Exception {
        TorrentStorage storage = open(torrent, downloads());
        writeAll(storage, torrent);
        try (RandomAccessFile last = new RandomAccessFile(downloads().resolve("album/z-last").toFile(), "rw")) {
            last.setLength(1000);
        }
        ResumeData saved = await(storage.saveResumeData(resume()));
        int firstLost = (int) ((torrent.data.length - 200_000 + 1000) / torrent.info.pieceLength());
        BitSet expected = new BitSet();
        expected.set(0, firstLost);
        assertThat(saved.verifiedPieces()).isEqualTo(expected);
    }

    @Test
    void aTorrentOfThousandsOfSmallFilesResumes() {
        TestTorrent.Builder builder = TestTorrent.multiFile("many", 16 * 1024, 21);
        for (int i = 0; i < 1500; i++) {
            builder.file("d" + (i % 7) + "/f" + i, 1 + (i * 37) % 400);
        }
        TestTorrent many = builder.build();
        TorrentStorage storage = open(many, downloads(), OPTIONS.withMaxOpenFiles(8), null);
        writeAll(storage, many);
        await(storage.saveResumeData(resume()));
        await(storage.closeAsync());

        TorrentStorage reopened = open(many, downloads(), OPTIONS, resume());
        assertThat(reopened.resumeOutcome().problem()).isEmpty();
        assertThat(reopened.isComplete()).isTrue();
    }

    @Test
    void resumeDataOfAnotherFolderIsRejected() throws Exception {
        downloadAndSave();
        Path copy = temp.resolve("elsewhere");
        copyTree(downloads(), copy);

        TorrentStorage storage = open(torrent, copy, OPTIONS, resume());

        assertThat(storage.resumeOutcome().status()).isEqualTo(ResumeOutcome.Status.REJECTED);
        assertThat(storage.resumeOutcome().problem().orElseThrow())
                .hasMessageContaining("it was saved for the folder " + downloads());
        assertThat(storage.verifiedPieces().isEmpty()).isTrue();
    }

    @Test
    void movingThenSavingKeepsEverythingTrusted() {
        downloadAndSave();
        TorrentStorage storage = open(torrent, downloads(), OPTIONS, resume());
        await(storage.moveTo(temp.resolve("moved")));
        await(storage.saveResumeData(resume()));
        await(storage.closeAsync());

        TorrentStorage reopened = open(torrent, temp.resolve("moved"), OPTIONS, resume());
        assertThat(reopened.resumeOutcome().status()).isEqualTo(ResumeOutcome.Status.ACCEPTED);
        assertThat(reopened.isComplete()).isTrue();
    }

    static Stream<Arguments> corruptions() {
        return Stream.of(
                Arguments.of("truncated", (UnaryOperator<byte[]>) b -> Arrays.copyOf(b, b.length / 2),
                        "it is truncated or not canonical bencode"),
                Arguments.of("empty", (UnaryOperator<byte[]>) b -> new byte[0], "it is empty"),
                Arguments.of("garbage", (UnaryOperator<byte[]>) b -> "\u0000\u0001garbage".getBytes(StandardCharsets.ISO_8859_1),
                        "not canonical bencode"),
                Arguments.of("a list", (UnaryOperator<byte[]>) b -> "le".getBytes(StandardCharsets.US_ASCII),
                        "it is a bencoded list, not a dictionary"),
                Arguments.of("one byte more", (UnaryOperator<byte[]>) b -> Arrays.copyOf(b, b.length + 1),
                        "not canonical bencode"),
                Arguments.of("another format", replace("17:swarmplace-resume", "17:swarmplace-RESUME"),
                        "its file-format is \"swarmplace-RESUME\""),
                Arguments.of("a newer version", replace("12:file-versioni1e", "12:file-versioni2e"),
                        "its file-version is 2"),
                Arguments.of("another torrent", flipByteAfter("10:torrent-id20:"),
                        "it belongs to another torrent"),
                Arguments.of("missing files", replace("5:filesl", "5:fileZl"), "it has no \"files\" entry"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corruptions")
    void corruptResumeDataIsRejectedWithAClearReasonAndNothingIsTrusted(
            String name, UnaryOperator<byte[]> corrupt, String reason) throws Exception {
        downloadAndSave();
        Files.write(resume(), corrupt.apply(Files.readAllBytes(resume())));

        TorrentStorage storage = open(torrent, downloads(), OPTIONS, resume());

        ResumeOutcome outcome = storage.resumeOutcome();
        assertThat(outcome.status()).isEqualTo(ResumeOutcome.Status.REJECTED);
        assertThat(outcome.problem().orElseThrow())
                .hasMessageStartingWith("resume data " + resume() + " is not usable: ")
                .hasMessageContaining(reason);
        assertThat(outcome.problem().orElseThrow().kind()).isEqualTo(StorageException.Kind.RESUME_DATA);
        assertThat(storage.verifiedPieces().isEmpty()).isTrue();
        assertThat(await(storage.recheck(ProgressListener.NONE))).isEqualTo(all());
    }

    @Test
    void aBitfieldWithSpareBitsOrTheWrongLengthIsRejected() {
        ResumeData good = new ResumeData(ResumeData.torrentIdOf(torrent.info), torrent.pieceCount(), all(),
                java.util.Collections.nCopies(torrent.info.files().size(), ResumeData.FileState.ABSENT), downloads());
        byte[] encoded = ResumeDataCodec.encode(good);
        BDictionary document = (BDictionary) new BencodeDecoder().decode(encoded);
        byte[] bitfield = Bitfields.toBytes(all(), torrent.pieceCount());
        bitfield[bitfield.length - 1] |= 1;
        byte[] spare = new BencodeEncoder().encode(with(document, "pieces", bitfield));
        byte[] longer = new BencodeEncoder().encode(with(document, "pieces", Arrays.copyOf(bitfield, bitfield.length + 1)));

        assertThat(decodeFailure(spare)).hasMessageContaining("spare bit").hasMessageContaining("is set beyond the last piece");
        assertThat(decodeFailure(longer)).hasMessageContaining("its pieces bitfield is malformed");
    }

    @Test
    void anOversizedResumeFileIsRejectedBeforeItIsRead() throws Exception {
        Files.createDirectories(resume().getParent());
        try (RandomAccessFile huge = new RandomAccessFile(resume().toFile(), "rw")) {
            huge.setLength(512L * 1024 * 1024);
        }
        TorrentStorage storage = open(torrent, downloads(), OPTIONS, resume());
        assertThat(storage.resumeOutcome().problem().orElseThrow())
                .hasMessageContaining("it is 536870912 bytes, more than the");
    }

    @Test
    void encodingIsCanonicalAndRoundTrips() throws Exception {
        TorrentStorage storage = open(torrent, downloads());
        for (int i = 0; i < torrent.pieceCount(); i += 3) {
            await(storage.writePiece(i, torrent.piece(i)));
        }
        ResumeData saved = await(storage.saveResumeData(resume()));
        byte[] bytes = readAll(resume());

        assertThat(new BencodeEncoder().encode(new BencodeDecoder().decode(bytes))).isEqualTo(bytes);
        assertThat(ResumeDataCodec.decode(bytes, torrent.info, resume())).isEqualTo(saved);
        assertThat(saved.files().get(4)).as("padding").isEqualTo(ResumeData.FileState.ABSENT);
        assertThat(saved.files().get(2).size()).as("the empty file exists").isZero();
        assertThat(saved.savePath()).isEqualTo(downloads());
        try (var siblings = Files.list(resume().getParent())) {
            assertThat(siblings).as("no temp file left behind").containsExactly(resume());
        }
    }

    private static StorageException decodeFailure(byte[] bytes) {
        try {
            ResumeDataCodec.decode(bytes, TorrentStorageTest.album().info, Path.of("x.resume"));
        } catch (ResumeDataException e) {
            return e;
        }
        throw new AssertionError("accepted");
    }

    private static BDictionary with(BDictionary document, String key, byte[] value) {
        BDictionary.Builder builder = BDictionary.builder();
        document.entries().forEach(builder::put);
        return builder.put(key, value).build();
    }

    private static UnaryOperator<byte[]> replace(String from, String to) {
        return bytes -> {
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            assertThat(text).contains(from);
            return text.replace(from, to).getBytes(StandardCharsets.ISO_8859_1);
        };
    }

    private static UnaryOperator<byte[]> flipByteAfter(String marker) {
        return bytes -> {
            int at = new String(bytes, StandardCharsets.ISO_8859_1).indexOf(marker);
            assertThat(at).isNotNegative();
            byte[] changed = bytes.clone();
            changed[at + marker.length()] ^= 1;
            return changed;
        };
    }

    private BitSet piecesOf(int file) {
        BitSet pieces = new BitSet();
        int[] range = map.piecesOf(file);
        pieces.set(range[0], range[1] + 1);
        return pieces;
    }

    private BitSet all() {
        BitSet all = new BitSet();
        all.set(0, torrent.pieceCount());
        return all;
    }

    private static byte[] readAll(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (var paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
