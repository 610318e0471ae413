package io.swarmplace.tracker.internal;

import static io.swarmplace.tracker.internal.Announces.announceQuery;
import static io.swarmplace.tracker.internal.Announces.decode;
import static io.swarmplace.tracker.internal.Announces.integer;
import static io.swarmplace.tracker.internal.Announces.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.util.ResourceLeakDetector;
import io.swarmplace.bencode.BDictionary;
import io.swarmplace.tracker.SwarmStats;
import io.swarmplace.tracker.TrackerCounters;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The component started without OSGi, on real loopback sockets. */
class TrackerServerTest {

    private TrackerServer server;

    @BeforeAll
    static void paranoidLeakDetection() {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.deactivate();
        }
    }

    private TrackerServer start(TestConfig config) throws InterruptedException {
        server = new TrackerServer(config.config());
        return server;
    }

    private URI http() {
        return server.httpAnnounceUri().orElseThrow();
    }

    @Test
    void publishesTheBoundPortsAsAnnounceUris() throws Exception {
        start(TestConfig.loopback());

        assertThat(server.enabled()).isTrue();
        assertThat(http().toString()).matches("http://127\\.0\\.0\\.1:\\d+/announce");
        assertThat(server.udpAnnounceUri().orElseThrow().toString()).matches("udp://127\\.0\\.0\\.1:\\d+/announce");
        assertThat(http().getPort()).isPositive();
    }

    @Test
    void aWildcardBindIsAnnouncedAsLoopback() throws Exception {
        start(TestConfig.loopback().with("bindAddress", "0.0.0.0").with("udpPort", -1));

        assertThat(http().getHost()).isEqualTo("127.0.0.1");
        assertThat(server.udpAnnounceUri()).isEmpty();
    }

    @Test
    void disabledBindsNothing() throws Exception {
        start(TestConfig.loopback().with("enabled", false));

        assertThat(server.enabled()).isFalse();
        assertThat(server.httpAnnounceUri()).isEmpty();
        assertThat(server.udpAnnounceUri()).isEmpty();
        assertThat(server.swarms()).isEmpty();
    }

    @Test
    void aBusyPortFailsActivationAndReleasesWhatWasBound() throws Exception {
        start(TestConfig.loopback());
        int busy = http().getPort();

        assertThatThrownBy(() -> new TrackerServer(TestConfig.loopback().with("httpPort", busy).config()))
                .isInstanceOf(java.net.BindException.class);
    }

    @Test
    void badConfigurationIsRefusedNamingTheAttributeAndPid() {
        assertThatThrownBy(() -> new TrackerServer(TestConfig.loopback().with("mode", "closed").config()))
                .hasMessage("mode must be 'open' or 'whitelist', not 'closed' (PID io.swarmplace.tracker)");
        assertThatThrownBy(() -> new TrackerServer(TestConfig.loopback().with("mode", "whitelist")
                .with("allowedInfoHashes", new String[] {"abc"}).config()))
                .hasMessageStartingWith("allowedInfoHashes: an info-hash is 40 hexadecimal digits, got 'abc'");
        assertThatThrownBy(() -> new TrackerServer(TestConfig.loopback().with("minInterval", 4000).config()))
                .hasMessage("minInterval must be between 1 and 1800, got 4000 (PID io.swarmplace.tracker)");
        assertThatThrownBy(() -> new TrackerServer(TestConfig.loopback().with("udpPort", 70000).config()))
                .hasMessage("udpPort must be between -1 and 65535, got 70000 (PID io.swarmplace.tracker)");
        assertThatThrownBy(() -> new TrackerServer(TestConfig.loopback().with("bindAddress", "no-such-host.invalid").config()))
                .hasMessageContaining("bindAddress 'no-such-host.invalid' is not an address of this machine");
        assertThat(TestConfig.loopback().with("maxPeersPerReply", 5000).settings().maxPeersPerReply()).isEqualTo(200);
        assertThat(TestConfig.loopback().with("announceInterval", 600).settings().peerExpirySeconds()).isEqualTo(1200);
    }

    @Test
    void keepAliveServesSeveralRequestsOnOneConnection() throws Exception {
        start(TestConfig.loopback());
        byte[] infoHash = Announces.hash(1);
        try (RawHttp client = new RawHttp(http())) {
            for (int i = 1; i <= 3; i++) {
                client.send("GET /announce?" + announceQuery(infoHash, Announces.peerId(i), 6000 + i, 0, "")
                        + " HTTP/1.1\r\nHost: x\r\n\r\n");
                RawHttp.Response response = client.read();

                assertThat(response.status()).isEqualTo(200);
                assertThat(response.headers()).containsEntry("content-type", "text/plain");
                assertThat(integer(decode(response.body()), "complete")).isEqualTo(i);
            }
            client.send("GET /scrape?info_hash=" + Announces.percentEncode(infoHash) + " HTTP/1.1\r\nHost: x\r\n\r\n");
            BDictionary files = (BDictionary) decode(client.read().body()).get("files").orElseThrow();
            assertThat(files.size()).isEqualTo(1);
        }
        assertThat(server.swarm(HexFormat.of().formatHex(infoHash))).hasValue(
                new SwarmStats(HexFormat.of().formatHex(infoHash), 3, 0, 0));
    }

    @Test
    void rawUnescapedBytesInTheRequestLineAreTheInfoHashBytes() throws Exception {
        start(TestConfig.loopback());
        byte[] infoHash = new byte[20];
        for (int i = 0; i < 20; i++) {
            infoHash[i] = (byte) (0x80 + 6 * i); // every byte outside ASCII, sent unescaped
        }
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes("GET /announce?info_hash=".getBytes(StandardCharsets.US_ASCII));
        request.writeBytes(infoHash);
        request.writeBytes(("&peer_id=-SP0001-abcdefghijkl&port=6881&left=0 HTTP/1.1\r\nHost: x\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        try (RawHttp client = new RawHttp(http())) {
            client.send(request.toByteArray());

            assertThat(client.read().status()).isEqualTo(200);
        }
        assertThat(server.swarm(HexFormat.of().formatHex(infoHash))).isPresent();
    }

    @Test
    void http10WithoutKeepAliveIsClosedAfterTheReply() throws Exception {
        start(TestConfig.loopback());
        try (RawHttp client = new RawHttp(http())) {
            client.send("GET /scrape?info_hash=" + Announces.percentEncode(Announces.hash(2)) + " HTTP/1.0\r\n\r\n");

            assertThat(client.read().status()).isEqualTo(200);
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @Test
    void junkGetsHttpErrorsAndIsCounted() throws Exception {
        start(TestConfig.loopback());
        assertThat(exchange("GET /index.html HTTP/1.1\r\nHost: x\r\n\r\n").status()).isEqualTo(404);
        RawHttp.Response post = exchange("POST /announce HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhi");
        assertThat(post.status()).isEqualTo(405);
        assertThat(post.headers()).containsEntry("allow", "GET");
        assertThat(exchangeAndClose("HELLO TRACKER\r\n\r\n").status()).isEqualTo(400);
        assertThat(exchangeAndClose("GET /announce?" + "x".repeat(TrackerHttpInitializer.MAX_REQUEST_LINE) + " HTTP/1.1\r\n\r\n")
                .status()).isEqualTo(414);
        assertThat(exchangeAndClose("GET /announce HTTP/1.1\r\nX-Big: " + "y".repeat(TrackerHttpInitializer.MAX_HEADERS)
                + "\r\n\r\n").status()).isEqualTo(431);
        assertThat(exchange("GET /announce HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n")
                .status()).isEqualTo(413);

        TrackerCounters counters = server.counters();
        assertThat(counters.invalidHttpRequests()).isGreaterThanOrEqualTo(5);
    }

    @Test
    void udpConnectAnnounceAndScrapeOverARealSocket() throws Exception {
        start(TestConfig.loopback());
        URI udp = server.udpAnnounceUri().orElseThrow();
        InetSocketAddress tracker = new InetSocketAddress(udp.getHost(), udp.getPort());
        byte[] infoHash = Announces.hash(3);
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            socket.setSoTimeout(5000);
            ByteBuffer connect = exchange(socket, tracker, UdpPackets.connect(11));
            long id = connect.getLong(8);
            ByteBuffer announce = exchange(socket, tracker, UdpPackets.announce(id, 12, infoHash, Announces.peerId(1), 0, 2, 0, -1, 6881));
            ByteBuffer scrape = exchange(socket, tracker, UdpPackets.scrape(id, 13, infoHash));

            assertThat(announce.getInt(0)).isEqualTo(1);
            assertThat(announce.getInt(16)).as("seeders").isEqualTo(1);
            assertThat(scrape.getInt(8)).as("seeders").isEqualTo(1);
            assertThat(exchange(socket, tracker, new byte[7]) == null).isTrue();
        }
        assertThat(server.counters().droppedUdpPackets()).isEqualTo(1);
    }

    @Test
    void expiryRunsOnDemandAndForgetsNothingFresh() throws Exception {
        start(TestConfig.loopback());
        try (RawHttp client = new RawHttp(http())) {
            client.send("GET /announce?" + announceQuery(Announces.hash(4), Announces.peerId(1), 6001, 0, "") + " HTTP/1.1\r\n\r\n");
            assertThat(string(decode(client.read().body()), "peers")).isEmpty();
        }
        server.expireNow();
        assertThat(server.swarms()).hasSize(1);
    }

    private RawHttp.Response exchange(String request) throws IOException {
        try (RawHttp client = new RawHttp(http())) {
            client.send(request);
            return client.read();
        }
    }

    private RawHttp.Response exchangeAndClose(String request) throws IOException {
        try (RawHttp client = new RawHttp(http())) {
            client.send(request);
            RawHttp.Response response = client.read();
            assertThat(client.closedByServer()).as("closed after %d", response.status()).isTrue();
            return response;
        }
    }

    /** The reply, or null if none came within a second. */
    private static ByteBuffer exchange(DatagramSocket socket, InetSocketAddress tracker, byte[] packet) throws IOException {
        socket.send(new DatagramPacket(packet, packet.length, tracker));
        byte[] buffer = new byte[2048];
        DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
        try {
            if (packet.length < 16) {
                socket.setSoTimeout(1000);
            }
            socket.receive(reply);
        } catch (java.net.SocketTimeoutException nothing) {
            return null;
        } finally {
            socket.setSoTimeout(5000);
        }
        return ByteBuffer.wrap(buffer, 0, reply.getLength()).slice();
    }
}
