package io.swarmplace.torrent.internal.wire;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Compact peer lists as trackers (BEP 23, BEP 7), PEX (BEP 11) and the DHT use them: IPv4 peers as 6
 * bytes (address, port big-endian), IPv6 peers as 18 bytes. Port 0 entries are decoded as they are;
 * deciding whether to dial them is the caller's business.
 */
public final class CompactPeers {

    public static final int IPV4_ENTRY = 6;
    public static final int IPV6_ENTRY = 18;

    private CompactPeers() {}

    public static List<InetSocketAddress> decodeIpv4(byte[] compact) {
        return decodeIpv4(compact, Integer.MAX_VALUE);
    }

    public static List<InetSocketAddress> decodeIpv6(byte[] compact) {
        return decodeIpv6(compact, Integer.MAX_VALUE);
    }

    /** The first {@code maxPeers} entries; the whole list's length is still checked. */
    public static List<InetSocketAddress> decodeIpv4(byte[] compact, int maxPeers) {
        return decode(compact, 4, "IPv4", maxPeers);
    }

    /** The first {@code maxPeers} entries; the whole list's length is still checked. */
    public static List<InetSocketAddress> decodeIpv6(byte[] compact, int maxPeers) {
        return decode(compact, 16, "IPv6", maxPeers);
    }

    /** How many entries a compact list of {@code length} bytes holds, or a CompactPeerException. */
    public static int count(int length, boolean ipv6) {
        int entry = ipv6 ? IPV6_ENTRY : IPV4_ENTRY;
        if (length % entry != 0) {
            throw new CompactPeerException("compact " + (ipv6 ? "IPv6" : "IPv4") + " peer list of " + length
                    + " bytes is not a whole number of " + entry + "-byte entries");
        }
        return length / entry;
    }

    /** Every address must be IPv4 and resolved. */
    public static byte[] encodeIpv4(List<InetSocketAddress> peers) {
        byte[] out = new byte[peers.size() * IPV4_ENTRY];
        int offset = 0;
        for (InetSocketAddress peer : peers) {
            if (!(address(peer) instanceof Inet4Address v4)) {
                throw new IllegalArgumentException("not an IPv4 peer: " + peer);
            }
            offset = put(out, offset, v4.getAddress(), peer.getPort());
        }
        return out;
    }

    /** Every address must be resolved; IPv4 addresses are written IPv4-mapped. */
    public static byte[] encodeIpv6(List<InetSocketAddress> peers) {
        byte[] out = new byte[peers.size() * IPV6_ENTRY];
        int offset = 0;
        for (InetSocketAddress peer : peers) {
            offset = put(out, offset, sixteenBytes(address(peer)), peer.getPort());
        }
        return out;
    }

    private static List<InetSocketAddress> decode(byte[] compact, int addressLength, String family, int maxPeers) {
        int entry = addressLength + 2;
        int kept = Math.min(count(compact.length, addressLength == 16), Math.max(0, maxPeers));
        List<InetSocketAddress> peers = new ArrayList<>(kept);
        for (int offset = 0; offset < kept * entry; offset += entry) {
            byte[] address = Arrays.copyOfRange(compact, offset, offset + addressLength);
            int port = ((compact[offset + addressLength] & 0xFF) << 8) | (compact[offset + addressLength + 1] & 0xFF);
            peers.add(new InetSocketAddress(byAddress(address), port));
        }
        return peers;
    }

    private static InetAddress byAddress(byte[] address) {
        try {
            if (address.length == 16) {
                // keeps IPv4-mapped addresses in the IPv6 family they were sent in
                return Inet6Address.getByAddress(null, address, -1);
            }
            return InetAddress.getByAddress(address);
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static InetAddress address(InetSocketAddress peer) {
        if (peer.isUnresolved()) {
            throw new IllegalArgumentException("an unresolved peer address has no compact form: " + peer);
        }
        return peer.getAddress();
    }

    private static byte[] sixteenBytes(InetAddress address) {
        byte[] raw = address.getAddress();
        if (raw.length == 16) {
            return raw;
        }
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xFF;
        mapped[11] = (byte) 0xFF;
        System.arraycopy(raw, 0, mapped, 12, 4);
        return mapped;
    }

    private static int put(byte[] out, int offset, byte[] address, int port) {
        System.arraycopy(address, 0, out, offset, address.length);
        out[offset + address.length] = (byte) (port >>> 8);
        out[offset + address.length + 1] = (byte) port;
        return offset + address.length + 2;
    }
}
