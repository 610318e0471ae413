package io.swarmplace.torrent.internal.tracker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A plain-socket HTTP "server" on 127.0.0.1 that writes whatever bytes a test wants, right or wrong,
 * as fast or as slowly as it wants. Behaviours are chosen by the first path segment of the request.
 */
final class RawHttpServer implements AutoCloseable {

    interface Behaviour {
        void respond(String requestHead, OutputStream out) throws Exception;
    }

    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "raw-http-server");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();
    private final List<String> requestHeads = new CopyOnWriteArrayList<>();

    RawHttpServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::accept);
    }

    RawHttpServer on(String firstSegment, Behaviour behaviour) {
        behaviours.put(firstSegment, behaviour);
        return this;
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getLocalPort() + path);
    }

    int port() {
        return server.getLocalPort();
    }

    List<String> requestHeads() {
        return List.copyOf(requestHeads);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                threads.execute(() -> serve(socket));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setSoTimeout(5_000);
            String head = readHead(socket.getInputStream());
            requestHeads.add(head);
            String path = head.split(" ", 3)[1];
            String first = path.replaceFirst("^/", "").split("[/?]", 2)[0];
            Behaviour behaviour = behaviours.get(first);
            OutputStream out = socket.getOutputStream();
            if (behaviour == null) {
                out.write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            } else {
                behaviour.respond(head, out);
            }
            out.flush();
        } catch (Exception clientWentAway) {
            // the client gave up (as it should on hostile input) or the test ended
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4 && head.size() < 64 * 1024) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A complete 200 response with this body. */
    static Behaviour ok(byte[] body) {
        return (head, out) -> {
            out.write(ascii("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + body.length + "\r\n\r\n"));
            out.write(body);
        };
    }

    static Behaviour status(int code, String reason, byte[] body) {
        return (head, out) -> {
            out.write(ascii("HTTP/1.1 " + code + " " + reason + "\r\nContent-Length: " + body.length + "\r\n\r\n"));
            out.write(body);
        };
    }

    static Behaviour redirect(String location) {
        return (head, out) -> out.write(ascii("HTTP/1.1 302 Found\r\nLocation: " + location + "\r\nContent-Length: 0\r\n\r\n"));
    }

    @Override
    public void close() throws Exception {
        server.close();
        threads.shutdownNow();
        threads.awaitTermination(5, TimeUnit.SECONDS);
    }
}
