package io.swarmplace.torrent.internal.tracker;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A UDP "tracker" on 127.0.0.1 that does what a test scripts: stay silent, answer right, answer wrong.
 * Every packet it receives is recorded.
 */
final class ScriptedUdpTracker implements AutoCloseable {

    interface Script {
        void onPacket(byte[] packet, InetSocketAddress from, ScriptedUdpTracker tracker) throws IOException;
    }

    static final Script SILENT = (packet, from, tracker) -> {};

    private final DatagramSocket socket;
    private final Thread thread;
    private final List<byte[]> received = new ArrayList<>();
    private volatile Script script;

    ScriptedUdpTracker(Script script) throws SocketException {
        this.script = script;
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.thread = new Thread(this::serve, "scripted-udp-tracker");
        thread.setDaemon(true);
        thread.start();
    }

    void script(Script newScript) {
        this.script = newScript;
    }

    URI url() {
        return URI.create("udp://127.0.0.1:" + socket.getLocalPort() + "/announce");
    }

    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.getLocalPort());
    }

    synchronized List<byte[]> received() {
        return List.copyOf(received);
    }

    /** The actions of the received packets, in order. */
    synchronized List<Integer> receivedActions() {
        return received.stream().map(packet -> ByteBuffer.wrap(packet).getInt(8)).toList();
    }

    void send(byte[] packet, InetSocketAddress to) throws IOException {
        socket.send(new DatagramPacket(packet, packet.length, to));
    }

    private void serve() {
        byte[] buffer = new byte[65_535];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
                byte[] data = Arrays.copyOf(packet.getData(), packet.getLength());
                synchronized (this) {
                    received.add(data);
                }
                script.onPacket(data, (InetSocketAddress) packet.getSocketAddress(), this);
            } catch (IOException closedOrBroken) {
                return;
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        thread.join(TimeUnit.SECONDS.toMillis(5));
    }

    // Packets a tracker sends, built independently of the client's encoder.

    static int transactionIdOf(byte[] request) {
        return ByteBuffer.wrap(request).getInt(12);
    }

    static long connectionIdOf(byte[] request) {
        return ByteBuffer.wrap(request).getLong(0);
    }

    static byte[] connectResponse(int transactionId, long connectionId) {
        return ByteBuffer.allocate(16).putInt(0).putInt(transactionId).putLong(connectionId).array();
    }

    static byte[] announceResponse(int transactionId, int interval, int leechers, int seeders, byte[] compactPeers) {
        return ByteBuffer.allocate(20 + compactPeers.length).putInt(1).putInt(transactionId).putInt(interval)
                .putInt(leechers).putInt(seeders).put(compactPeers).array();
    }

    static byte[] error(int transactionId, String message) {
        byte[] text = message.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + text.length).putInt(3).putInt(transactionId).put(text).array();
    }

    /** A well-behaved tracker: connection id 0x1122334455667788, one fixed peer, counts per scraped hash. */
    static Script wellBehaved() {
        return (packet, from, tracker) -> {
            int action = ByteBuffer.wrap(packet).getInt(8);
            int transactionId = transactionIdOf(packet);
            switch (action) {
                case 0 -> tracker.send(connectResponse(transactionId, 0x1122334455667788L), from);
                case 1 -> tracker.send(announceResponse(transactionId, 1800, 2, 1, new byte[] {10, 0, 0, 9, 0x1a, (byte) 0xe1}), from);
                case 2 -> {
                    int hashes = (packet.length - 16) / 20;
                    ByteBuffer answer = ByteBuffer.allocate(8 + 12 * hashes).putInt(2).putInt(transactionId);
                    for (int i = 0; i < hashes; i++) {
                        answer.putInt(packet[16 + 20 * i] & 0xff).putInt(i).putInt(7);
                    }
                    tracker.send(answer.array(), from);
                }
                default -> { }
            }
        };
    }
}
