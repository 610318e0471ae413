package io.swarmplace.plugins.internal.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import io.swarmplace.testing.TestTls;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS and shutdown behaviour of the Netty client, against local servers on 127.0.0.1: an https server
 * with a self-signed certificate for "localhost" and a plain http one. The everyday cases (status codes,
 * redirects, size cap, timeouts) are in ArtifactDownloaderTest.
 */
class HttpFetcherTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final long CAP = 1024 * 1024;
    private static final byte[] PAYLOAD = new byte[40 * 1024];

    private static SelfSignedCertificate certificate;
    private static ExecutorService serverThreads;
    private static HttpsServer https;
    private static HttpServer http;

    @TempDir
    Path directory;

    @BeforeAll
    static void start() throws Exception {
        new Random(11).nextBytes(PAYLOAD);
        certificate = new SelfSignedCertificate("localhost");
        serverThreads = Executors.newCachedThreadPool();

        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.setExecutor(serverThreads);
        http.createContext("/plugin.jar", exchange -> respond(exchange, 200, PAYLOAD));
        http.createContext("/stalled.jar", HttpFetcherTest::sendHalfThenStall);
        http.start();

        https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(TestTls.serverContext(certificate.key(), certificate.cert())));
        https.setExecutor(serverThreads);
        https.createContext("/plugin.jar", exchange -> respond(exchange, 200, PAYLOAD));
        https.createContext("/to-http", exchange -> redirect(exchange, "http://127.0.0.1:" + http.getAddress().getPort() + "/plugin.jar"));
        https.createContext("/to-https", exchange -> redirect(exchange, "/plugin.jar"));
        https.start();
    }

    @AfterAll
    static void stop() {
        https.stop(0);
        http.stop(0);
        serverThreads.shutdownNow();
        certificate.delete();
    }

    @Test
    void downloadsOverTlsFromAServerItTrusts() throws Exception {
        try (HttpFetcher fetcher = trustingTheTestCertificate()) {
            Path target = Files.createFile(directory.resolve("a.part"));
            fetcher.fetch(httpsUrl("localhost", "/to-https"), target);
            assertThat(target).hasBinaryContent(PAYLOAD);
        }
    }

    @Test
    void refusesACertificateTheJdkDoesNotTrust() throws Exception {
        try (HttpFetcher fetcher = new HttpFetcher(TIMEOUT, CAP, "test")) {
            Path target = Files.createFile(directory.resolve("b.part"));
            assertThatThrownBy(() -> fetcher.fetch(httpsUrl("localhost", "/plugin.jar"), target))
                    .isInstanceOf(DownloadException.class)
                    .hasMessageContaining("the TLS certificate of localhost:" + https.getAddress().getPort() + " is not accepted")
                    .hasMessageContaining("certification path");
            assertThat(target).isEmptyFile();
        }
    }

    @Test
    void refusesATrustedCertificateIssuedForAnotherHost() throws Exception {
        try (HttpFetcher fetcher = trustingTheTestCertificate()) {
            Path target = Files.createFile(directory.resolve("c.part"));
            // The certificate names localhost, not the IP address: host name verification must notice.
            assertThatThrownBy(() -> fetcher.fetch(httpsUrl("127.0.0.1", "/plugin.jar"), target))
                    .hasMessageContaining("is not accepted")
                    .hasMessageContaining("127.0.0.1");
        }
    }

    @Test
    void refusesARedirectFromHttpsToHttp() throws Exception {
        try (HttpFetcher fetcher = trustingTheTestCertificate()) {
            Path target = Files.createFile(directory.resolve("d.part"));
            assertThatThrownBy(() -> fetcher.fetch(httpsUrl("localhost", "/to-http"), target))
                    .hasMessageContaining("redirects from https to http://127.0.0.1:")
                    .hasMessageContaining("not https");
            assertThat(target).isEmptyFile();
        }
    }

    @Test
    void closingEndsADownloadInProgress() throws Exception {
        HttpFetcher fetcher = new HttpFetcher(Duration.ofSeconds(5), CAP, "test");
        Path target = Files.createFile(directory.resolve("e.part"));
        URI stalled = URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/stalled.jar");
        CompletableFuture<Void> download = CompletableFuture.runAsync(() -> {
            try {
                fetcher.fetch(stalled, target);
            } catch (DownloadException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(300);
        fetcher.close();
        assertThatThrownBy(() -> download.get(2, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasMessageContaining("the plugin manager is stopping");
    }

    private static HttpFetcher trustingTheTestCertificate() throws Exception {
        return new HttpFetcher(TIMEOUT, CAP, "test",
                SslContextBuilder.forClient().sslProvider(SslProvider.JDK).trustManager(certificate.cert()).build());
    }

    private static URI httpsUrl(String host, String path) {
        return URI.create("https://" + host + ":" + https.getAddress().getPort() + path);
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private static void sendHalfThenStall(HttpExchange exchange) throws IOException {
        exchange.sendResponseHeaders(200, PAYLOAD.length);
        try {
            exchange.getResponseBody().write(PAYLOAD, 0, PAYLOAD.length / 2);
            exchange.getResponseBody().flush();
            Thread.sleep(3_000);
        } catch (IOException | InterruptedException e) {
            // the client went away or the test is over
        }
        exchange.close();
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        } catch (IOException clientGaveUp) {
            // the client may stop reading early
        }
        exchange.close();
    }
}
