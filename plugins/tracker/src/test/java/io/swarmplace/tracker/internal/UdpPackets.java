package io.swarmplace.tracker.internal;

import java.nio.ByteBuffer;

/** BEP 15 requests as a client builds them. */
final class UdpPackets {

    private UdpPackets() {}

    static byte[] connect(int transactionId) {
        return ByteBuffer.allocate(16).putLong(UdpTrackerProtocol.PROTOCOL_ID).putInt(0).putInt(transactionId).array();
    }

    static byte[] announce(long connectionId, int transactionId, byte[] infoHash, byte[] peerId, long left, int event,
            int ip, int numWant, int port) {
        return ByteBuffer.allocate(98).putLong(connectionId).putInt(1).putInt(transactionId)
                .put(infoHash).put(peerId).putLong(0).putLong(left).putLong(0)
                .putInt(event).putInt(ip).putInt(0x1234).putInt(numWant).putShort((short) port).array();
    }

    static byte[] scrape(long connectionId, int transactionId, byte[]... infoHashes) {
        ByteBuffer out = ByteBuffer.allocate(16 + 20 * infoHashes.length).putLong(connectionId).putInt(2).putInt(transactionId);
        for (byte[] infoHash : infoHashes) {
            out.put(infoHash);
        }
        return out.array();
    }
}
