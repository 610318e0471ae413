package io.swarmplace.torrent.internal.wire;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * A BEP 11 ut_pex message: peers the sender connected to and disconnected from since its last message.
 * At most {@link #MAX_PEERS} added and {@link #MAX_PEERS} dropped, IPv4 and IPv6 together, as
 * libtorrent sends; {@link PexCodec} drops and counts the rest of an oversized message.
 */
public record PexMessage(List<PexPeer> added, List<InetSocketAddress> dropped) {

    public static final int MAX_PEERS = 50;

    public PexMessage {
        added = List.copyOf(added);
        dropped = List.copyOf(dropped);
        if (added.size() > MAX_PEERS || dropped.size() > MAX_PEERS) {
            throw new IllegalArgumentException("a PEX message carries at most " + MAX_PEERS
                    + " added and " + MAX_PEERS + " dropped peers, got " + added.size() + " and " + dropped.size());
        }
    }
}
