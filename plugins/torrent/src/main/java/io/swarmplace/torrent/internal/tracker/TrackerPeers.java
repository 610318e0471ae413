package io.swarmplace.torrent.internal.tracker;

import io.swarmplace.torrent.internal.wire.CompactPeers;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The peers of a tracker's compact list (BEP 23 for IPv4, BEP 7 for IPv6), decoded by {@link CompactPeers}
 * and made fit for the announcer: entries with port 0 cannot be dialled and are left out, and an
 * IPv4-mapped IPv6 entry becomes the IPv4 address it stands for, so a peer has one address whichever list
 * named it.
 */
final class TrackerPeers {

    private TrackerPeers() {}

    /**
     * @param entryLength {@link CompactPeers#IPV4_ENTRY} or {@link CompactPeers#IPV6_ENTRY}
     * @throws IllegalArgumentException if the list is not a whole number of entries (a
     *         {@link io.swarmplace.torrent.internal.wire.CompactPeerException}) or the entry length is neither
     */
    static List<InetSocketAddress> fromCompact(byte[] compact, int entryLength) {
        List<InetSocketAddress> decoded = switch (entryLength) {
            case CompactPeers.IPV4_ENTRY -> CompactPeers.decodeIpv4(compact);
            case CompactPeers.IPV6_ENTRY -> CompactPeers.decodeIpv6(compact);
            default -> throw new IllegalArgumentException("compact peer entries have 6 or 18 bytes, not " + entryLength);
        };
        List<InetSocketAddress> dialable = new ArrayList<>(decoded.size());
        for (InetSocketAddress peer : decoded) {
            if (peer.getPort() == 0) {
                continue;
            }
            dialable.add(peer.getAddress() instanceof Inet6Address v6 ? new InetSocketAddress(unmapped(v6), peer.getPort()) : peer);
        }
        return dialable;
    }

    private static InetAddress unmapped(InetAddress address) {
        try {
            // getByAddress turns an IPv4-mapped address into the IPv4 one; a raw address never causes a lookup.
            return InetAddress.getByAddress(address.getAddress());
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException("a 16-byte address was refused", impossible);
        }
    }
}
