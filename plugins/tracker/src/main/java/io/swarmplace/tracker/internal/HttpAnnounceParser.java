package io.swarmplace.tracker.internal;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.util.Optional;

/**
 * Turns the parameters of {@code GET /announce} (BEP 3) into an {@link AnnounceRequest}, refusing
 * anything malformed with a failure reason the client can show.
 *
 * <p>The peer's address is the address the request came from. The {@code ip} parameter is honoured only
 * when that address is a loopback address (a reverse proxy or a test on the same machine), and only as
 * an IP literal: elsewhere it would let anyone point a swarm at a third party, and a host name would
 * need a DNS lookup. {@code key} and {@code trackerid} are accepted and ignored: peers are known by
 * address and port, and this tracker issues no tracker id.
 */
final class HttpAnnounceParser {

    static final int PEER_ID_LENGTH = 20;

    /** Parameters: the request's. {@code remote}: the address the request came from. */
    AnnounceRequest parse(QueryString query, InetAddress remote) {
        InfoHashKey infoHash = infoHash(query.bytes("info_hash"));
        byte[] peerId = query.bytes("peer_id")
                .orElseThrow(() -> new TrackerRequestException("missing peer_id"));
        if (peerId.length != PEER_ID_LENGTH) {
            throw new TrackerRequestException("peer_id must be 20 bytes, got " + peerId.length);
        }
        int port = port(query.text("port"));
        long uploaded = counter(query, "uploaded", 0);
        long downloaded = counter(query, "downloaded", 0);
        long left = counter(query, "left", -1);
        if (left < 0) {
            throw new TrackerRequestException("missing left (bytes still to download)");
        }
        AnnounceEvent event = AnnounceEvent.fromHttp(query.text("event").orElse(""));
        int numWant = numWant(query.text("numwant"));
        InetAddress address = announcedAddress(query.text("ip"), remote);
        return new AnnounceRequest(infoHash, peerId, PeerAddress.of(address, port),
                uploaded, downloaded, left, event, numWant);
    }

    /** {@code compact} is the default (BEP 23); only {@code compact=0} asks for the dictionary model. */
    static boolean wantsCompact(QueryString query) {
        return !query.text("compact").map("0"::equals).orElse(false);
    }

    static boolean omitsPeerId(QueryString query) {
        return query.text("no_peer_id").map("1"::equals).orElse(false);
    }

    static InfoHashKey infoHash(Optional<byte[]> value) {
        byte[] bytes = value.orElseThrow(() -> new TrackerRequestException("missing info_hash"));
        if (bytes.length != InfoHashKey.LENGTH) {
            throw new TrackerRequestException("info_hash must be 20 bytes, got " + bytes.length
                    + (bytes.length == 40 ? " (it looks hex-encoded; send the 20 raw bytes percent-encoded)" : ""));
        }
        return InfoHashKey.of(bytes);
    }

    private static int port(Optional<String> value) {
        String text = value.orElseThrow(() -> new TrackerRequestException("missing port"));
        long port = parseDecimal(text, "port");
        if (port < 1 || port > 65_535) {
            throw new TrackerRequestException("port must be between 1 and 65535, got " + port);
        }
        return (int) port;
    }

    private static long counter(QueryString query, String name, long absent) {
        Optional<String> value = query.text(name);
        return value.isEmpty() ? absent : parseDecimal(value.get(), name);
    }

    private static int numWant(Optional<String> value) {
        if (value.isEmpty()) {
            return -1;
        }
        String text = value.get();
        if (text.startsWith("-") && text.length() > 1 && text.length() <= 11 && text.substring(1).chars().allMatch(Character::isDigit)) {
            return -1;
        }
        long wanted = parseDecimal(text, "numwant");
        return (int) Math.min(wanted, Integer.MAX_VALUE);
    }

    /** Non-negative decimal up to 19 digits. */
    private static long parseDecimal(String text, String name) {
        if (text.isEmpty() || text.length() > 19 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new TrackerRequestException(name + " must be a non-negative decimal integer, got '"
                    + AnnounceEvent.printable(text) + "'");
        }
        return Long.parseLong(text);
    }

    private static InetAddress announcedAddress(Optional<String> ip, InetAddress remote) {
        if (ip.isEmpty() || ip.get().isEmpty() || !remote.isLoopbackAddress()) {
            return remote;
        }
        byte[] literal = NetUtil.createByteArrayFromIpAddressString(ip.get());
        if (literal == null) {
            throw new TrackerRequestException("ip must be an IPv4 or IPv6 address literal, got '"
                    + AnnounceEvent.printable(ip.get()) + "'");
        }
        return PeerAddress.of(literal, 1).inetAddress();
    }
}
