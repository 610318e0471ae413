package io.swarmplace.torrent.internal.picker;

/**
 * A peer told us something that cannot be true of this torrent (a HAVE beyond the last piece, a
 * bitfield with bits past it). The engine should drop the connection.
 */
public final class PeerDataException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public PeerDataException(String message) {
        super(message);
    }
}
