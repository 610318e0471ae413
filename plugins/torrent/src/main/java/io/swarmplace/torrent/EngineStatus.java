package io.swarmplace.torrent;

import java.net.InetSocketAddress;

/**
 * The engine as a whole.
 *
 * @param listenAddress where incoming peer connections are accepted
 * @param peerId this engine's BEP 20 peer id as text (printable prefix + hex)
 */
public record EngineStatus(
        InetSocketAddress listenAddress,
        String peerId,
        int torrents,
        int connectedPeers,
        long downloadRate,
        long uploadRate,
        long downloadLimit,
        long uploadLimit) {}
