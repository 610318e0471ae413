package io.swarmplace.tracker.internal;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The UDP tracker protocol (BEP 15) without the socket: one datagram in, at most one out.
 *
 * <p>Rules against abuse: a packet too short to carry a transaction id, or a connect without the
 * protocol magic, is dropped and counted. A packet whose connection id is wrong comes from a source
 * that never proved it receives our replies, so it gets an error only if the error is no larger than
 * the packet (nothing to amplify), otherwise it is dropped. Once the connection id is good, every
 * problem is answered with an error action naming it. Announce packets may carry BEP 41 options after
 * the 98 fixed bytes; they are ignored.
 */
final class UdpTrackerProtocol {

    static final long PROTOCOL_ID = 0x41727101980L;
    static final int CONNECT = 0;
    static final int ANNOUNCE = 1;
    static final int SCRAPE = 2;
    static final int ERROR = 3;
    static final int HEADER_LENGTH = 16;
    static final int ANNOUNCE_LENGTH = 98;
    /** Most info-hashes one scrape may carry: 74 × 12 reply bytes + 8 fit in a 900-byte datagram. */
    static final int MAX_SCRAPE_HASHES = 74;

    private final SwarmRegistry registry;
    private final ConnectionIds connectionIds;
    private final TrackerStatistics statistics;

    UdpTrackerProtocol(SwarmRegistry registry, ConnectionIds connectionIds, TrackerStatistics statistics) {
        this.registry = registry;
        this.connectionIds = connectionIds;
        this.statistics = statistics;
    }

    /** The reply to send back to {@code sender}, or empty to drop the packet (already counted). */
    Optional<byte[]> handle(byte[] packet, InetSocketAddress sender) {
        if (packet.length < HEADER_LENGTH) {
            return drop();
        }
        ByteBuffer in = ByteBuffer.wrap(packet);
        long connectionId = in.getLong();
        int action = in.getInt();
        int transactionId = in.getInt();
        if (action == CONNECT) {
            if (connectionId != PROTOCOL_ID) {
                return drop();
            }
            statistics.udpConnects.increment();
            return Optional.of(ByteBuffer.allocate(16)
                    .putInt(CONNECT).putInt(transactionId).putLong(connectionIds.issue(sender)).array());
        }
        if (!connectionIds.isValid(connectionId, sender)) {
            if (action != ANNOUNCE && action != SCRAPE) {
                return drop();
            }
            byte[] error = error(transactionId, "connection id expired or unknown; connect again");
            return error.length <= packet.length ? refuse(error) : drop();
        }
        try {
            return switch (action) {
                case ANNOUNCE -> Optional.of(announce(in, packet.length, transactionId, sender));
                case SCRAPE -> Optional.of(scrape(in, packet.length, transactionId));
                default -> throw new TrackerRequestException("unknown action " + action
                        + "; expected 0 (connect), 1 (announce) or 2 (scrape)");
            };
        } catch (TrackerRequestException refused) {
            return refuse(error(transactionId, refused.getMessage()));
        }
    }

    private byte[] announce(ByteBuffer in, int length, int transactionId, InetSocketAddress sender) {
        if (length < ANNOUNCE_LENGTH) {
            throw new TrackerRequestException("announce of " + length + " bytes; it needs " + ANNOUNCE_LENGTH);
        }
        byte[] infoHash = new byte[InfoHashKey.LENGTH];
        in.get(infoHash);
        byte[] peerId = new byte[HttpAnnounceParser.PEER_ID_LENGTH];
        in.get(peerId);
        long downloaded = in.getLong();
        long left = in.getLong();
        long uploaded = in.getLong();
        AnnounceEvent event = AnnounceEvent.fromUdp(in.getInt());
        byte[] ip = new byte[4];
        in.get(ip);
        in.getInt(); // key: peers are known by address and port
        int numWant = in.getInt();
        int port = Short.toUnsignedInt(in.getShort());
        if (port == 0) {
            throw new TrackerRequestException("port must be between 1 and 65535, got 0");
        }
        if (downloaded < 0 || left < 0 || uploaded < 0) {
            throw new TrackerRequestException("downloaded, left and uploaded must not be negative");
        }
        InetAddress address = announcedAddress(ip, sender.getAddress());
        AnnounceRequest request = new AnnounceRequest(InfoHashKey.of(infoHash), peerId, PeerAddress.of(address, port),
                uploaded, downloaded, left, event, numWant);
        AnnounceReply reply = registry.announce(request);
        // BEP 15: the reply's peers are of the family the request came over (IPv4-mapped counts as IPv4).
        boolean ipv4 = sender.getAddress() instanceof Inet4Address || PeerAddress.of(sender.getAddress(), 1).isIpv4();
        List<PeerView> peers = new ArrayList<>(reply.peers().size());
        for (PeerView peer : reply.peers()) {
            if (peer.address().isIpv4() == ipv4) {
                peers.add(peer);
            }
        }
        int entrySize = ipv4 ? 6 : 18;
        byte[] out = new byte[20 + peers.size() * entrySize];
        ByteBuffer.wrap(out).putInt(ANNOUNCE).putInt(transactionId)
                .putInt(reply.interval()).putInt(reply.leechers()).putInt(reply.seeders());
        int offset = 20;
        for (PeerView peer : peers) {
            peer.address().writeCompact(out, offset);
            offset += entrySize;
        }
        statistics.udpAnnounces.increment();
        return out;
    }

    private byte[] scrape(ByteBuffer in, int length, int transactionId) {
        int hashBytes = length - HEADER_LENGTH;
        if (hashBytes == 0 || hashBytes % InfoHashKey.LENGTH != 0) {
            throw new TrackerRequestException("scrape of " + length + " bytes; it needs 16 plus a multiple of 20");
        }
        int count = hashBytes / InfoHashKey.LENGTH;
        if (count > MAX_SCRAPE_HASHES) {
            throw new TrackerRequestException("scrape asks for " + count + " torrents; at most "
                    + MAX_SCRAPE_HASHES + " per packet");
        }
        ByteBuffer out = ByteBuffer.allocate(8 + 12 * count).putInt(SCRAPE).putInt(transactionId);
        byte[] infoHash = new byte[InfoHashKey.LENGTH];
        for (int i = 0; i < count; i++) {
            in.get(infoHash);
            ScrapeEntry entry = registry.scrape(InfoHashKey.of(infoHash)).orElse(ScrapeEntry.EMPTY);
            out.putInt(entry.seeders())
                    .putInt((int) Math.min(entry.completed(), Integer.MAX_VALUE))
                    .putInt(entry.leechers());
        }
        statistics.udpScrapes.increment();
        return out.array();
    }

    /** BEP 15's IP field is honoured only from loopback, like HTTP's ip parameter. */
    private static InetAddress announcedAddress(byte[] ip, InetAddress sender) {
        boolean unset = ip[0] == 0 && ip[1] == 0 && ip[2] == 0 && ip[3] == 0;
        if (unset || !sender.isLoopbackAddress()) {
            return sender;
        }
        return PeerAddress.of(ip, 1).inetAddress();
    }

    static byte[] error(int transactionId, String message) {
        byte[] text = message.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + text.length).putInt(ERROR).putInt(transactionId).put(text).array();
    }

    private Optional<byte[]> refuse(byte[] error) {
        statistics.refusals.increment();
        return Optional.of(error);
    }

    private Optional<byte[]> drop() {
        statistics.droppedUdpPackets.increment();
        return Optional.empty();
    }
}
