package io.swarmplace.torrent.internal.tracker;

import static io.swarmplace.torrent.internal.tracker.RawHttpServer.ascii;
import static io.swarmplace.torrent.internal.tracker.RawHttpServer.ok;
import static io.swarmplace.torrent.internal.tracker.RawHttpServer.redirect;
import static io.swarmplace.torrent.internal.tracker.RawHttpServer.status;
import static io.swarmplace.torrent.internal.tracker.TrackerTests.await;
import static io.swarmplace.torrent.internal.tracker.TrackerTests.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.ResourceLeakDetector;
import io.swarmplace.bencode.BDictionary;
import io.swarmplace.bencode.BString;
import io.swarmplace.torrent.metainfo.InfoHash;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The HTTP tracker client against a local server that answers right and wrong: garbage, truncated
 * bencode, huge bodies, slow drips, silence, redirects. Every failure is a specific exception within the
 * configured timeouts.
 */
class HttpTrackerClientTest {

    private static final InfoHash HASH = InfoHash.fromHex("00ff7f80202530263f3d2b0a0d00ff7f80202530");
    private static final int LIMIT = 64 * 1024;
    private static final HttpTrackerSettings SETTINGS = HttpTrackerSettings.defaults("Swarmplace-test/1")
            .withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(500), Duration.ofMillis(1500))
            .withMaxResponseBytes(LIMIT);
    private static final byte[] GOOD = BDictionary.builder().put("interval", 1800).put("complete", 1).put("incomplete", 0)
            .put("peers", new byte[] {127, 0, 0, 1, 0x1a, (byte) 0xe1}).build().encode();

    private static EventLoopGroup group;
    private static ExecutorService lookups;
    private static RawHttpServer server;
    private static HttpTrackerClient client;

    @BeforeAll
    static void start() throws Exception {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        lookups = Executors.newSingleThreadExecutor();
        client = new HttpTrackerClient(group, lookups, SETTINGS);
        server = new RawHttpServer()
                .on("announce", ok(GOOD))
                .on("scrape", ok(BDictionary.builder().put("files", BDictionary.builder()
                        .put(BString.of(HASH.bytes()), BDictionary.builder().put("complete", 4).put("downloaded", 9)
                                .put("incomplete", 2).build()).build()).build().encode()))
                .on("garbage", (head, out) -> out.write(new byte[] {0, 1, 2, 'g', 'a', 'r', 'b', 'a', 'g', 'e', '\r', '\n', '\r', '\n'}))
                .on("endless-line", (head, out) -> {
                    byte[] junk = new byte[1024];
                    java.util.Arrays.fill(junk, (byte) 'x');
                    for (int i = 0; i < 1024; i++) {
                        out.write(junk);
                    }
                })
                .on("truncated-bencode", ok(ascii("d8:intervali18")))
                .on("short-body", (head, out) -> out.write(ascii("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nd8:interval")))
                .on("huge-declared", (head, out) -> out.write(ascii("HTTP/1.1 200 OK\r\nContent-Length: 10000000\r\n\r\nd")))
                .on("huge-streamed", (head, out) -> {
                    out.write(ascii("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n"));
                    byte[] chunk = new byte[8192];
                    for (int i = 0; i < 128; i++) {
                        out.write(chunk);
                    }
                })
                .on("huge-chunked", (head, out) -> {
                    out.write(ascii("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"));
                    byte[] chunk = new byte[8192];
                    for (int i = 0; i < 128; i++) {
                        out.write(ascii("2000\r\n"));
                        out.write(chunk);
                        out.write(ascii("\r\n"));
                    }
                })
                .on("drip", (head, out) -> {
                    out.write(ascii("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n"));
                    for (int i = 0; i < 100; i++) {
                        out.write('d');
                        out.flush();
                        Thread.sleep(100);
                    }
                })
                .on("silent", (head, out) -> Thread.sleep(5_000))
                .on("hang-up", (head, out) -> { })
                .on("refusing", status(400, "Bad Request",
                        BDictionary.builder().put("failure reason", "invalid passkey").build().encode()))
                .on("missing", status(404, "Not Found", ascii("<html><body>Not here</body></html>")))
                .on("r1", redirect("/r2/announce"))
                .on("r2", (head, out) -> redirect("http://127.0.0.1:" + server.port() + "/r3/announce").respond(head, out))
                .on("r3", redirect("/announce?passkey=kept"))
                .on("r0", redirect("/r1/announce"))
                .on("to-ftp", redirect("ftp://127.0.0.1/announce"));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        lookups.shutdownNow();
    }

    @Test
    void announcesWithTheBinaryInfoHashIntactAndReadsThePeers() throws Exception {
        AnnounceResponse response = await(client.announce(server.url("/announce?passkey=abc"), announce()));

        assertThat(response.interval()).isEqualTo(Duration.ofSeconds(1800));
        assertThat(response.peers()).containsExactly(new InetSocketAddress(InetAddress.getLoopbackAddress(), 6881));
        String head = server.requestHeads().stream().filter(h -> h.contains("passkey=abc")).findFirst().orElseThrow();
        String target = head.split(" ", 3)[1];
        Map<String, List<byte[]>> query = TrackerUrlsTest.parseQuery(URI.create(target).getRawQuery());
        assertThat(query.get("info_hash")).singleElement().isEqualTo(HASH.bytes());
        assertThat(query.get("passkey")).singleElement().isEqualTo(ascii("abc"));
        assertThat(query.get("compact")).singleElement().isEqualTo(ascii("1"));
        assertThat(head).startsWith("GET /announce?passkey=abc&info_hash=").contains("\r\nhost: 127.0.0.1:" + server.port() + "\r\n")
                .contains("user-agent: Swarmplace-test/1");
    }

    @Test
    void scrapesAtTheDerivedUrl() throws Exception {
        Map<InfoHash, ScrapeResult> counts = await(client.scrape(server.url("/announce"), List.of(HASH)));

        assertThat(counts).containsExactly(Map.entry(HASH, new ScrapeResult(4, 9, 2)));
        assertThat(failure(client.scrape(server.url("/tracker.php"), List.of(HASH)))).isInstanceOf(ScrapeNotSupportedException.class);
    }

    @Test
    void garbageIsNotHttp() throws Exception {
        assertFails("/garbage", TrackerResponseException.class, "the response is not valid HTTP");
        assertFails("/endless-line", TrackerResponseException.class, "the response is not valid HTTP");
    }

    @Test
    void truncatedResponsesSaySo() throws Exception {
        assertFails("/truncated-bencode", TrackerResponseException.class, "not valid bencode");
        assertFails("/short-body", TrackerResponseException.class, "closed the connection after 11 bytes, before the response was complete");
        assertFails("/hang-up", TrackerResponseException.class, "closed the connection without a response");
    }

    @Test
    void responsesOverTheLimitAreCutOff() throws Exception {
        assertFails("/huge-declared", TrackerResponseException.class, "declares 10000000 bytes, more than the limit of 65536 bytes");
        assertFails("/huge-streamed", TrackerResponseException.class, "has more than 65536 bytes");
        assertFails("/huge-chunked", TrackerResponseException.class, "has more than 65536 bytes");
    }

    @Test
    void aDripOrSilenceEndsAtTheTimeouts() throws Exception {
        assertFails("/drip", TrackerTimeoutException.class, "no complete response within 1500 ms");
        assertFails("/silent", TrackerTimeoutException.class, "the tracker sent nothing for 500 ms");
    }

    @Test
    void errorStatusesShowTheTrackersReasonOrTheStatus() throws Exception {
        Throwable refused = failure(client.announce(server.url("/refusing/announce"), announce()));
        assertThat(refused).isInstanceOfSatisfying(TrackerFailureException.class, e -> assertThat(e.reason()).isEqualTo("invalid passkey"));
        assertFails("/missing", TrackerResponseException.class, "HTTP status 404 Not Found; the body starts with \"<html><body>Not here");
    }

    @Test
    void followsUpToThreeRedirects() throws Exception {
        assertThat(await(client.announce(server.url("/r1/announce"), announce())).interval()).isEqualTo(Duration.ofSeconds(1800));
        assertThat(server.requestHeads()).anySatisfy(head -> assertThat(head).startsWith("GET /announce?passkey=kept "));

        assertFails("/r0", TrackerConnectionException.class, "more than 3 redirects");
        assertFails("/to-ftp", TrackerConnectionException.class, "ftp://127.0.0.1/announce, which is not an http or https URL");
    }

    @Test
    void anUnreachableTrackerIsAConnectionProblem() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        Throwable refused = failure(client.announce(URI.create("http://127.0.0.1:" + closedPort + "/announce"), announce()));
        assertThat(refused).isInstanceOf(TrackerConnectionException.class).hasMessageContaining("could not connect to 127.0.0.1:" + closedPort);
        assertThat(failure(client.announce(URI.create("wss://127.0.0.1/announce"), announce())))
                .hasMessageContaining("not an http or https tracker URL");
    }

    private static void assertFails(String path, Class<? extends TrackerException> type, String message) throws Exception {
        URI tracker = server.url(path + "/announce");
        Throwable failure = failure(client.announce(tracker, announce()));
        assertThat(failure).as(path).isInstanceOf(type).hasMessageStartingWith(tracker + ": ").hasMessageContaining(message);
    }

    private static AnnounceRequest announce() {
        return TrackerTests.request(HASH, "-SW0001-http", 6881, 10, AnnounceEvent.STARTED);
    }
}
