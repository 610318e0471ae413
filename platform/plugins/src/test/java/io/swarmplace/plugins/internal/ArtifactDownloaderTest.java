package io.swarmplace.plugins.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.swarmplace.plugins.PluginException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads as the plugin manager sees them, against a real HTTP server on 127.0.0.1 only. */
class ArtifactDownloaderTest {

    private static final long CAP = 1024 * 1024;
    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    private static final byte[] PAYLOAD = new byte[40 * 1024];

    private static ExecutorService serverThreads;
    private static HttpServer server;

    @TempDir
    Path tmp;

    private ArtifactDownloader downloader;

    @BeforeAll
    static void startServer() throws IOException {
        new Random(7).nextBytes(PAYLOAD);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        // Slow handlers (endless or stalled bodies) must not hold up the others.
        serverThreads = Executors.newCachedThreadPool();
        server.setExecutor(serverThreads);
        server.createContext("/plugin.jar", exchange -> respond(exchange, 200, PAYLOAD, PAYLOAD.length));
        server.createContext("/chunked.jar", exchange -> respond(exchange, 200, PAYLOAD, 0));
        server.createContext("/missing.jar", exchange -> respond(exchange, 404, new byte[0], -1));
        server.createContext("/hop1", exchange -> redirect(exchange, 301, "/hop2"));
        server.createContext("/hop2", exchange -> redirect(exchange, 307, url("/hop3").toString()));
        server.createContext("/hop3", exchange -> redirect(exchange, 308, "plugin.jar"));
        server.createContext("/loop", exchange -> redirect(exchange, 302, "/loop"));
        server.createContext("/declared-huge.jar", ArtifactDownloaderTest::declareHugeThenStall);
        server.createContext("/endless.jar", ArtifactDownloaderTest::streamEndlessly);
        server.start();
    }

    @AfterAll
    static void stopServer() {
        server.stop(0);
        serverThreads.shutdownNow();
    }

    @BeforeEach
    void createDownloader() {
        downloader = new ArtifactDownloader(tmp, new PluginSettings(TIMEOUT, CAP, Duration.ofSeconds(5)));
    }

    @AfterEach
    void closeDownloader() {
        downloader.close();
    }

    @Test
    void downloadsTheExactBytesUnderTheirFinalName() throws Exception {
        Path file = downloader.download(url("/plugin.jar"));
        assertThat(file).hasBinaryContent(PAYLOAD).hasParent(tmp);
        assertThat(file.getFileName().toString()).endsWith(".jar");

        assertThat(downloader.download(url("/chunked.jar"))).hasBinaryContent(PAYLOAD);
        assertThat(partialFiles()).isEmpty();
    }

    @Test
    void localPathsAndFileUrlsAreCopiedAsBefore() throws Exception {
        Path source = Files.write(Files.createTempDirectory("source").resolve("local.jar"), PAYLOAD);
        assertThat(downloader.download(ArtifactDownloader.toUri(source.toString()))).hasBinaryContent(PAYLOAD);
        assertThat(downloader.download(source.toUri())).hasBinaryContent(PAYLOAD);
    }

    @Test
    void aMissingFileIsNamedAndLeavesNothingBehind() {
        assertThatThrownBy(() -> downloader.download(url("/missing.jar")))
                .isInstanceOf(PluginException.class)
                .hasMessageStartingWith("could not download " + url("/missing.jar") + ": ")
                .hasMessageContaining("answered 404 Not Found");
        assertThat(filesIn(tmp)).isEmpty();
    }

    @Test
    void followsAChainOfRedirects() throws Exception {
        assertThat(downloader.download(url("/hop1"))).hasBinaryContent(PAYLOAD);
    }

    @Test
    void aRedirectLoopStopsAfterFiveHops() {
        assertThatThrownBy(() -> downloader.download(url("/loop")))
                .hasMessageContaining("could not download " + url("/loop"))
                .hasMessageContaining("redirects more than 5 times");
        assertThat(filesIn(tmp)).isEmpty();
    }

    @Test
    void aDeclaredSizeOverTheCapIsRefusedBeforeTheBody() {
        // The server sends headers only and then stalls: waiting for the body would end in the read timeout.
        long start = System.nanoTime();
        assertThatThrownBy(() -> downloader.download(url("/declared-huge.jar")))
                .hasMessageContaining("is larger than the 1 MiB limit (max_artifact_size_mib in configuration io.swarmplace.plugins)");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT);
        assertThat(filesIn(tmp)).isEmpty();
    }

    @Test
    void aBodyStreamingPastTheCapIsAbortedAndDeleted() {
        assertThatThrownBy(() -> downloader.download(url("/endless.jar")))
                .hasMessageContaining("could not download " + url("/endless.jar"))
                .hasMessageContaining("is larger than the 1 MiB limit");
        assertThat(filesIn(tmp)).isEmpty();
    }

    @Test
    void aServerThatNeverAnswersTimesOut() throws Exception {
        // Never accepted by the test, the connection still completes in the kernel's backlog and stays silent.
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            URI uri = URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/x.jar");
            long start = System.nanoTime();
            assertThatThrownBy(() -> downloader.download(uri))
                    .hasMessageStartingWith("could not download " + uri + ": timed out after 1 s")
                    .hasMessageContaining("download_timeout_seconds");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(TIMEOUT.minusMillis(100), TIMEOUT.multipliedBy(3));
        }
        assertThat(filesIn(tmp)).isEmpty();
    }

    @Test
    void aClosedPortIsReportedAsConnectionRefused() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        URI uri = URI.create("http://127.0.0.1:" + closedPort + "/x.jar");
        assertThatThrownBy(() -> downloader.download(uri))
                .hasMessageStartingWith("could not download " + uri + ": connection refused, cannot connect to 127.0.0.1:" + closedPort);
        assertThat(filesIn(tmp)).isEmpty();
    }

    @Test
    void httpsToAPlainHttpPortIsATlsError() {
        URI uri = URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/plugin.jar");
        assertThatThrownBy(() -> downloader.download(uri))
                .hasMessageStartingWith("could not download " + uri + ": ")
                .hasMessageContaining("TLS")
                .hasMessageContaining("check that the server really serves https");
        assertThat(filesIn(tmp)).isEmpty();
    }

    @Test
    void otherSchemesAreRefused() {
        assertThatThrownBy(() -> downloader.download(URI.create("ftp://127.0.0.1/x.jar")))
                .hasMessageContaining("only local paths, file: and http(s) URLs");
    }

    private List<Path> partialFiles() {
        return filesIn(tmp).stream().filter(p -> p.toString().endsWith(".part")).toList();
    }

    private static List<Path> filesIn(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private static void redirect(HttpExchange exchange, int status, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        respond(exchange, status, new byte[0], -1);
    }

    private static void declareHugeThenStall(HttpExchange exchange) throws IOException {
        exchange.sendResponseHeaders(200, 1024 * 1024 * 1024);
        exchange.getResponseBody().flush();
        sleep(Duration.ofSeconds(3));
        exchange.close();
    }

    private static void streamEndlessly(HttpExchange exchange) throws IOException {
        exchange.sendResponseHeaders(200, 0);
        byte[] chunk = new byte[8 * 1024];
        try (OutputStream out = exchange.getResponseBody()) {
            // Bounded so a broken client cannot keep the test running forever.
            for (long sent = 0; sent < CAP * 100; sent += chunk.length) {
                out.write(chunk);
                out.flush();
            }
        } catch (IOException clientGaveUp) {
            // the client stops reading at its cap; that is the point
        }
        exchange.close();
    }

    /** length: exact Content-Length, 0 for chunked, -1 for no body. */
    private static void respond(HttpExchange exchange, int status, byte[] body, long length) throws IOException {
        exchange.sendResponseHeaders(status, length);
        if (length >= 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            } catch (IOException clientGaveUp) {
                // the client may stop reading early
            }
        }
        exchange.close();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
