package io.swarmplace.torrent.internal.tracker;

import static io.swarmplace.torrent.internal.tracker.TrackerTests.await;
import static io.swarmplace.torrent.internal.tracker.TrackerTests.failure;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import io.swarmplace.bencode.BDictionary;
import io.swarmplace.testing.TestTls;
import io.swarmplace.torrent.metainfo.InfoHash;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** HTTPS trackers: the JDK's trust, host name checks, and no redirect from https down to http. */
class HttpsTrackerTest {

    private static final InfoHash HASH = InfoHash.fromHex("ab".repeat(20));
    private static final HttpTrackerSettings SETTINGS = HttpTrackerSettings.defaults("Swarmplace-test")
            .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(4));
    private static final byte[] GOOD = BDictionary.builder().put("interval", 900).put("peers", new byte[0]).build().encode();

    private static SelfSignedCertificate certificate;
    private static ExecutorService serverThreads;
    private static HttpsServer https;
    private static HttpServer http;
    private static EventLoopGroup group;
    private static ExecutorService lookups;

    @BeforeAll
    static void start() throws Exception {
        certificate = new SelfSignedCertificate("localhost");
        serverThreads = Executors.newCachedThreadPool();
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.setExecutor(serverThreads);
        http.createContext("/announce", exchange -> respond(exchange, GOOD));
        http.start();
        https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(TestTls.serverContext(certificate.key(), certificate.cert())));
        https.setExecutor(serverThreads);
        https.createContext("/announce", exchange -> respond(exchange, GOOD));
        https.createContext("/moved/announce", exchange -> redirect(exchange, "/announce"));
        https.createContext("/down/announce", exchange ->
                redirect(exchange, "http://127.0.0.1:" + http.getAddress().getPort() + "/announce"));
        https.start();
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        lookups = Executors.newSingleThreadExecutor();
    }

    @AfterAll
    static void stop() {
        https.stop(0);
        http.stop(0);
        serverThreads.shutdownNow();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        lookups.shutdownNow();
        certificate.delete();
    }

    @Test
    void announcesToATrustedTrackerAndFollowsAnHttpsRedirect() throws Exception {
        AnnounceResponse response = await(trustingTheTestCertificate().announce(httpsUrl("localhost", "/moved/announce"), announce()));

        assertThat(response.interval()).isEqualTo(Duration.ofSeconds(900));
    }

    @Test
    void refusesACertificateTheJdkDoesNotTrust() throws Exception {
        HttpTrackerClient jdkTrust = new HttpTrackerClient(group, lookups, SETTINGS);

        Throwable refused = failure(jdkTrust.announce(httpsUrl("localhost", "/announce"), announce()));

        assertThat(refused).isInstanceOf(TrackerConnectionException.class)
                .hasMessageContaining("the TLS certificate or handshake of localhost:" + https.getAddress().getPort() + " is not accepted")
                .hasMessageContaining("certification path");
    }

    @Test
    void refusesATrustedCertificateForAnotherHost() throws Exception {
        // The certificate names localhost, not the IP address: host name verification must notice.
        Throwable refused = failure(trustingTheTestCertificate().announce(httpsUrl("127.0.0.1", "/announce"), announce()));

        assertThat(refused).isInstanceOf(TrackerConnectionException.class).hasMessageContaining("is not accepted")
                .hasMessageContaining("127.0.0.1");
    }

    @Test
    void refusesARedirectFromHttpsToHttp() throws Exception {
        Throwable refused = failure(trustingTheTestCertificate().announce(httpsUrl("localhost", "/down/announce"), announce()));

        assertThat(refused).isInstanceOf(TrackerConnectionException.class)
                .hasMessageContaining("a redirect from https to http://127.0.0.1:" + http.getAddress().getPort() + "/announce is refused");
    }

    private static HttpTrackerClient trustingTheTestCertificate() throws Exception {
        return new HttpTrackerClient(group, lookups, SETTINGS,
                SslContextBuilder.forClient().sslProvider(SslProvider.JDK).trustManager(certificate.cert()).build());
    }

    private static URI httpsUrl(String host, String path) {
        return URI.create("https://" + host + ":" + https.getAddress().getPort() + path);
    }

    private static AnnounceRequest announce() {
        return TrackerTests.request(HASH, "-SW0001-tls", 6881, 1, AnnounceEvent.STARTED);
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private static void respond(HttpExchange exchange, byte[] body) throws IOException {
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
        exchange.close();
    }
}
