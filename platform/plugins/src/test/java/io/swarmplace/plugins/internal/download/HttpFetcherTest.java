package io.swarmplace.plugins.internal.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Netty download client against a real HTTP server on 127.0.0.1. */
class HttpFetcherTest {

    private static final long CAP = 64 * 1024;
    private static final byte[] PAYLOAD = new byte[40 * 1024];

    private static HttpServer server;
    private static HttpFetcher fetcher;

    @TempDir
    Path directory;

    @BeforeAll
    static void start() throws IOException {
        new Random(7).nextBytes(PAYLOAD);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/plugin.jar", exchange -> respond(exchange, 200, PAYLOAD, PAYLOAD.length));
        server.createContext("/chunked.jar", exchange -> respond(exchange, 200, PAYLOAD, 0));
        server.createContext("/missing.jar", exchange -> respond(exchange, 404, new byte[0], -1));
        server.createContext("/hop", exchange -> redirect(exchange, "/plugin.jar"));
        server.createContext("/hop2", exchange -> redirect(exchange, "/hop"));
        server.createContext("/loop", exchange -> redirect(exchange, "/loop"));
        server.createContext("/huge.jar", exchange -> respond(exchange, 200, new byte[(int) CAP + 1], CAP + 1));
        server.createContext("/huge-chunked.jar", exchange -> respond(exchange, 200, new byte[(int) CAP * 2], 0));
        server.start();
        fetcher = new HttpFetcher(Duration.ofMillis(1500), CAP, "test");
    }

    @AfterAll
    static void stop() {
        server.stop(0);
        fetcher.close();
    }

    @Test
    void downloadsTheExactBytes() throws Exception {
        Path target = Files.createFile(directory.resolve("a.part"));
        fetcher.fetch(url("/plugin.jar"), target);
        assertThat(Files.readAllBytes(target)).isEqualTo(PAYLOAD);

        Path chunked = Files.createFile(directory.resolve("b.part"));
        fetcher.fetch(url("/chunked.jar"), chunked);
        assertThat(Files.readAllBytes(chunked)).isEqualTo(PAYLOAD);
    }

    @Test
    void followsRedirectsButNotForever() throws Exception {
        Path target = Files.createFile(directory.resolve("c.part"));
        fetcher.fetch(url("/hop2"), target);
        assertThat(Files.readAllBytes(target)).isEqualTo(PAYLOAD);

        assertThatThrownBy(() -> fetcher.fetch(url("/loop"), target))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("more than 5 redirects");
    }

    @Test
    void httpErrorsAreNamed() throws Exception {
        Path target = Files.createFile(directory.resolve("d.part"));
        assertThatThrownBy(() -> fetcher.fetch(url("/missing.jar"), target))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("/missing.jar")
                .hasMessageContaining("404 Not Found");
    }

    @Test
    void oversizedDownloadsStopAtTheCap() throws Exception {
        Path target = Files.createFile(directory.resolve("e.part"));
        assertThatThrownBy(() -> fetcher.fetch(url("/huge.jar"), target))
                .hasMessageContaining("larger than the limit");
        assertThatThrownBy(() -> fetcher.fetch(url("/huge-chunked.jar"), target))
                .hasMessageContaining("larger than the limit");
        assertThat(Files.size(target)).isLessThanOrEqualTo(CAP);
    }

    @Test
    void aServerThatNeverAnswersTimesOut() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try (Socket ignored = silent.accept()) {
                    Thread.sleep(5_000);
                } catch (IOException | InterruptedException e) {
                    // the test is over
                }
            });
            acceptor.start();
            Path target = Files.createFile(directory.resolve("f.part"));
            long start = System.nanoTime();
            assertThatThrownBy(() -> fetcher.fetch(URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/x.jar"), target))
                    .hasMessageContaining("read timeout");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
            acceptor.interrupt();
        }
    }

    @Test
    void refusedConnectionsAndTlsMismatchesAreClear() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        Path target = Files.createFile(directory.resolve("g.part"));
        assertThatThrownBy(() -> fetcher.fetch(URI.create("http://127.0.0.1:" + closedPort + "/x.jar"), target))
                .hasMessageContaining("cannot connect to 127.0.0.1:" + closedPort)
                .hasMessageContaining("connection refused");
        URI tlsToPlainServer = URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/plugin.jar");
        assertThatThrownBy(() -> fetcher.fetch(tlsToPlainServer, target)).hasMessageContaining("TLS");
    }

    private static URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        respond(exchange, 302, new byte[0], -1);
    }

    /** length: exact Content-Length, 0 for chunked, -1 for no body. */
    private static void respond(HttpExchange exchange, int status, byte[] body, long length) throws IOException {
        exchange.sendResponseHeaders(status, length);
        if (length >= 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            } catch (IOException clientGaveUp) {
                // the client stops reading past its cap; that is the point of the test
            }
        }
        exchange.close();
    }
}
