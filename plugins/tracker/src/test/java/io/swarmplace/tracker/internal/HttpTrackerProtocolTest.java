package io.swarmplace.tracker.internal;

import static io.swarmplace.tracker.internal.Announces.announceQuery;
import static io.swarmplace.tracker.internal.Announces.compactPeers;
import static io.swarmplace.tracker.internal.Announces.decode;
import static io.swarmplace.tracker.internal.Announces.failureReason;
import static io.swarmplace.tracker.internal.Announces.hash;
import static io.swarmplace.tracker.internal.Announces.integer;
import static io.swarmplace.tracker.internal.Announces.peerId;
import static io.swarmplace.tracker.internal.Announces.percentEncode;
import static io.swarmplace.tracker.internal.Announces.string;
import static org.assertj.core.api.Assertions.assertThat;

import io.swarmplace.bencode.BDictionary;
import io.swarmplace.bencode.BList;
import io.swarmplace.bencode.BString;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HttpTrackerProtocolTest {

    private static final InetAddress PEER_A = address("10.0.0.1");
    private static final InetAddress PEER_B = address("10.0.0.2");
    private static final InetAddress PEER_6 = address("2001:db8::7");
    private static final InetAddress LOOPBACK = address("127.0.0.1");

    private final TrackerStatistics statistics = new TrackerStatistics();
    private HttpTrackerProtocol protocol = protocol(TestConfig.loopback());

    private HttpTrackerProtocol protocol(TestConfig config) {
        TrackerSettings settings = config.settings();
        return new HttpTrackerProtocol(new SwarmRegistry(settings, statistics, System::nanoTime, new Random(1)),
                settings, statistics);
    }

    private byte[] get(String uri, InetAddress from) {
        HttpReply reply = protocol.handle(uri, from);
        assertThat(reply.status()).as("status of %s", uri).isEqualTo(200);
        return reply.body();
    }

    private String refusal(String query) {
        return failureReason(get("/announce?" + query, PEER_A));
    }

    @Test
    void everyMalformedAnnounceGetsItsOwnFailureReason() {
        String hash = percentEncode(hash(1));
        String id = percentEncode(peerId(1));
        String rest = "&port=6881&uploaded=0&downloaded=0&left=0";
        assertThat(refusal("peer_id=" + id + rest)).isEqualTo("missing info_hash");
        assertThat(refusal("info_hash=" + percentEncode(new byte[19]) + "&peer_id=" + id + rest))
                .isEqualTo("info_hash must be 20 bytes, got 19");
        assertThat(refusal("info_hash=" + percentEncode(new byte[21]) + "&peer_id=" + id + rest))
                .isEqualTo("info_hash must be 20 bytes, got 21");
        assertThat(refusal("info_hash=" + HexFormat.of().formatHex(hash(1)) + "&peer_id=" + id + rest))
                .isEqualTo("info_hash must be 20 bytes, got 40 (it looks hex-encoded; send the 20 raw bytes percent-encoded)");
        assertThat(refusal("info_hash=" + hash + rest)).isEqualTo("missing peer_id");
        assertThat(refusal("info_hash=" + hash + "&peer_id=abc" + rest)).isEqualTo("peer_id must be 20 bytes, got 3");
        assertThat(refusal("info_hash=" + hash + "&peer_id=" + id + "&left=0")).isEqualTo("missing port");
        assertThat(refusal("info_hash=" + hash + "&peer_id=" + id + "&port=0&left=0"))
                .isEqualTo("port must be between 1 and 65535, got 0");
        assertThat(refusal("info_hash=" + hash + "&peer_id=" + id + "&port=65536&left=0"))
                .isEqualTo("port must be between 1 and 65535, got 65536");
        assertThat(refusal("info_hash=" + hash + "&peer_id=" + id + "&port=-1&left=0"))
                .isEqualTo("port must be a non-negative decimal integer, got '-1'");
        assertThat(refusal("info_hash=" + hash + "&peer_id=" + id + "&port=http&left=0"))
                .isEqualTo("port must be a non-negative decimal integer, got 'http'");
        assertThat(refusal("info_hash=" + hash + "&peer_id=" + id + "&port=1")).isEqualTo("missing left (bytes still to download)");
        assertThat(refusal("info_hash=" + hash + "&peer_id=" + id + "&port=1&left=-5"))
                .isEqualTo("left must be a non-negative decimal integer, got '-5'");
        assertThat(refusal("info_hash=" + hash + "&peer_id=" + id + "&port=1&left=0&uploaded=1e3"))
                .isEqualTo("uploaded must be a non-negative decimal integer, got '1e3'");
        assertThat(refusal("info_hash=" + hash + "&peer_id=" + id + "&port=1&left=0&downloaded=99999999999999999999"))
                .isEqualTo("downloaded must be a non-negative decimal integer, got '99999999999999999999'");
        assertThat(refusal("info_hash=" + hash + "&peer_id=" + id + "&port=1&left=0&event=finished"))
                .isEqualTo("unknown event 'finished'; expected started, completed, stopped or none");
        assertThat(refusal("info_hash=" + hash + "&peer_id=" + id + "&port=1&left=0&numwant=lots"))
                .isEqualTo("numwant must be a non-negative decimal integer, got 'lots'");
        assertThat(refusal("info_hash=%zz")).startsWith("malformed percent-encoding at character 10");
        assertThat(refusal("a=1&".repeat(HttpTrackerProtocol.MAX_PARAMETERS + 1)))
                .isEqualTo("too many query parameters; at most " + HttpTrackerProtocol.MAX_PARAMETERS + " are accepted");
        assertThat(statistics.refusals.sum()).isEqualTo(19);
        assertThat(statistics.httpAnnounces.sum()).isZero();
    }

    @Test
    void theIpParameterCountsOnlyFromLoopbackAndOnlyAsALiteral() {
        byte[] infoHash = hash(2);
        get("/announce?" + announceQuery(infoHash, peerId(1), 7001, 0, "&ip=10.9.9.9"), LOOPBACK);
        get("/announce?" + announceQuery(infoHash, peerId(2), 7002, 0, "&ip=10.9.9.9"), PEER_B);

        BDictionary reply = decode(get("/announce?" + announceQuery(infoHash, peerId(3), 7003, 100, ""), PEER_A));

        assertThat(compactPeers(string(reply, "peers"), 6)).containsExactlyInAnyOrder("10.9.9.9:7001", "10.0.0.2:7002");
        assertThat(failureReason(get("/announce?" + announceQuery(infoHash, peerId(4), 7004, 0, "&ip=example.org"), LOOPBACK)))
                .isEqualTo("ip must be an IPv4 or IPv6 address literal, got 'example.org'");
    }

    @Test
    void whitelistModeRefusesUnknownTorrentsAndServesListedOnes() {
        byte[] listed = hash(3);
        protocol = protocol(TestConfig.loopback().with("mode", "whitelist")
                .with("allowedInfoHashes", new String[] {HexFormat.of().formatHex(listed).toUpperCase()}));

        assertThat(refusal(announceQuery(hash(4), peerId(1), 6881, 0, "")))
                .isEqualTo("torrent " + HexFormat.of().formatHex(hash(4)) + " is not registered with this tracker");
        assertThat(integer(decode(get("/announce?" + announceQuery(listed, peerId(1), 6881, 0, ""), PEER_A)), "complete"))
                .isEqualTo(1);
        BDictionary files = (BDictionary) decode(get("/scrape?info_hash=" + percentEncode(listed)
                + "&info_hash=" + percentEncode(hash(4)), PEER_A)).get("files").orElseThrow();
        assertThat(files.entries().keySet()).containsExactly(BString.of(listed));
    }

    @Test
    void compactReplyCarriesCountsIntervalsAndSixBytePeersAndNeverTheAsker() {
        byte[] infoHash = hash(5);
        get("/announce?" + announceQuery(infoHash, peerId(1), 6001, 0, "&event=started"), PEER_A);
        get("/announce?" + announceQuery(infoHash, peerId(2), 6002, 10, "&event=started"), PEER_B);

        BDictionary reply = decode(get("/announce?" + announceQuery(infoHash, peerId(2), 6002, 10, "&compact=1"), PEER_B));

        assertThat(reply.entries().keySet()).extracting(BString::utf8)
                .containsExactly("complete", "incomplete", "interval", "min interval", "peers");
        assertThat(integer(reply, "interval")).isEqualTo(1800);
        assertThat(integer(reply, "min interval")).isEqualTo(60);
        assertThat(integer(reply, "complete")).isEqualTo(1);
        assertThat(integer(reply, "incomplete")).isEqualTo(1);
        assertThat(compactPeers(string(reply, "peers"), 6)).containsExactly("10.0.0.1:6001");
    }

    @Test
    void ipv6PeersGoToPeers6AsEighteenByteEntries() {
        byte[] infoHash = hash(6);
        get("/announce?" + announceQuery(infoHash, peerId(1), 6001, 0, ""), PEER_A);
        get("/announce?" + announceQuery(infoHash, peerId(2), 6002, 0, ""), PEER_6);

        BDictionary reply = decode(get("/announce?" + announceQuery(infoHash, peerId(3), 6003, 5, ""), PEER_B));

        assertThat(compactPeers(string(reply, "peers"), 6)).containsExactly("10.0.0.1:6001");
        assertThat(string(reply, "peers6")).hasSize(18);
        assertThat(compactPeers(string(reply, "peers6"), 18)).containsExactly("[2001:db8:0:0:0:0:0:7]:6002");
    }

    @Test
    void compactZeroGivesTheDictionaryModelWithPeerIdsUnlessNoPeerId() {
        byte[] infoHash = hash(7);
        get("/announce?" + announceQuery(infoHash, peerId(1), 6001, 0, ""), PEER_A);
        get("/announce?" + announceQuery(infoHash, peerId(2), 6002, 0, ""), PEER_6);

        BDictionary reply = decode(get("/announce?" + announceQuery(infoHash, peerId(3), 6003, 5, "&compact=0"), PEER_B));
        BList peers = (BList) reply.get("peers").orElseThrow();
        BDictionary withoutIds = decode(get("/announce?" + announceQuery(infoHash, peerId(3), 6003, 5,
                "&compact=0&no_peer_id=1"), PEER_B));

        assertThat(reply.containsKey("peers6")).isFalse();
        assertThat(peers.values()).hasSize(2).allSatisfy(value -> {
            BDictionary peer = (BDictionary) value;
            assertThat(peer.entries().keySet()).extracting(BString::utf8).containsExactly("ip", "peer id", "port");
        });
        assertThat(peers.values()).extracting(value -> dictionaryPeer((BDictionary) value))
                .containsExactlyInAnyOrder("10.0.0.1:6001:" + hex(peerId(1)), "2001:db8:0:0:0:0:0:7:6002:" + hex(peerId(2)));
        assertThat(((BList) withoutIds.get("peers").orElseThrow()).values())
                .allSatisfy(value -> assertThat(((BDictionary) value).containsKey("peer id")).isFalse());
    }

    @Test
    void seedersGetLeechersFirstAndLeechersGetSeedersFirst() {
        byte[] infoHash = hash(8);
        for (int i = 1; i <= 3; i++) {
            get("/announce?" + announceQuery(infoHash, peerId(i), 6000 + i, 0, ""), PEER_A);
            get("/announce?" + announceQuery(infoHash, peerId(10 + i), 7000 + i, 50, ""), PEER_A);
        }

        List<String> toSeeder = compactPeers(string(decode(get("/announce?" + announceQuery(infoHash, peerId(1), 6001, 0, ""),
                PEER_A)), "peers"), 6);
        List<String> toNewLeecher = compactPeers(string(decode(get("/announce?" + announceQuery(infoHash, peerId(20), 8000, 9,
                "&numwant=3"), PEER_B)), "peers"), 6);

        // Leechers first; seeders after them, for a magnet client that reports left=0 before it has the metadata.
        assertThat(toSeeder).hasSize(5);
        assertThat(toSeeder.subList(0, 3)).containsExactlyInAnyOrder("10.0.0.1:7001", "10.0.0.1:7002", "10.0.0.1:7003");
        assertThat(toSeeder.subList(3, 5)).containsExactlyInAnyOrder("10.0.0.1:6002", "10.0.0.1:6003");
        assertThat(toNewLeecher).containsExactlyInAnyOrder("10.0.0.1:6001", "10.0.0.1:6002", "10.0.0.1:6003");
    }

    @Test
    void numwantIsCappedByMaxPeersPerReplyAndZeroMeansNone() {
        protocol = protocol(TestConfig.loopback().with("maxPeersPerReply", 4));
        byte[] infoHash = hash(9);
        for (int i = 1; i <= 10; i++) {
            get("/announce?" + announceQuery(infoHash, peerId(i), 6000 + i, 0, ""), PEER_A);
        }

        assertThat(string(decode(get("/announce?" + announceQuery(infoHash, peerId(99), 9999, 1, "&numwant=1000"), PEER_B)),
                "peers")).hasSize(4 * 6);
        assertThat(string(decode(get("/announce?" + announceQuery(infoHash, peerId(99), 9999, 1, ""), PEER_B)),
                "peers")).hasSize(4 * 6);
        assertThat(string(decode(get("/announce?" + announceQuery(infoHash, peerId(99), 9999, 1, "&numwant=2"), PEER_B)),
                "peers")).hasSize(2 * 6);
        assertThat(string(decode(get("/announce?" + announceQuery(infoHash, peerId(99), 9999, 1, "&numwant=0"), PEER_B)),
                "peers")).isEmpty();
        assertThat(string(decode(get("/announce?" + announceQuery(infoHash, peerId(99), 9999, 1, "&numwant=-1"), PEER_B)),
                "peers")).hasSize(4 * 6);
    }

    @Test
    void stoppedRemovesThePeerAndCompletedCountsOnce() {
        byte[] infoHash = hash(10);
        get("/announce?" + announceQuery(infoHash, peerId(1), 6001, 0, "&event=started"), PEER_A);
        get("/announce?" + announceQuery(infoHash, peerId(2), 6002, 100, "&event=started"), PEER_B);
        get("/announce?" + announceQuery(infoHash, peerId(2), 6002, 0, "&event=completed"), PEER_B);
        get("/announce?" + announceQuery(infoHash, peerId(2), 6002, 0, "&event=completed"), PEER_B);

        BDictionary stopped = decode(get("/announce?" + announceQuery(infoHash, peerId(1), 6001, 0, "&event=stopped"), PEER_A));
        BDictionary file = scrapeOne(infoHash);

        assertThat(string(stopped, "peers")).isEmpty();
        assertThat(integer(stopped, "complete")).isEqualTo(1);
        assertThat(integer(file, "complete")).isEqualTo(1);
        assertThat(integer(file, "incomplete")).isZero();
        assertThat(integer(file, "downloaded")).isEqualTo(1);
    }

    @Test
    void scrapeAnswersEveryAskedTorrentWithZerosForUnknownOnes() {
        byte[] known = hash(11);
        get("/announce?" + announceQuery(known, peerId(1), 6001, 0, ""), PEER_A);
        get("/announce?" + announceQuery(known, peerId(2), 6002, 7, ""), PEER_A);

        BDictionary reply = decode(get("/scrape?info_hash=" + percentEncode(known) + "&info_hash=" + percentEncode(hash(12)), PEER_A));
        BDictionary files = (BDictionary) reply.get("files").orElseThrow();
        BDictionary knownEntry = (BDictionary) files.get(BString.of(known)).orElseThrow();
        BDictionary unknownEntry = (BDictionary) files.get(BString.of(hash(12))).orElseThrow();

        assertThat(knownEntry.entries().keySet()).extracting(BString::utf8).containsExactly("complete", "downloaded", "incomplete");
        assertThat(List.of(integer(knownEntry, "complete"), integer(knownEntry, "incomplete"), integer(knownEntry, "downloaded")))
                .containsExactly(1L, 1L, 0L);
        assertThat(List.of(integer(unknownEntry, "complete"), integer(unknownEntry, "incomplete"), integer(unknownEntry, "downloaded")))
                .containsExactly(0L, 0L, 0L);
        assertThat(integer((BDictionary) reply.get("flags").orElseThrow(), "min_request_interval")).isEqualTo(60);
        assertThat(statistics.httpScrapes.sum()).isEqualTo(1);
    }

    @Test
    void malformedScrapesGetFailureReasons() {
        assertThat(failureReason(get("/scrape", PEER_A)))
                .isEqualTo("scrape needs at least one info_hash; this tracker does not list every torrent");
        assertThat(failureReason(get("/scrape?info_hash=abc", PEER_A))).isEqualTo("info_hash must be 20 bytes, got 3");
        String many = ("info_hash=" + percentEncode(hash(1)) + "&").repeat(HttpTrackerProtocol.MAX_SCRAPE_HASHES + 1);
        assertThat(failureReason(get("/scrape?" + many, PEER_A)))
                .isEqualTo("scrape asks for 101 torrents; at most 100 per request");
    }

    @Test
    void otherPathsAre404AndAbsoluteFormTargetsWork() {
        for (String junk : new String[] {"/", "/announce/", "/favicon.ico", "/scrape.php?info_hash=a", "*", ""}) {
            HttpReply reply = protocol.handle(junk, PEER_A);

            assertThat(reply.status()).as(junk).isEqualTo(404);
            assertThat(new String(reply.body(), StandardCharsets.UTF_8)).contains("/announce and /scrape");
        }
        assertThat(statistics.invalidHttpRequests.sum()).isEqualTo(6);
        assertThat(integer(decode(get("http://tracker.example:6969/announce?"
                + announceQuery(hash(13), peerId(1), 6001, 0, "") + "#fragment", PEER_A)), "complete")).isEqualTo(1);
    }

    private BDictionary scrapeOne(byte[] infoHash) {
        BDictionary files = (BDictionary) decode(get("/scrape?info_hash=" + percentEncode(infoHash), PEER_A))
                .get("files").orElseThrow();
        return (BDictionary) files.get(BString.of(infoHash)).orElseThrow();
    }

    private static String dictionaryPeer(BDictionary peer) {
        return ((BString) peer.get("ip").orElseThrow()).utf8() + ":" + integer(peer, "port") + ":"
                + hex(((BString) peer.get("peer id").orElseThrow()).bytes());
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

}
