package io.swarmplace.torrent.metainfo;

import static io.swarmplace.torrent.metainfo.TestTorrents.attrFile;
import static io.swarmplace.torrent.metainfo.TestTorrents.file;
import static io.swarmplace.torrent.metainfo.TestTorrents.multiInfo;
import static io.swarmplace.torrent.metainfo.TestTorrents.singleInfo;
import static io.swarmplace.torrent.metainfo.TestTorrents.strings;
import static io.swarmplace.torrent.metainfo.TestTorrents.torrent;
import static org.assertj.core.api.Assertions.assertThat;

import io.swarmplace.bencode.BDictionary;
import io.swarmplace.bencode.BList;
import io.swarmplace.bencode.BValue;
import io.swarmplace.bencode.BencodeDecoder;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MetainfoWriterTest {

    private static final int PIECE = 16 * 1024;

    private final MetainfoReader reader = new MetainfoReader();
    private final MetainfoWriter writer = new MetainfoWriter();

    @Test
    void aCanonicalTorrentWithKnownKeysIsWrittenBackByteForByte() {
        byte[] original = torrent(BDictionary.builder()
                        .put("announce", "http://a.example/announce")
                        .put("announce-list", new BList(List.of(strings("http://a.example/announce", "udp://b.example:80"),
                                strings("https://c.example/x"))))
                        .put("comment", "a comment")
                        .put("created by", "someone")
                        .put("creation date", 1_600_000_000L)
                        .put("url-list", strings("http://s1.example/", "http://s2.example/")),
                multiInfo("d", PIECE, file(70_000, "a"), attrFile(PIECE * 5L - 70_000, "p", ".pad", "11920"), file(9, "b"))
                        .put("private", 1).build());

        assertThat(writer.write(reader.read(original))).isEqualTo(original);
    }

    @Test
    void theInfoDictionaryIsCopiedVerbatimSoUnknownInfoKeysKeepTheInfoHash() {
        BDictionary info = singleInfo("a", 100, PIECE)
                .put("source", "private-tracker")
                .put("x-nested", new BList(List.<BValue>of(BDictionary.builder().put("k", 1).build())))
                .build();
        byte[] original = torrent(BDictionary.builder().put("some unknown top key", "dropped"), info);
        Metainfo metainfo = reader.read(original);

        byte[] written = writer.write(metainfo);
        Metainfo reread = reader.read(written);

        assertThat(reread).isEqualTo(metainfo);
        assertThat(reread.infoHash()).isEqualTo(InfoHash.ofInfoBytes(info.encode()));
        assertThat(new String(written, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("some unknown top key");
    }

    @Test
    void oneTrackerIsWrittenAsAnnounceAloneAndOneWebSeedAsAString() {
        Metainfo metainfo = reader.read(torrent(singleInfo("a", 1, PIECE).build()));
        Metainfo withOne = new Metainfo(metainfo.infoHash(), metainfo.info(), metainfo.infoBytes(),
                List.of(List.of(URI.create("udp://t.example:1/"))), List.of(URI.create("http://w.example/")),
                Optional.empty(), Optional.empty(), Optional.of(Instant.parse("2024-01-02T03:04:05.678Z")));

        BDictionary top = (BDictionary) new BencodeDecoder().decode(writer.write(withOne));

        assertThat(top.get("announce")).contains(io.swarmplace.bencode.BString.of("udp://t.example:1/"));
        assertThat(top.containsKey("announce-list")).isFalse();
        assertThat(top.get("url-list")).contains(io.swarmplace.bencode.BString.of("http://w.example/"));
        assertThat(top.get("creation date")).contains(io.swarmplace.bencode.BInteger.of(Instant.parse("2024-01-02T03:04:05Z").getEpochSecond()));
    }

    @Test
    void generatedTorrentsRoundTripWithTheSameInfoHash() {
        Random random = new Random(7_2024L);
        for (int i = 0; i < 300; i++) {
            byte[] original = randomTorrent(random);
            Metainfo metainfo = reader.read(original);
            byte[] written = writer.write(metainfo);
            Metainfo reread = reader.read(written);

            assertThat(reread).as("case %d", i).isEqualTo(metainfo);
            assertThat(reread.infoHash()).isEqualTo(metainfo.infoHash());
            assertThat(reread.info()).isEqualTo(metainfo.info());
            assertThat(writer.write(reread)).isEqualTo(written);
        }
    }

    /** A valid torrent with a random shape: single or multi-file, padding, private, trackers, seeds, text. */
    static byte[] randomTorrent(Random random) {
        int pieceLength = 1 << (10 + random.nextInt(8));
        BDictionary.Builder info;
        if (random.nextBoolean()) {
            info = singleInfo(randomName(random), 1 + random.nextInt(200_000), pieceLength);
        } else {
            List<BDictionary> files = new ArrayList<>();
            int count = 1 + random.nextInt(6);
            for (int f = 0; f < count; f++) {
                long length = random.nextInt(3) == 0 ? 0 : 1 + random.nextInt(50_000);
                files.add(random.nextInt(4) == 0
                        ? attrFile(length, random.nextBoolean() ? "p" : "x", "dir" + f, randomName(random))
                        : file(length, "dir" + f, randomName(random)));
            }
            files.add(file(1, "last"));
            info = multiInfo(randomName(random), pieceLength, files.toArray(BDictionary[]::new));
        }
        if (random.nextBoolean()) {
            info.put("private", random.nextInt(2));
        }
        BDictionary.Builder top = BDictionary.builder();
        List<BValue> tiers = new ArrayList<>();
        for (int t = random.nextInt(4); t > 0; t--) {
            List<String> urls = new ArrayList<>();
            for (int u = 1 + random.nextInt(3); u > 0; u--) {
                urls.add(List.of("http", "https", "udp").get(random.nextInt(3)) + "://tracker" + random.nextInt(10)
                        + ".example:" + (1 + random.nextInt(65535)) + "/announce");
            }
            tiers.add(strings(urls.toArray(String[]::new)));
        }
        if (!tiers.isEmpty()) {
            top.put("announce-list", new BList(tiers));
        }
        if (random.nextBoolean()) {
            top.put("announce", "http://lone.example/announce");
        }
        if (random.nextBoolean()) {
            top.put("url-list", random.nextBoolean() ? strings("http://seed.example/a", "https://seed.example/b")
                    : io.swarmplace.bencode.BString.of("http://seed.example/only"));
        }
        if (random.nextBoolean()) {
            top.put("comment", randomName(random));
        }
        if (random.nextBoolean()) {
            top.put("created by", randomName(random));
        }
        if (random.nextBoolean()) {
            top.put("creation date", random.nextInt(Integer.MAX_VALUE));
        }
        return torrent(top, info.build());
    }

    static String randomName(Random random) {
        String alphabet = "abcXYZ019 -_.()[]éüß日本€";
        StringBuilder name = new StringBuilder("n");
        for (int i = random.nextInt(12); i > 0; i--) {
            name.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return name.toString();
    }
}
