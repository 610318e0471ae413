package io.swarmplace.torrent;

/** How a peer connection is protected (MSE/PE, the obfuscation libtorrent, Vuze and others speak). */
public enum PeerEncryption {
    /** A plain BitTorrent handshake: anyone on the path sees the info-hash and the data. */
    NONE,
    /** The MSE handshake hides the info-hash; the stream after it is plaintext (crypto_select 0x01). */
    OBFUSCATED_HANDSHAKE,
    /** The MSE handshake, then the whole stream in RC4 (crypto_select 0x02). */
    RC4
}
