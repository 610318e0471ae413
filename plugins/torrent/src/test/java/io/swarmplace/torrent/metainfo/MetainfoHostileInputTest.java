package io.swarmplace.torrent.metainfo;

import static io.swarmplace.torrent.metainfo.TestTorrents.attrFile;
import static io.swarmplace.torrent.metainfo.TestTorrents.file;
import static io.swarmplace.torrent.metainfo.TestTorrents.multiInfo;
import static io.swarmplace.torrent.metainfo.TestTorrents.singleInfo;
import static io.swarmplace.torrent.metainfo.TestTorrents.strings;
import static io.swarmplace.torrent.metainfo.TestTorrents.torrent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swarmplace.bencode.BDictionary;
import io.swarmplace.bencode.BInteger;
import io.swarmplace.bencode.BList;
import io.swarmplace.bencode.BString;
import io.swarmplace.bencode.BValue;
import io.swarmplace.bencode.BencodeException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Hostile and broken input, generated with fixed seeds so a failure reproduces: read() returns a valid
 * Metainfo or throws a MetainfoException (malformed bencode wrapped, with the BencodeException as
 * cause), never anything else, and never allocates from sizes the input merely claims.
 */
class MetainfoHostileInputTest {

    private static final int PIECE = 16 * 1024;
    private static final String[] TOKENS = {"d", "e", "l", "i", "i0e", "i-1e", "i99999999999999999999e", ":", "0:",
            "4:name", "6:length", "5:files", "4:path", "12:piece length", "6:pieces", "4:info", "4:attr", "1:p",
            "2:..", "7:private", "i1e", "8:announce", "13:announce-list", "8:url-list", "20:", "40:"};

    private final MetainfoReader reader = new MetainfoReader();
    private final Random random = new Random(0x5EED_2026L);

    @Test
    void mutatedAndTruncatedTorrentsAreReadOrRejectedWithAMetainfoException() {
        List<byte[]> seeds = seedTorrents();
        int accepted = 0;
        for (int i = 0; i < 6_000; i++) {
            byte[] base = seeds.get(random.nextInt(seeds.size()));
            byte[] input = switch (i % 5) {
                case 0 -> Arrays.copyOf(base, random.nextInt(base.length));
                case 1 -> flipBytes(base);
                case 2 -> insertToken(base);
                case 3 -> spliceDigits(base);
                default -> deleteRange(base);
            };
            accepted += readOrReject(input, "mutation " + i);
        }
        assertThat(accepted).as("some mutations leave a valid torrent").isPositive();
    }

    @Test
    void randomBytesAndTokenSoupAreRejectedCleanly() {
        for (int i = 0; i < 3_000; i++) {
            readOrReject(TestTorrents.randomBytes(random, random.nextInt(200)), "bytes " + i);
            StringBuilder soup = new StringBuilder("d4:infod");
            for (int k = random.nextInt(30); k > 0; k--) {
                soup.append(TOKENS[random.nextInt(TOKENS.length)]);
            }
            readOrReject(soup.toString().getBytes(StandardCharsets.ISO_8859_1), "soup " + i);
        }
    }

    @Test
    void infoDictionariesWithRandomFieldValuesAreReadOrRejectedCleanly() {
        int accepted = 0;
        for (int i = 0; i < 4_000; i++) {
            BDictionary.Builder info = random.nextBoolean()
                    ? singleInfo("a", 1 + random.nextInt(100_000), PIECE)
                    : multiInfo("d", PIECE, file(1 + random.nextInt(50_000), "x", "y"), attrFile(random.nextInt(PIECE), "p", ".pad", "1"),
                            file(random.nextInt(1_000), "z"));
            for (int k = 1 + random.nextInt(3); k > 0; k--) {
                String key = List.of("name", "length", "files", "piece length", "pieces", "private", "name.utf-8",
                        "meta version", "attr").get(random.nextInt(9));
                info.put(key, randomValue(3));
            }
            BDictionary.Builder top = BDictionary.builder();
            for (String key : List.of("announce", "announce-list", "url-list", "comment", "created by", "creation date")) {
                if (random.nextInt(3) == 0) {
                    top.put(key, randomValue(3));
                }
            }
            accepted += readOrReject(torrent(top, info.build()), "fields " + i);
        }
        assertThat(accepted).isPositive();
    }

    @Test
    void hugeClaimedSizesAreRejectedWithoutAllocatingForThem() {
        List<byte[]> claims = List.of(
                torrent(singleInfo("a", 1, PIECE).put("length", Long.MAX_VALUE).build()),
                torrent(singleInfo("a", 1, PIECE).put("length", MetainfoReader.MAX_TOTAL_LENGTH).put("piece length", 1).build()),
                torrent(singleInfo("a", 1, PIECE).put("piece length", Integer.MAX_VALUE).build()),
                torrent(singleInfo("a", 1, PIECE).put("piece length", Long.MAX_VALUE).build()),
                torrent(multiInfo("d", PIECE, file(1L << 49, "a"), file(1L << 49, "b"), file(1L << 49, "c")).build()),
                torrent(multiInfo("d", PIECE, file(Long.MAX_VALUE, "a"), file(Long.MAX_VALUE, "b")).build()),
                "d4:infod6:pieces9999999999:xee".getBytes(StandardCharsets.US_ASCII),
                "d4:infod6:pieces2147483647:xee".getBytes(StandardCharsets.US_ASCII),
                "d4:infod5:filesl".repeat(20).getBytes(StandardCharsets.US_ASCII),
                ("d4:info" + "l".repeat(100_000)).getBytes(StandardCharsets.US_ASCII));
        for (byte[] claim : claims) {
            reader.read(torrent(singleInfo("warm", 1, PIECE).build()));
            long before = allocatedBytes();
            assertThatThrownBy(() -> reader.read(claim)).isInstanceOf(MetainfoException.class);
            long allocated = allocatedBytes() - before;
            assertThat(allocated).as("bytes allocated to reject %s", new String(claim, 0, Math.min(60, claim.length),
                    StandardCharsets.ISO_8859_1)).isLessThan(16L * 1024 * 1024 + 8L * claim.length);
        }
    }

    @Test
    void deepNestingIsABencodeLimitNotAStackOverflow() {
        byte[] deep = ("d4:info" + "l".repeat(5_000) + "e".repeat(5_000) + "e").getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> reader.read(deep))
                .isExactlyInstanceOf(MetainfoException.class)
                .hasCauseInstanceOf(BencodeException.class)
                .hasMessageContaining("not a valid torrent file");
    }

    /** 1 if read, 0 if rejected; any other outcome fails the test with the case named. */
    private int readOrReject(byte[] input, String what) {
        Metainfo metainfo;
        try {
            metainfo = reader.read(input);
        } catch (MetainfoException rejected) {
            assertThat(rejected.getMessage()).as(what).isNotBlank();
            if (rejected.getCause() != null) {
                assertThat(rejected.getCause()).as(what).isInstanceOf(BencodeException.class);
            }
            return 0;
        } catch (RuntimeException | Error other) {
            throw new AssertionError(what + " threw " + other + " for input "
                    + new String(input, StandardCharsets.ISO_8859_1), other);
        }
        assertThat(metainfo.infoHash()).as(what).isEqualTo(InfoHash.ofInfoBytes(metainfo.infoBytes()));
        assertThat(reader.read(new MetainfoWriter().write(metainfo))).as(what).isEqualTo(metainfo);
        TorrentInfo info = metainfo.info();
        assertThat(info.pieceCount()).isEqualTo((info.totalLength() + info.pieceLength() - 1) / info.pieceLength());
        for (TorrentFile file : info.files()) {
            for (String component : file.path()) {
                assertThat(component).as(what).isNotIn("", ".", "..").doesNotContain("/", "\\", "\0");
            }
        }
        return 1;
    }

    private List<byte[]> seedTorrents() {
        List<byte[]> seeds = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            seeds.add(MetainfoWriterTest.randomTorrent(random));
        }
        return seeds;
    }

    private byte[] flipBytes(byte[] base) {
        byte[] copy = base.clone();
        for (int k = 1 + random.nextInt(3); k > 0; k--) {
            copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
        }
        return copy;
    }

    private byte[] insertToken(byte[] base) {
        int at = random.nextInt(base.length + 1);
        byte[] token = TOKENS[random.nextInt(TOKENS.length)].getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[base.length + token.length];
        System.arraycopy(base, 0, out, 0, at);
        System.arraycopy(token, 0, out, at, token.length);
        System.arraycopy(base, at, out, at + token.length, base.length - at);
        return out;
    }

    /** Replaces one decimal digit, so lengths and integers change while the structure mostly survives. */
    private byte[] spliceDigits(byte[] base) {
        byte[] copy = base.clone();
        for (int tries = 0; tries < 50; tries++) {
            int at = random.nextInt(copy.length);
            if (copy[at] >= '0' && copy[at] <= '9') {
                copy[at] = (byte) ('0' + random.nextInt(10));
                break;
            }
        }
        return copy;
    }

    private byte[] deleteRange(byte[] base) {
        int from = random.nextInt(base.length);
        int to = Math.min(base.length, from + 1 + random.nextInt(16));
        byte[] out = new byte[base.length - (to - from)];
        System.arraycopy(base, 0, out, 0, from);
        System.arraycopy(base, to, out, from, base.length - to);
        return out;
    }

    private BValue randomValue(int depth) {
        int kind = random.nextInt(depth > 0 ? 6 : 3);
        return switch (kind) {
            case 0 -> BInteger.of(List.of(0L, 1L, -1L, 2L, 16_384L, Long.MAX_VALUE, Long.MIN_VALUE, 1L << 40)
                    .get(random.nextInt(8)));
            case 1 -> BString.of(List.of("", ".", "..", "a", "a/b", "p", "x", "\0", "C:", "http://t.example/a")
                    .get(random.nextInt(10)));
            case 2 -> BString.of(TestTorrents.randomBytes(random, random.nextInt(3) * 20));
            case 3 -> new BList(List.of(randomValue(depth - 1), randomValue(depth - 1)));
            case 4 -> strings("a", "b");
            default -> BDictionary.builder()
                    .put("length", randomValue(depth - 1))
                    .put("path", random.nextBoolean() ? strings("q") : randomValue(depth - 1))
                    .build();
        };
    }

    private static long allocatedBytes() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        return threads.getThreadAllocatedBytes(Thread.currentThread().getId());
    }
}
