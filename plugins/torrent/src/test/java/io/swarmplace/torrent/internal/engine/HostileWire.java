package io.swarmplace.torrent.internal.engine;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * One end of a BitTorrent connection written by hand with a plain socket, for peers that misbehave on
 * purpose: it sends whatever bytes it is told and reads the other side's messages without judging them.
 * Every read is bounded by a socket timeout.
 */
final class HostileWire implements AutoCloseable {

    static final int CHOKE = 0;
    static final int UNCHOKE = 1;
    static final int INTERESTED = 2;
    static final int HAVE = 4;
    static final int BITFIELD = 5;
    static final int REQUEST = 6;
    static final int PIECE = 7;
    static final int HAVE_ALL = 0x0E;
    static final int HAVE_NONE = 0x0F;
    static final int REJECT_REQUEST = 0x10;
    static final int EXTENDED = 20;

    private static final byte[] PROTOCOL = "\u0013BitTorrent protocol".getBytes(StandardCharsets.ISO_8859_1);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

    /** A message as read: its id (-1 for a keep-alive) and payload. */
    record Message(int id, byte[] payload) {
        int intAt(int offset) {
            return ByteBuffer.wrap(payload, offset, 4).getInt();
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;

    HostileWire(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
        this.in = new DataInputStream(socket.getInputStream());
        this.out = new DataOutputStream(socket.getOutputStream());
    }

    static HostileWire connect(InetSocketAddress to) throws IOException {
        return connect(to, 0);
    }

    /** @param receiveBufferBytes the socket's receive buffer, set before connecting; 0 for the system's */
    static HostileWire connect(InetSocketAddress to, int receiveBufferBytes) throws IOException {
        Socket socket = new Socket();
        try {
            if (receiveBufferBytes > 0) {
                socket.setReceiveBufferSize(receiveBufferBytes);
            }
            socket.connect(to, (int) READ_TIMEOUT.toMillis());
            return new HostileWire(socket);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** 68 bytes: protocol, reserved (fast extension bit set when asked), info-hash, peer id. */
    static byte[] handshake(byte[] infoHash, byte[] peerId, boolean fast) {
        ByteBuffer buffer = ByteBuffer.allocate(68);
        buffer.put(PROTOCOL);
        byte[] reserved = new byte[8];
        if (fast) {
            reserved[7] |= 0x04;
        }
        buffer.put(reserved).put(infoHash).put(peerId);
        return buffer.array();
    }

    static byte[] peerId(String prefix) {
        byte[] id = Arrays.copyOf(prefix.getBytes(StandardCharsets.ISO_8859_1), 20);
        for (int i = prefix.length(); i < 20; i++) {
            id[i] = (byte) ('0' + (System.nanoTime() + i * 7) % 10);
        }
        return id;
    }

    /** Sends our handshake and reads theirs; returns it. */
    byte[] exchangeHandshakes(byte[] infoHash, byte[] peerId, boolean fast) throws IOException {
        sendRaw(handshake(infoHash, peerId, fast));
        return readHandshake();
    }

    byte[] readHandshake() throws IOException {
        byte[] theirs = new byte[68];
        in.readFully(theirs);
        return theirs;
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    static byte[] frame(int id, byte[] payload) {
        return ByteBuffer.allocate(5 + payload.length).putInt(1 + payload.length).put((byte) id).put(payload).array();
    }

    static byte[] ints(int... values) {
        ByteBuffer buffer = ByteBuffer.allocate(4 * values.length);
        for (int value : values) {
            buffer.putInt(value);
        }
        return buffer.array();
    }

    void send(int id, byte[] payload) throws IOException {
        sendRaw(frame(id, payload));
    }

    void send(int id) throws IOException {
        send(id, new byte[0]);
    }

    /** The next message, or null when the other side closed the connection. */
    Message read() throws IOException {
        try {
            int length = in.readInt();
            if (length == 0) {
                return new Message(-1, new byte[0]);
            }
            if (length < 0 || length > 2 * 1024 * 1024) {
                throw new IOException("the engine sent a message of " + length + " bytes");
            }
            int id = in.readUnsignedByte();
            byte[] payload = new byte[length - 1];
            in.readFully(payload);
            return new Message(id, payload);
        } catch (EOFException | SocketException e) {
            return null;
        }
    }

    /** Reads until a message with {@code id} comes; fails if the connection ends or nothing comes in time. */
    Message await(int id) throws IOException {
        long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Message message = read();
            if (message == null) {
                throw new IOException("the engine closed the connection while we waited for message " + id);
            }
            if (message.id() == id) {
                return message;
            }
        }
        throw new IOException("no message " + id + " within " + READ_TIMEOUT);
    }

    /**
     * Reads and discards until the other side closes; returns the number of messages with {@code id}
     * seen meanwhile, or -1 if the connection was still open after {@code within}.
     */
    int countUntilClosed(int id, Duration within) throws IOException {
        long deadline = System.nanoTime() + within.toNanos();
        int seen = 0;
        while (System.nanoTime() < deadline) {
            try {
                Message message = read();
                if (message == null) {
                    return seen;
                }
                if (message.id() == id) {
                    seen++;
                }
            } catch (SocketTimeoutException e) {
                // keep waiting until the deadline
            }
        }
        return -1;
    }

    boolean closedByPeer(Duration within) throws IOException {
        return countUntilClosed(-2, within) >= 0;
    }

    int localPort() {
        return socket.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
