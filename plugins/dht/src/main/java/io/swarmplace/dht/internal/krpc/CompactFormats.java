package io.swarmplace.dht.internal.krpc;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * BEP 5 compact formats: peer info (4-byte IPv4 + 2-byte port; 16 + 2 for IPv6, BEP 32) and node info
 * (20-byte id + peer info). Decoding works on bytes already length-checked by the caller.
 */
public final class CompactFormats {

    public static final int IPV4_PEER = 6;
    public static final int IPV6_PEER = 18;
    public static final int IPV4_NODE = NodeId.LENGTH + IPV4_PEER;
    public static final int IPV6_NODE = NodeId.LENGTH + IPV6_PEER;

    private CompactFormats() {}

    /** The compact form of an IPv4 or IPv6 socket address. */
    public static byte[] peer(InetSocketAddress address) {
        byte[] ip = address.getAddress().getAddress();
        byte[] out = Arrays.copyOf(ip, ip.length + 2);
        out[ip.length] = (byte) (address.getPort() >>> 8);
        out[ip.length + 1] = (byte) address.getPort();
        return out;
    }

    /** A compact peer of 6 or 18 bytes; anything else is refused. */
    public static InetSocketAddress parsePeer(byte[] compact) {
        return parsePeer(compact, 0, compact.length);
    }

    static InetSocketAddress parsePeer(byte[] source, int offset, int length) {
        if (length != IPV4_PEER && length != IPV6_PEER) {
            throw new IllegalArgumentException("a compact peer has 6 or 18 bytes, got " + length);
        }
        int ipLength = length - 2;
        try {
            InetAddress ip = InetAddress.getByAddress(Arrays.copyOfRange(source, offset, offset + ipLength));
            int port = ((source[offset + ipLength] & 0xff) << 8) | (source[offset + ipLength + 1] & 0xff);
            return new InetSocketAddress(ip, port);
        } catch (UnknownHostException impossible) {
            throw new IllegalArgumentException("bad IP length " + ipLength, impossible);
        }
    }

    /** Concatenated compact node infos of one family ({@link #IPV4_NODE} or {@link #IPV6_NODE} bytes each). */
    public static byte[] nodes(List<NodeContact> contacts, int entryLength) {
        int ipLength = entryLength - NodeId.LENGTH - 2;
        List<NodeContact> family = new ArrayList<>();
        for (NodeContact contact : contacts) {
            if (contact.address().getAddress().getAddress().length == ipLength) {
                family.add(contact);
            }
        }
        byte[] out = new byte[family.size() * entryLength];
        int offset = 0;
        for (NodeContact contact : family) {
            contact.id().copyTo(out, offset);
            byte[] peer = peer(contact.address());
            System.arraycopy(peer, 0, out, offset + NodeId.LENGTH, peer.length);
            offset += entryLength;
        }
        return out;
    }

    /**
     * Parses concatenated node infos of {@code entryLength} bytes each.
     *
     * @throws IllegalArgumentException if the length is not a multiple of the entry length
     */
    public static List<NodeContact> parseNodes(byte[] compact, int entryLength) {
        if (compact.length % entryLength != 0) {
            throw new IllegalArgumentException("compact node info of " + compact.length + " bytes is not a multiple of "
                    + entryLength);
        }
        List<NodeContact> out = new ArrayList<>(compact.length / entryLength);
        for (int offset = 0; offset < compact.length; offset += entryLength) {
            NodeId id = NodeId.of(compact, offset);
            out.add(new NodeContact(id, parsePeer(compact, offset + NodeId.LENGTH, entryLength - NodeId.LENGTH)));
        }
        return out;
    }

    public static boolean isIpv4(InetSocketAddress address) {
        return address.getAddress() instanceof Inet4Address;
    }

    public static boolean isIpv6(InetSocketAddress address) {
        return address.getAddress() instanceof Inet6Address;
    }
}
