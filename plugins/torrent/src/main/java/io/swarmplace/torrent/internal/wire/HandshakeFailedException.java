package io.swarmplace.torrent.internal.wire;

/** The BitTorrent handshake did not complete; {@link #reason()} says why, the message says it for people. */
public final class HandshakeFailedException extends PeerProtocolException {

    private static final long serialVersionUID = 1L;

    /** Why a handshake failed. */
    public enum Reason {
        /** The first 20 bytes are not "\x13BitTorrent protocol" (an encrypted or non-BitTorrent peer). */
        NOT_BITTORRENT,
        /** An incoming peer asked for a torrent this node does not serve. */
        UNKNOWN_INFO_HASH,
        /** The peer we dialled answered with another torrent's info-hash. */
        WRONG_INFO_HASH,
        /** The remote peer id is our own: we dialled ourselves. */
        CONNECTED_TO_SELF,
        /** The 68 handshake bytes did not all arrive in time. */
        TIMEOUT,
        /** The peer closed the connection before its handshake was complete. */
        CLOSED
    }

    private final Reason reason;

    public HandshakeFailedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
