package io.swarmplace.torrent.internal.mse;

import io.swarmplace.torrent.internal.wire.PeerProtocolException;

/** The MSE handshake failed; {@link #reason()} says why, the message says it for people. */
public final class MseException extends PeerProtocolException {

    private static final long serialVersionUID = 1L;

    /** Why an MSE handshake failed. */
    public enum Reason {
        /** A Diffie-Hellman public key that would make the shared secret guessable. */
        BAD_PUBLIC_KEY,
        /** The synchronisation marker (HASH('req1', S) or the encrypted VC) was not within the padding limit. */
        NO_SYNC_MARKER,
        /** The peer named a torrent (by HASH('req2', SKEY)) that this node does not serve. */
        UNKNOWN_TORRENT,
        /** The verification constant did not decrypt to zeros: the peer uses other keys. */
        BAD_VERIFICATION_CONSTANT,
        /** A padding length above the spec's 512 bytes. */
        PADDING_TOO_LONG,
        /** Neither side allows a cipher the other offered, or the peer selected one we did not offer. */
        NO_COMMON_CIPHER,
        /** Our policy refuses this kind of handshake (plaintext when forced, MSE when disabled). */
        REFUSED_BY_POLICY,
        /** The handshake did not complete in time. */
        TIMEOUT,
        /** The peer closed the connection during the MSE handshake. */
        CLOSED
    }

    private final Reason reason;

    public MseException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
