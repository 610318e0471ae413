package io.swarmplace.torrent.internal.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swarmplace.bencode.BDictionary;
import io.swarmplace.bencode.BList;
import io.swarmplace.bencode.BString;
import io.swarmplace.bencode.BValue;
import io.swarmplace.torrent.metainfo.InfoHash;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HttpTrackerResponsesTest {

    private static final URI TRACKER = URI.create("http://t.example/announce");
    private final HttpTrackerResponses responses = new HttpTrackerResponses(1024 * 1024);

    @Test
    void readsCompactIpv4AndIpv6PeersAndTheSwarmCounts() throws Exception {
        byte[] v4 = {10, 0, 0, 1, 0x1a, (byte) 0xe1, (byte) 192, (byte) 168, 1, 2, (byte) 0xff, (byte) 0xff};
        byte[] v6 = new byte[18];
        v6[0] = 0x20;
        v6[1] = 0x01;
        v6[15] = 1;
        v6[16] = 0x1a;
        v6[17] = (byte) 0xe2;
        byte[] body = BDictionary.builder()
                .put("interval", 1800).put("min interval", 900).put("complete", 3).put("incomplete", 4)
                .put("peers", v4).put("peers6", v6).put("tracker id", "abc").build().encode();

        AnnounceResponse response = responses.announce(TRACKER, body);

        assertThat(response.interval()).isEqualTo(Duration.ofSeconds(1800));
        assertThat(response.minInterval()).contains(Duration.ofSeconds(900));
        assertThat(response.seeders()).hasValue(3);
        assertThat(response.leechers()).hasValue(4);
        assertThat(response.trackerId()).isEqualTo("abc".getBytes(StandardCharsets.US_ASCII));
        assertThat(response.warning()).isEmpty();
        assertThat(response.peers()).containsExactly(
                new InetSocketAddress(InetAddress.getByAddress(new byte[] {10, 0, 0, 1}), 6881),
                new InetSocketAddress(InetAddress.getByAddress(new byte[] {(byte) 192, (byte) 168, 1, 2}), 65535),
                new InetSocketAddress(InetAddress.getByName("2001::1"), 6882));
    }

    @Test
    void readsTheDictionaryModelWithLiteralsAndNames() throws Exception {
        BList peers = BList.of(
                peer("10.1.2.3", 7000),
                peer("::1", 7001),
                peer("peer.example", 7002),
                peer("10.9.9.9", 0));
        byte[] body = BDictionary.builder().put("interval", 60).put("peers", peers).build().encode();

        AnnounceResponse response = responses.announce(TRACKER, body);

        assertThat(response.peers()).containsExactly(
                new InetSocketAddress(InetAddress.getByAddress(new byte[] {10, 1, 2, 3}), 7000),
                new InetSocketAddress(InetAddress.getByName("::1"), 7001),
                InetSocketAddress.createUnresolved("peer.example", 7002));
        assertThat(response.seeders()).isEmpty();
    }

    @Test
    void aFailureReasonIsTheTrackersOwnWords() {
        byte[] body = BDictionary.builder().put("failure reason", "torrent not registered").build().encode();

        assertThatThrownBy(() -> responses.announce(TRACKER, body))
                .isInstanceOfSatisfying(TrackerFailureException.class, e -> assertThat(e.reason()).isEqualTo("torrent not registered"))
                .hasMessage("http://t.example/announce: the tracker refused: torrent not registered");
    }

    @Test
    void aWarningComesWithAWorkingResponse() throws Exception {
        byte[] body = BDictionary.builder().put("interval", 60).put("peers", new byte[0])
                .put("warning message", "upgrade your client").build().encode();

        assertThat(responses.announce(TRACKER, body).warning()).contains("upgrade your client");
    }

    @Test
    void malformedResponsesSayWhatIsWrong() {
        assertMalformed("<html>502 Bad Gateway</html>".getBytes(StandardCharsets.US_ASCII), "not valid bencode", "\"<html>502 Bad Gateway");
        assertMalformed("d8:intervali18".getBytes(StandardCharsets.US_ASCII), "not valid bencode");
        assertMalformed(new byte[0], "not valid bencode");
        assertMalformed("li1ee".getBytes(StandardCharsets.US_ASCII), "a bencoded list, not a dictionary");
        assertMalformed(BDictionary.builder().put("peers", new byte[0]).build().encode(), "has no \"interval\"");
        assertMalformed(BDictionary.builder().put("interval", 0).build().encode(), "interval 0, which is not positive");
        assertMalformed(BDictionary.builder().put("interval", "soon").build().encode(), "\"interval\" is a byte string, not an integer");
        assertMalformed(BDictionary.builder().put("interval", 60).put("peers", new byte[7]).build().encode(),
                "\"peers\" is malformed: compact IPv4 peer list of 7 bytes is not a whole number of 6-byte entries");
        assertMalformed(BDictionary.builder().put("interval", 60).put("peers6", new byte[6]).build().encode(),
                "\"peers6\" is malformed");
        assertMalformed(BDictionary.builder().put("interval", 60).put("peers", BList.of(BString.of("x"))).build().encode(),
                "peer 0 in \"peers\" is a byte string, not a dictionary");
        assertMalformed(BDictionary.builder().put("interval", 60)
                .put("peers", BList.of(BDictionary.builder().put("ip", "10.0.0.1").put("port", 70000).build())).build().encode(),
                "has no \"port\" in 0..65535");
        assertMalformed(BDictionary.builder().put("interval", 60).put("complete", -1).build().encode(), "\"complete\" is -1, not a count");
        assertMalformed(BDictionary.builder().put("failure reason", 5).build().encode(), "\"failure reason\" is an integer, not a string");
    }

    @Test
    void aResponseOverTheLimitIsRefusedBeforeItIsParsed() {
        HttpTrackerResponses small = new HttpTrackerResponses(100);
        byte[] body = BDictionary.builder().put("interval", 60).put("peers", new byte[600]).build().encode();

        assertThatThrownBy(() -> small.announce(TRACKER, body))
                .isInstanceOf(TrackerResponseException.class)
                .hasMessageContaining("longer than the limit of 100 bytes");
    }

    @Test
    void readsScrapeCountsOfTheRequestedSwarmsOnly() throws Exception {
        InfoHash asked = InfoHash.fromHex("aa".repeat(20));
        InfoHash other = InfoHash.fromHex("bb".repeat(20));
        byte[] body = BDictionary.builder().put("files", BDictionary.builder()
                .put(BString.of(asked.bytes()), counts(5, 17, 2))
                .put(BString.of(other.bytes()), counts(1, 1, 1))
                .build()).build().encode();

        Map<InfoHash, ScrapeResult> results = responses.scrape(TRACKER, body, Set.of(asked));

        assertThat(results).containsExactly(Map.entry(asked, new ScrapeResult(5, 17, 2)));
    }

    @Test
    void malformedScrapesSayWhatIsWrong() {
        InfoHash asked = InfoHash.fromHex("aa".repeat(20));
        assertThatThrownBy(() -> responses.scrape(TRACKER, BDictionary.builder().put("interval", 1).build().encode(), Set.of(asked)))
                .isInstanceOf(TrackerResponseException.class).hasMessageContaining("no \"files\" dictionary");
        assertThatThrownBy(() -> responses.scrape(TRACKER, BDictionary.builder().put("files", BDictionary.builder()
                .put(BString.of("short"), counts(1, 1, 1)).build()).build().encode(), Set.of(asked)))
                .isInstanceOf(TrackerResponseException.class).hasMessageContaining("key of 5 bytes");
        assertThatThrownBy(() -> responses.scrape(TRACKER, BDictionary.builder().put("files", BDictionary.builder()
                .put(BString.of(asked.bytes()), counts(1, -3, 1)).build()).build().encode(), Set.of(asked)))
                .isInstanceOf(TrackerResponseException.class).hasMessageContaining("negative \"downloaded\": -3");
        assertThatThrownBy(() -> responses.scrape(TRACKER, BDictionary.builder().put("failure reason", "no scrape here").build().encode(),
                Set.of(asked)))
                .isInstanceOf(TrackerFailureException.class).hasMessageContaining("no scrape here");
    }

    @Test
    void mutatedResponsesEitherParseOrFailWithATrackerException() {
        Random random = new Random(0xbadc0de);
        byte[] valid = BDictionary.builder().put("interval", 1800).put("min interval", 60).put("complete", 1).put("incomplete", 2)
                .put("peers", new byte[] {1, 2, 3, 4, 5, 6}).put("peers6", new byte[18])
                .put("warning message", "w").build().encode();
        int parsed = 0;
        for (int round = 0; round < 2000; round++) {
            byte[] body = valid.clone();
            int edits = 1 + random.nextInt(4);
            for (int i = 0; i < edits; i++) {
                body[random.nextInt(body.length)] = (byte) random.nextInt(256);
            }
            if (random.nextBoolean()) {
                body = Arrays.copyOf(body, random.nextInt(body.length + 1));
            }
            try {
                responses.announce(TRACKER, body);
                parsed++;
            } catch (TrackerException expected) {
                assertThat(expected).hasMessageStartingWith(TRACKER + ": ");
            }
        }
        assertThat(parsed).as("some mutations still parse, so the test reaches the field checks").isPositive();
    }

    private void assertMalformed(byte[] body, String... fragments) {
        var assertion = assertThatThrownBy(() -> responses.announce(TRACKER, body))
                .isInstanceOf(TrackerResponseException.class)
                .hasMessageStartingWith(TRACKER + ": ");
        for (String fragment : fragments) {
            assertion.hasMessageContaining(fragment);
        }
    }

    private static BValue peer(String ip, long port) {
        return BDictionary.builder().put("ip", ip).put("port", port).put("peer id", "x".repeat(20)).build();
    }

    private static BValue counts(long complete, long downloaded, long incomplete) {
        return BDictionary.builder().put("complete", complete).put("downloaded", downloaded).put("incomplete", incomplete).build();
    }
}
