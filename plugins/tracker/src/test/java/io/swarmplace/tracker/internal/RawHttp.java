package io.swarmplace.tracker.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A bare HTTP/1.1 client over a socket, so tests can send what no well-behaved client library would. */
final class RawHttp implements AutoCloseable {

    record Response(int status, Map<String, String> headers, byte[] body) {}

    private final Socket socket;
    private final InputStream in;

    RawHttp(URI announce) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress(announce.getHost(), announce.getPort()), 5000);
        socket.setSoTimeout(5000);
        in = socket.getInputStream();
    }

    void send(byte[] request) throws IOException {
        socket.getOutputStream().write(request);
        socket.getOutputStream().flush();
    }

    void send(String request) throws IOException {
        send(request.getBytes(StandardCharsets.ISO_8859_1));
    }

    Response read() throws IOException {
        String statusLine = line();
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            headers.put(header.substring(0, colon).toLowerCase(Locale.ROOT), header.substring(colon + 1).strip());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        byte[] body = in.readNBytes(length);
        return new Response(status, headers, body);
    }

    /** True once the server has closed the connection (read returns end of stream). */
    boolean closedByServer() throws IOException {
        return in.read() == -1;
    }

    private String line() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b == -1) {
                throw new IOException("connection closed in the middle of a response");
            }
            if (b != '\r') {
                out.write(b);
            }
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
