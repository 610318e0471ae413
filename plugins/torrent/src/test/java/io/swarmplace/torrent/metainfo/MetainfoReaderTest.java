package io.swarmplace.torrent.metainfo;

import static io.swarmplace.torrent.metainfo.TestTorrents.attrFile;
import static io.swarmplace.torrent.metainfo.TestTorrents.file;
import static io.swarmplace.torrent.metainfo.TestTorrents.multiInfo;
import static io.swarmplace.torrent.metainfo.TestTorrents.pieces;
import static io.swarmplace.torrent.metainfo.TestTorrents.singleInfo;
import static io.swarmplace.torrent.metainfo.TestTorrents.strings;
import static io.swarmplace.torrent.metainfo.TestTorrents.torrent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swarmplace.bencode.BDictionary;
import io.swarmplace.bencode.BList;
import io.swarmplace.bencode.BString;
import io.swarmplace.bencode.BValue;
import io.swarmplace.bencode.BencodeException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MetainfoReaderTest {

    private static final int PIECE = 16 * 1024;

    private final MetainfoReader reader = new MetainfoReader();

    @Test
    void readsASingleFileTorrent() {
        BDictionary info = singleInfo("movie.mkv", 40_000, PIECE).build();
        Metainfo metainfo = reader.read(torrent(info));

        TorrentInfo parsed = metainfo.info();
        assertThat(parsed.name()).isEqualTo("movie.mkv");
        assertThat(parsed.singleFile()).isTrue();
        assertThat(parsed.pieceLength()).isEqualTo(PIECE);
        assertThat(parsed.pieceCount()).isEqualTo(3);
        assertThat(parsed.pieceHashes()).isEqualTo(pieces(3));
        assertThat(parsed.pieceSize(2)).isEqualTo(40_000 - 2 * PIECE);
        assertThat(parsed.files()).containsExactly(new TorrentFile(List.of("movie.mkv"), 40_000, 0, false));
        assertThat(parsed.privateTorrent()).isFalse();
        assertThat(metainfo.announceTiers()).isEmpty();
        assertThat(metainfo.webSeeds()).isEmpty();
        assertThat(metainfo.comment()).isEmpty();
        assertThat(metainfo.createdBy()).isEmpty();
        assertThat(metainfo.creationDate()).isEmpty();
    }

    @Test
    void readsAMultiFileTorrentWithOffsetsInStreamOrder() {
        BDictionary info = multiInfo("album", PIECE,
                file(30_000, "disc 1", "01.flac"), file(0, "empty.txt"), file(5_000, "cover.jpg")).build();
        TorrentInfo parsed = reader.read(torrent(info)).info();

        assertThat(parsed.singleFile()).isFalse();
        assertThat(parsed.name()).isEqualTo("album");
        assertThat(parsed.files()).containsExactly(
                new TorrentFile(List.of("disc 1", "01.flac"), 30_000, 0, false),
                new TorrentFile(List.of("empty.txt"), 0, 30_000, false),
                new TorrentFile(List.of("cover.jpg"), 5_000, 30_000, false));
        assertThat(parsed.totalLength()).isEqualTo(35_000);
        assertThat(parsed.pieceCount()).isEqualTo(3);
    }

    @Test
    void theInfoHashIsTheSha1OfTheInfoBytesAsTheyAppearIncludingUnknownKeys() throws Exception {
        BDictionary info = singleInfo("a", 10, PIECE).put("source", "tracker.example").put("x-extra", strings("1")).build();
        byte[] file = torrent(BDictionary.builder().put("announce", "http://t.example/announce"), info);
        Metainfo metainfo = reader.read(file);

        byte[] expectedInfo = info.encode();
        assertThat(metainfo.infoBytes()).isEqualTo(expectedInfo);
        assertThat(metainfo.infoHash().bytes()).isEqualTo(MessageDigest.getInstance("SHA-1").digest(expectedInfo));
    }

    @Test
    void prefersUtf8NamesAndPathsWhenPresent() {
        BDictionary entry = BDictionary.builder()
                .put("length", 10)
                .put("path", new BList(List.of(BString.of(new byte[] {(byte) 0xe9, 't', 'e'}))))
                .put("path.utf-8", strings("été"))
                .build();
        BDictionary info = multiInfo("x", PIECE, entry)
                .put("name", new byte[] {'c', (byte) 0xe1, 'f', (byte) 0xe9})
                .put("name.utf-8", "café")
                .build();
        TorrentInfo parsed = reader.read(torrent(info)).info();

        assertThat(parsed.name()).isEqualTo("café");
        assertThat(parsed.files().get(0).path()).containsExactly("été");
    }

    @Test
    void aNameThatIsNotUtf8IsReadWithReplacementCharacters() {
        BDictionary info = singleInfo("x", 10, PIECE).put("name", new byte[] {'a', (byte) 0xff, 'b'}).build();
        assertThat(reader.read(torrent(info)).info().name()).isEqualTo("a\uFFFDb");
    }

    @Test
    void readsBep47PaddingExecutableAndHiddenAttributes() {
        BDictionary info = multiInfo("p", PIECE,
                attrFile(1_000, "x", "run.sh"),
                attrFile(PIECE - 1_000, "p", ".pad", String.valueOf(PIECE - 1_000)),
                attrFile(2_000, "h", ".hidden"),
                attrFile(PIECE - 2_000, "p", ".pad", String.valueOf(PIECE - 2_000)),
                attrFile(1_000, "xh", "both")).build();
        List<TorrentFile> files = reader.read(torrent(info)).info().files();

        assertThat(files).extracting(TorrentFile::padding).containsExactly(false, true, false, true, false);
        assertThat(files).extracting(TorrentFile::executable).containsExactly(true, false, false, false, true);
        assertThat(files).extracting(TorrentFile::hidden).containsExactly(false, false, true, false, true);
        assertThat(files.get(2).offset()).isEqualTo(PIECE);
        assertThat(files.get(4).offset()).isEqualTo(2L * PIECE);
    }

    @Test
    void paddingFilesMayShareAPathAsLibtorrentNamesThemBySize() {
        BDictionary info = multiInfo("p", PIECE,
                file(1_000, "a"), attrFile(PIECE - 1_000, "p", ".pad", "15384"),
                file(1_000, "b"), attrFile(PIECE - 1_000, "p", ".pad", "15384"),
                file(1_000, "c")).build();
        assertThat(reader.read(torrent(info)).info().files()).hasSize(5);
    }

    @Test
    void privateIsOneNotZeroOrAbsent() {
        assertThat(reader.read(torrent(singleInfo("a", 1, PIECE).put("private", 1).build())).info().privateTorrent()).isTrue();
        assertThat(reader.read(torrent(singleInfo("a", 1, PIECE).put("private", 0).build())).info().privateTorrent()).isFalse();
        assertThat(reader.read(torrent(singleInfo("a", 1, PIECE).build())).info().privateTorrent()).isFalse();
    }

    @Test
    void announceListTakesPrecedenceOverAnnounce() {
        BDictionary.Builder top = BDictionary.builder()
                .put("announce", "http://lone.example/announce")
                .put("announce-list", new BList(List.of(
                        strings("http://a.example/announce", "udp://b.example:6969"),
                        strings("https://c.example/announce"))));
        Metainfo metainfo = reader.read(torrent(top, singleInfo("a", 1, PIECE).build()));

        assertThat(metainfo.announceTiers()).containsExactly(
                List.of(URI.create("http://a.example/announce"), URI.create("udp://b.example:6969")),
                List.of(URI.create("https://c.example/announce")));
        assertThat(metainfo.trackers()).doesNotContain(URI.create("http://lone.example/announce"));
    }

    @Test
    void unusableTrackerUrlsAreSkippedEmptyTiersDroppedAndRepeatsRemoved() {
        BDictionary.Builder top = BDictionary.builder()
                .put("announce-list", new BList(List.of(
                        strings("ftp://a.example/x", "not a url", "http://good.example/announce"),
                        strings(),
                        strings("ws://x.example/", "dht://abc"),
                        new BList(List.<BValue>of(BString.of("udp://u.example:80"), io.swarmplace.bencode.BInteger.of(5))),
                        BString.of("http://not-a-tier.example/"),
                        strings("http://good.example/announce", "https://other.example/a"))));
        Metainfo metainfo = reader.read(torrent(top, singleInfo("a", 1, PIECE).build()));

        assertThat(metainfo.announceTiers()).containsExactly(
                List.of(URI.create("http://good.example/announce")),
                List.of(URI.create("udp://u.example:80")),
                List.of(URI.create("https://other.example/a")));
    }

    @Test
    void announceIsUsedWhenTheAnnounceListHasNothingUsable() {
        BDictionary.Builder top = BDictionary.builder()
                .put("announce", "udp://tracker.example:1337/announce")
                .put("announce-list", new BList(List.of(strings("gopher://x/"))));
        Metainfo metainfo = reader.read(torrent(top, singleInfo("a", 1, PIECE).build()));
        assertThat(metainfo.announceTiers()).containsExactly(List.of(URI.create("udp://tracker.example:1337/announce")));

        BDictionary.Builder unusable = BDictionary.builder().put("announce", "mailto:someone@example.com");
        assertThat(reader.read(torrent(unusable, singleInfo("a", 1, PIECE).build())).announceTiers()).isEmpty();
    }

    @Test
    void urlListIsAStringOrAListOfHttpUrls() {
        Metainfo single = reader.read(torrent(BDictionary.builder().put("url-list", "http://seed.example/files/"),
                singleInfo("a", 1, PIECE).build()));
        assertThat(single.webSeeds()).containsExactly(URI.create("http://seed.example/files/"));

        Metainfo list = reader.read(torrent(BDictionary.builder().put("url-list",
                strings("https://one.example/", "udp://nope.example/", "junk junk", "http://two.example/x", "https://one.example/")),
                singleInfo("a", 1, PIECE).build()));
        assertThat(list.webSeeds()).containsExactly(URI.create("https://one.example/"), URI.create("http://two.example/x"));

        Metainfo empty = reader.read(torrent(BDictionary.builder().put("url-list", ""), singleInfo("a", 1, PIECE).build()));
        assertThat(empty.webSeeds()).isEmpty();
    }

    @Test
    void readsCommentCreatedByAndCreationDatePreferringUtf8Variants() {
        BDictionary.Builder top = BDictionary.builder()
                .put("comment", new byte[] {'n', (byte) 0xe4, 'h'})
                .put("comment.utf-8", "näh")
                .put("created by", "mktorrent 1.1")
                .put("creation date", 1_700_000_000L);
        Metainfo metainfo = reader.read(torrent(top, singleInfo("a", 1, PIECE).build()));

        assertThat(metainfo.comment()).contains("näh");
        assertThat(metainfo.createdBy()).contains("mktorrent 1.1");
        assertThat(metainfo.creationDate()).contains(Instant.ofEpochSecond(1_700_000_000L));
    }

    @Test
    void advisoryFieldsOfTheWrongTypeOrRangeAreIgnored() {
        BDictionary.Builder top = BDictionary.builder()
                .put("comment", 5)
                .put("created by", strings("x"))
                .put("creation date", "yesterday")
                .put("announce", 7)
                .put("url-list", 3);
        Metainfo metainfo = reader.read(torrent(top, singleInfo("a", 1, PIECE).build()));
        assertThat(metainfo.comment()).isEmpty();
        assertThat(metainfo.createdBy()).isEmpty();
        assertThat(metainfo.creationDate()).isEmpty();
        assertThat(metainfo.announceTiers()).isEmpty();
        assertThat(metainfo.webSeeds()).isEmpty();

        for (long nonsense : new long[] {-1, Long.MAX_VALUE, Long.MIN_VALUE, 253_402_300_800L}) {
            Metainfo dated = reader.read(torrent(BDictionary.builder().put("creation date", nonsense),
                    singleInfo("a", 1, PIECE).build()));
            assertThat(dated.creationDate()).as("creation date %d", nonsense).isEmpty();
        }
    }

    static Stream<Arguments> invalidInfoDictionaries() {
        return Stream.of(
                invalid("name missing", () -> without(singleInfo("a", 1, PIECE), "name"), "info.name is missing"),
                invalid("name empty", () -> singleInfo("", 1, PIECE), "info.name is empty"),
                invalid("name ..", () -> singleInfo("..", 1, PIECE), "info.name is \"..\", which would leave the download folder"),
                invalid("name .", () -> singleInfo(".", 1, PIECE), "info.name is \".\", which would leave the download folder"),
                invalid("name with /", () -> singleInfo("a/b", 1, PIECE), "info.name \"a/b\" contains a path separator"),
                invalid("name with \\", () -> singleInfo("..\\evil", 1, PIECE), "info.name \"..\\evil\" contains a path separator"),
                invalid("name with NUL", () -> singleInfo("a\0b", 1, PIECE), "info.name contains a NUL character"),
                invalid("name is a drive", () -> singleInfo("C:", 1, PIECE), "info.name \"C:\" starts with a drive letter"),
                invalid("name integer", () -> singleInfo("a", 1, PIECE).put("name", 5), "info.name must be a byte string, found an integer"),
                invalid("piece length missing", () -> without(singleInfo("a", 1, PIECE), "piece length"), "info.piece length is missing"),
                invalid("piece length zero", () -> singleInfo("a", 1, PIECE).put("piece length", 0), "info.piece length must be positive, is 0"),
                invalid("piece length negative", () -> singleInfo("a", 1, PIECE).put("piece length", -16384), "info.piece length must be positive, is -16384"),
                invalid("piece length huge", () -> singleInfo("a", 1, PIECE).put("piece length", 1L << 29),
                        "info.piece length of 536870912 bytes is larger than the limit of 268435456 bytes"),
                invalid("piece length string", () -> singleInfo("a", 1, PIECE).put("piece length", "16384"),
                        "info.piece length must be an integer, found a byte string"),
                invalid("pieces missing", () -> without(singleInfo("a", 1, PIECE), "pieces"), "info.pieces is missing"),
                invalid("pieces ragged", () -> singleInfo("a", 1, PIECE).put("pieces", new byte[21]),
                        "info.pieces has 21 bytes, which is not a whole number of 20-byte SHA-1 hashes"),
                invalid("too few pieces", () -> singleInfo("a", 2 * PIECE + 1, PIECE).put("pieces", pieces(2)),
                        "32769 bytes in pieces of 16384 bytes need 3 piece hashes, but info.pieces has 2"),
                invalid("too many pieces", () -> singleInfo("a", PIECE, PIECE).put("pieces", pieces(2)),
                        "16384 bytes in pieces of 16384 bytes need 1 piece hashes, but info.pieces has 2"),
                invalid("length negative", () -> singleInfo("a", 1, PIECE).put("length", -1), "info.length must not be negative, is -1"),
                invalid("length huge", () -> singleInfo("a", 1, PIECE).put("length", Long.MAX_VALUE),
                        "info.length of 9223372036854775807 bytes is larger than the limit of 1125899906842624 bytes"),
                invalid("no data", () -> singleInfo("a", 0, PIECE), "the torrent has no data: its files add up to 0 bytes"),
                invalid("length and files", () -> singleInfo("a", 1, PIECE).put("files", new BList(List.of(file(1, "a")))),
                        "info has both \"length\" (single file) and \"files\" (multi-file)"),
                invalid("neither length nor files", () -> without(singleInfo("a", 1, PIECE), "length"),
                        "info has neither \"length\" (single file) nor \"files\" (multi-file)"),
                invalid("v2 only", () -> without(singleInfo("a", 1, PIECE), "length").put("meta version", 2),
                        "info describes a BitTorrent v2-only torrent (BEP 52), which is not supported"),
                invalid("private string", () -> singleInfo("a", 1, PIECE).put("private", "1"),
                        "info.private must be an integer, found a byte string"),
                invalid("files empty", () -> multiInfo("d", PIECE), "info.files is empty"),
                invalid("files a dictionary", () -> multiInfo("d", PIECE).put("files", file(1, "a")),
                        "info.files must be a list, found a dictionary"),
                invalid("file an integer", () -> multiInfo("d", PIECE, file(1, "a")).put("files", new BList(List.of(file(1, "a"), io.swarmplace.bencode.BInteger.of(3)))),
                        "info.files[1] must be a dictionary, found an integer"),
                invalid("file length missing", () -> multiInfo("d", PIECE, file(1, "a")).put("files",
                        new BList(List.of(file(1, "a"), BDictionary.builder().put("path", strings("b")).build()))),
                        "info.files[1].length is missing"),
                invalid("file length negative", () -> multiInfo("d", PIECE, file(5, "a"), file(-4, "b")),
                        "info.files[1].length must not be negative, is -4"),
                invalid("path missing", () -> multiInfo("d", PIECE, BDictionary.builder().put("length", 1).build()),
                        "info.files[0].path is missing"),
                invalid("path empty", () -> multiInfo("d", PIECE, file(1)), "info.files[0].path is empty"),
                invalid("path component empty", () -> multiInfo("d", PIECE, file(1, "a", "")), "info.files[0].path[1] is empty"),
                invalid("path component ..", () -> multiInfo("d", PIECE, file(1, "a"), file(1, "..", "etc", "passwd")),
                        "info.files[1].path[0] is \"..\", which would leave the download folder"),
                invalid("path component .", () -> multiInfo("d", PIECE, file(1, "a", ".", "b")),
                        "info.files[0].path[1] is \".\", which would leave the download folder"),
                invalid("path component with /", () -> multiInfo("d", PIECE, file(1, "/etc/passwd")),
                        "info.files[0].path[0] \"/etc/passwd\" contains a path separator"),
                invalid("path component with \\", () -> multiInfo("d", PIECE, file(1, "a\\b")),
                        "info.files[0].path[0] \"a\\b\" contains a path separator"),
                invalid("path component with NUL", () -> multiInfo("d", PIECE, file(1, "a\0")),
                        "info.files[0].path[0] contains a NUL character"),
                invalid("path component drive", () -> multiInfo("d", PIECE, file(1, "c:", "Windows")),
                        "info.files[0].path[0] \"c:\" starts with a drive letter"),
                invalid("path component list", () -> multiInfo("d", PIECE, file(1, "a")).put("files", new BList(List.of(
                        BDictionary.builder().put("length", 1).put("path", new BList(List.of(strings("x")))).build()))),
                        "info.files[0].path[0] must be a byte string, found a list"),
                invalid("duplicate path", () -> multiInfo("d", PIECE, file(1, "a", "b"), file(2, "c"), file(3, "a", "b")),
                        "info.files[2].path \"a/b\" is also info.files[0]"),
                invalid("file then folder", () -> multiInfo("d", PIECE, file(1, "a"), file(2, "a", "b")),
                        "info.files[0].path \"a\" is a file but info.files[1] uses it as a folder"),
                invalid("folder then file", () -> multiInfo("d", PIECE, file(1, "a", "b", "c"), file(2, "a", "b")),
                        "info.files[1].path \"a/b\" is a folder of another file"),
                invalid("total too large", () -> multiInfo("d", PIECE, file(1L << 49, "a"), file(1L << 49, "b"), file(1, "c"))
                        .put("pieces", pieces(1)),
                        "the files up to info.files[2] add up to more than the limit of 1125899906842624 bytes"),
                invalid("multi-file no data", () -> multiInfo("d", PIECE, file(0, "a"), file(0, "b")),
                        "the torrent has no data: its files add up to 0 bytes"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidInfoDictionaries")
    void rejectsAnInvalidInfoDictionaryWithAPreciseMessage(String description, java.util.function.Supplier<BDictionary.Builder> info,
            String message) {
        assertThatThrownBy(() -> reader.read(torrent(info.get().build())))
                .isExactlyInstanceOf(MetainfoException.class)
                .hasMessageContaining(message);
    }

    @Test
    void rejectsFilesThatAreNotTorrents() {
        assertThatThrownBy(() -> reader.read("l4:infoe".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(MetainfoException.class)
                .hasMessage("a torrent file must be a bencoded dictionary, found a list");
        assertThatThrownBy(() -> reader.read("d8:announce3:urle".getBytes(StandardCharsets.US_ASCII)))
                .hasMessage("the torrent file has no info dictionary");
        assertThatThrownBy(() -> reader.read("d4:info4:spame".getBytes(StandardCharsets.US_ASCII)))
                .hasMessage("info must be a dictionary, found a byte string");
    }

    @Test
    void malformedBencodeIsAMetainfoExceptionCarryingTheBencodeException() {
        byte[] valid = torrent(singleInfo("a", 1, PIECE).build());
        byte[] truncated = java.util.Arrays.copyOf(valid, valid.length - 3);
        assertThatThrownBy(() -> reader.read(truncated))
                .isExactlyInstanceOf(MetainfoException.class)
                .hasMessageStartingWith("not a valid torrent file: at byte ")
                .hasCauseInstanceOf(BencodeException.class);

        byte[] unsorted = "d4:infod4:name1:a6:lengthi1eee".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> reader.read(unsorted))
                .isExactlyInstanceOf(MetainfoException.class)
                .hasCauseInstanceOf(BencodeException.class);
    }

    @Test
    void fromInfoDictionaryChecksTheHashAndKeepsUsableTrackers() {
        byte[] infoBytes = multiInfo("d", PIECE, file(100, "a"), file(200, "b", "c")).build().encode();
        InfoHash hash = InfoHash.ofInfoBytes(infoBytes);
        List<List<URI>> trackers = List.of(
                List.of(URI.create("udp://t.example:6969"), URI.create("ftp://nope.example/")),
                List.of(URI.create("mailto:x@example.com")),
                List.of(URI.create("http://h.example/announce"), URI.create("udp://t.example:6969")));

        Metainfo metainfo = reader.fromInfoDictionary(hash, infoBytes, trackers);

        assertThat(metainfo.infoHash()).isEqualTo(hash);
        assertThat(metainfo.info().files()).hasSize(2);
        assertThat(metainfo.infoBytes()).isEqualTo(infoBytes);
        assertThat(metainfo.announceTiers()).containsExactly(
                List.of(URI.create("udp://t.example:6969")), List.of(URI.create("http://h.example/announce")));
        assertThat(metainfo.webSeeds()).isEmpty();
        assertThat(metainfo.comment()).isEqualTo(Optional.empty());
    }

    @Test
    void fromInfoDictionaryRefusesBytesOfAnotherHash() {
        byte[] infoBytes = singleInfo("a", 10, PIECE).build().encode();
        InfoHash other = InfoHash.fromHex("0123456789abcdef0123456789abcdef01234567");
        assertThatThrownBy(() -> reader.fromInfoDictionary(other, infoBytes, List.of()))
                .isExactlyInstanceOf(MetainfoException.class)
                .hasMessage("the info dictionary of " + infoBytes.length + " bytes has SHA-1 "
                        + InfoHash.ofInfoBytes(infoBytes) + ", not the expected info-hash " + other);
    }

    @Test
    void fromInfoDictionaryValidatesLikeRead() {
        byte[] listBytes = "le".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> reader.fromInfoDictionary(InfoHash.ofInfoBytes(listBytes), listBytes, List.of()))
                .hasMessage("an info dictionary must be a bencoded dictionary, found a list");
        byte[] bad = singleInfo("..", 10, PIECE).build().encode();
        assertThatThrownBy(() -> reader.fromInfoDictionary(InfoHash.ofInfoBytes(bad), bad, List.of()))
                .hasMessageContaining("info.name is \"..\"");
        byte[] trailing = (new String(singleInfo("a", 10, PIECE).build().encode(), StandardCharsets.ISO_8859_1) + "x")
                .getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> reader.fromInfoDictionary(InfoHash.ofInfoBytes(trailing), trailing, List.of()))
                .hasMessageStartingWith("not a valid info dictionary: at byte ");
    }

    private static Arguments invalid(String description, java.util.function.Supplier<BDictionary.Builder> info, String message) {
        return Arguments.of(description, info, message);
    }

    private static BDictionary.Builder without(BDictionary.Builder builder, String key) {
        BDictionary built = builder.build();
        BDictionary.Builder copy = BDictionary.builder();
        built.entries().forEach((k, v) -> {
            if (!k.equals(BString.of(key))) {
                copy.put(k, v);
            }
        });
        return copy;
    }

}
