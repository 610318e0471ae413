package io.swarmplace.tracker.internal;

import io.swarmplace.bencode.BDictionary;
import io.swarmplace.bencode.BString;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.HexFormat;

/** Scrapes a tracker the way a client does, over HTTP (BEP 48) and UDP (BEP 15). */
final class ScrapeClient {

    private ScrapeClient() {}

    static ScrapeEntry http(URI announce, String infoHashHex) throws IOException {
        byte[] infoHash = HexFormat.of().parseHex(infoHashHex);
        try (RawHttp client = new RawHttp(announce)) {
            client.send("GET /scrape?info_hash=" + Announces.percentEncode(infoHash) + " HTTP/1.1\r\nHost: tracker\r\n\r\n");
            BDictionary files = (BDictionary) Announces.decode(client.read().body()).get("files").orElseThrow();
            BDictionary entry = (BDictionary) files.get(BString.of(infoHash)).orElseThrow();
            return new ScrapeEntry((int) Announces.integer(entry, "complete"), Announces.integer(entry, "downloaded"),
                    (int) Announces.integer(entry, "incomplete"));
        }
    }

    static ScrapeEntry udp(URI announce, String infoHashHex) throws IOException {
        InetSocketAddress tracker = new InetSocketAddress(announce.getHost(), announce.getPort());
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            socket.setSoTimeout(5000);
            long connectionId = exchange(socket, tracker, UdpPackets.connect(1)).getLong(8);
            ByteBuffer reply = exchange(socket, tracker, UdpPackets.scrape(connectionId, 2, HexFormat.of().parseHex(infoHashHex)));
            if (reply.getInt(0) != UdpTrackerProtocol.SCRAPE) {
                throw new IOException("UDP scrape answered with action " + reply.getInt(0));
            }
            return new ScrapeEntry(reply.getInt(8), reply.getInt(12), reply.getInt(16));
        }
    }

    private static ByteBuffer exchange(DatagramSocket socket, InetSocketAddress tracker, byte[] packet) throws IOException {
        socket.send(new DatagramPacket(packet, packet.length, tracker));
        byte[] buffer = new byte[2048];
        DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
        socket.receive(reply);
        return ByteBuffer.wrap(buffer, 0, reply.getLength()).slice();
    }
}
