package io.swarmplace.torrent.internal.tracker;

import io.swarmplace.torrent.metainfo.InfoHash;
import java.net.InetSocketAddress;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** The packets of the UDP tracker protocol (BEP 15), all integers in network byte order. */
final class UdpTrackerPackets {

    static final long PROTOCOL_ID = 0x41727101980L;
    static final int CONNECT = 0;
    static final int ANNOUNCE = 1;
    static final int SCRAPE = 2;
    static final int ERROR = 3;
    static final int HEADER = 8;
    /** Requests start with the connection id (or protocol id) and the action; the transaction id follows. */
    static final int REQUEST_TRANSACTION_ID_OFFSET = 12;
    static final int CONNECT_RESPONSE = 16;
    static final int ANNOUNCE_REQUEST = 98;
    static final int ANNOUNCE_RESPONSE_HEADER = 20;
    static final int SCRAPE_ENTRY = 12;
    /** BEP 15: "Up to about 74 torrents can be scraped at once", so a packet stays under a common MTU. */
    static final int MAX_SCRAPE_HASHES = 74;

    /** A packet that matched a request but cannot be its answer. */
    static final class MalformedPacketException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedPacketException(String problem) {
            super(problem);
        }
    }

    private UdpTrackerPackets() {}

    static byte[] connectRequest(int transactionId) {
        return ByteBuffer.allocate(16).putLong(PROTOCOL_ID).putInt(CONNECT).putInt(transactionId).array();
    }

    static byte[] announceRequest(long connectionId, int transactionId, AnnounceRequest request) {
        return ByteBuffer.allocate(ANNOUNCE_REQUEST)
                .putLong(connectionId)
                .putInt(ANNOUNCE)
                .putInt(transactionId)
                .put(request.infoHash().bytes())
                .put(request.peerId())
                .putLong(request.downloaded())
                .putLong(request.left())
                .putLong(request.uploaded())
                .putInt(request.event().udpCode())
                .putInt(0) // IP address: 0 = the sender's
                .putInt(request.key())
                .putInt(request.numWant() < 0 ? -1 : request.numWant())
                .putShort((short) request.port())
                .array();
    }

    static byte[] scrapeRequest(long connectionId, int transactionId, List<InfoHash> infoHashes) {
        if (infoHashes.isEmpty() || infoHashes.size() > MAX_SCRAPE_HASHES) {
            throw new IllegalArgumentException("a scrape packet holds 1.." + MAX_SCRAPE_HASHES + " info-hashes, not " + infoHashes.size());
        }
        ByteBuffer packet = ByteBuffer.allocate(16 + InfoHash.LENGTH * infoHashes.size())
                .putLong(connectionId).putInt(SCRAPE).putInt(transactionId);
        infoHashes.forEach(infoHash -> packet.put(infoHash.bytes()));
        return packet.array();
    }

    static int action(byte[] packet) {
        return ByteBuffer.wrap(packet).getInt(0);
    }

    static int transactionId(byte[] packet) {
        return ByteBuffer.wrap(packet).getInt(4);
    }

    static long connectionId(byte[] packet) throws MalformedPacketException {
        requireLength(packet, CONNECT_RESPONSE, "connect response");
        return ByteBuffer.wrap(packet).getLong(8);
    }

    /** Parses an announce response; peers are 6-byte entries from an IPv4 tracker, 18-byte ones from IPv6. */
    static AnnounceResponse announceResponse(byte[] packet, int peerEntryLength) throws MalformedPacketException {
        if (packet.length < ANNOUNCE_RESPONSE_HEADER) {
            throw new MalformedPacketException("the announce response has " + packet.length + " bytes, fewer than the "
                    + ANNOUNCE_RESPONSE_HEADER + " of its fixed part (opentracker answers with 8 bytes for a torrent it does not serve)");
        }
        ByteBuffer buffer = ByteBuffer.wrap(packet);
        int interval = buffer.getInt(8);
        int leechers = buffer.getInt(12);
        int seeders = buffer.getInt(16);
        if (interval <= 0 || leechers < 0 || seeders < 0) {
            throw new MalformedPacketException("the announce response has interval " + interval + ", leechers " + leechers
                    + " and seeders " + seeders + "; none may be negative and the interval must be positive");
        }
        List<InetSocketAddress> peers;
        try {
            peers = TrackerPeers.fromCompact(Arrays.copyOfRange(packet, ANNOUNCE_RESPONSE_HEADER, packet.length), peerEntryLength);
        } catch (IllegalArgumentException e) {
            throw new MalformedPacketException("the announce response's peers are malformed: " + e.getMessage());
        }
        return new AnnounceResponse(Duration.ofSeconds(interval), Optional.empty(), peers,
                OptionalInt.of(seeders), OptionalInt.of(leechers), Optional.empty(), new byte[0]);
    }

    /** The counts for each requested info-hash, in the order they were asked for. */
    static List<ScrapeResult> scrapeResponse(byte[] packet, int requested) throws MalformedPacketException {
        int expected = HEADER + SCRAPE_ENTRY * requested;
        if (packet.length < expected) {
            throw new MalformedPacketException("the scrape response has " + packet.length + " bytes; " + requested
                    + " info-hashes need " + expected);
        }
        ByteBuffer buffer = ByteBuffer.wrap(packet, HEADER, packet.length - HEADER);
        List<ScrapeResult> results = new ArrayList<>(requested);
        try {
            for (int i = 0; i < requested; i++) {
                long seeders = Integer.toUnsignedLong(buffer.getInt());
                long completed = Integer.toUnsignedLong(buffer.getInt());
                long leechers = Integer.toUnsignedLong(buffer.getInt());
                results.add(new ScrapeResult(seeders, completed, leechers));
            }
        } catch (BufferUnderflowException impossible) {
            throw new MalformedPacketException("the scrape response ended early");
        }
        return results;
    }

    /** The text of an error packet; a trailing NUL some trackers add is dropped. */
    static String errorMessage(byte[] packet) {
        int end = packet.length;
        while (end > HEADER && packet[end - 1] == 0) {
            end--;
        }
        String text = new String(packet, HEADER, end - HEADER, StandardCharsets.UTF_8);
        return text.isEmpty() ? "(the tracker sent an error without a message)" : text;
    }

    private static void requireLength(byte[] packet, int length, String what) throws MalformedPacketException {
        if (packet.length < length) {
            throw new MalformedPacketException("the " + what + " has " + packet.length + " bytes, fewer than " + length);
        }
    }
}
