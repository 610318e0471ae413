package io.swarmplace.torrent.metainfo;

/** A magnet link that cannot be used; the message says which part is wrong. */
public class MagnetException extends MetainfoException {

    private static final long serialVersionUID = 1L;

    public MagnetException(String message) {
        super(message);
    }
}
