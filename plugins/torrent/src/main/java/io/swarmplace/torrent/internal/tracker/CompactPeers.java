package io.swarmplace.torrent.internal.tracker;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The compact peer formats: 4-byte IPv4 address and 2-byte port (BEP 23), 16-byte IPv6 address and
 * 2-byte port (BEP 7), both in network byte order. Entries with port 0 cannot be dialled and are left out.
 */
public final class CompactPeers {

    public static final int IPV4_ENTRY = 6;
    public static final int IPV6_ENTRY = 18;

    private CompactPeers() {}

    /**
     * Parses {@code length} bytes from {@code offset} as entries of {@code entryLength} bytes.
     *
     * @throws IllegalArgumentException if the length is not a whole number of entries
     */
    public static List<InetSocketAddress> parse(byte[] bytes, int offset, int length, int entryLength) {
        if (entryLength != IPV4_ENTRY && entryLength != IPV6_ENTRY) {
            throw new IllegalArgumentException("compact peer entries have 6 or 18 bytes, not " + entryLength);
        }
        if (length % entryLength != 0) {
            throw new IllegalArgumentException("a compact peer list of " + length + " bytes is not a whole number of "
                    + entryLength + "-byte entries");
        }
        int addressLength = entryLength - 2;
        List<InetSocketAddress> peers = new ArrayList<>(length / entryLength);
        for (int at = offset; at < offset + length; at += entryLength) {
            int port = ((bytes[at + addressLength] & 0xff) << 8) | (bytes[at + addressLength + 1] & 0xff);
            if (port == 0) {
                continue;
            }
            peers.add(new InetSocketAddress(address(Arrays.copyOfRange(bytes, at, at + addressLength)), port));
        }
        return peers;
    }

    public static List<InetSocketAddress> parse(byte[] bytes, int entryLength) {
        return parse(bytes, 0, bytes.length, entryLength);
    }

    private static InetAddress address(byte[] raw) {
        try {
            // A raw 4- or 16-byte address never causes a name lookup.
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException("a " + raw.length + "-byte address was refused", impossible);
        }
    }
}
