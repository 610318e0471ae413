package io.swarmplace.torrent.internal.wire;

/** A compact peer list whose length is not a whole number of entries. */
public final class CompactPeerException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public CompactPeerException(String message) {
        super(message);
    }
}
