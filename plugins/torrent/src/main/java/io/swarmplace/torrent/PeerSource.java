package io.swarmplace.torrent;

/** How a peer became known. */
public enum PeerSource {
    TRACKER,
    DHT,
    PEER_EXCHANGE,
    INCOMING,
    MAGNET_LINK,
    MANUAL
}
