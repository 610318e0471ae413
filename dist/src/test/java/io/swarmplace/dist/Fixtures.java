package io.swarmplace.dist;

import aQute.bnd.osgi.repository.SimpleIndexer;
import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Plugin artifacts as users meet them: repository indexes written by bnd, jars served over HTTP. */
final class Fixtures {

    private Fixtures() {}

    /** Writes an OSGi repository index of {@code jars} the way bnd does, next to them. */
    static Path index(Path indexFile, List<Path> jars) throws IOException {
        List<File> files = jars.stream().map(Path::toFile).toList();
        new SimpleIndexer()
                .files(files)
                .base(indexFile.getParent().toUri())
                .name("test plugins")
                .index(indexFile.toFile());
        return indexFile;
    }

    /** Serves the files of {@code directory} on 127.0.0.1 at an ephemeral port. */
    static HttpServer serve(Path directory) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            Path file = directory.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
            if (!file.startsWith(directory) || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            exchange.sendResponseHeaders(200, Files.size(file));
            try (OutputStream body = exchange.getResponseBody()) {
                Files.copy(file, body);
            }
        });
        server.start();
        return server;
    }

    static String url(HttpServer server, String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + path;
    }

    /** A loopback port nothing listens on (bound, then released). */
    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
