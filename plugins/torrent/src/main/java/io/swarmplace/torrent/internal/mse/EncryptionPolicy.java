package io.swarmplace.torrent.internal.mse;

/** Whether connections in one direction use MSE; the same three choices as libtorrent's enc_policy. */
public enum EncryptionPolicy {
    /**
     * Outgoing: try MSE first and dial again in plaintext once if the peer does not speak it (libtorrent's
     * pe_enabled). Incoming: accept both.
     */
    ENABLED,
    /** MSE only: plaintext peers are refused (pe_forced). */
    FORCED,
    /** Plaintext BitTorrent only: MSE handshakes are refused (pe_disabled). */
    DISABLED
}
