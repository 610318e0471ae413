package io.swarmplace.torrent.metainfo;

/** A .torrent file, info dictionary or magnet link is malformed; the message says what and where. */
public class MetainfoException extends RuntimeException {

    public MetainfoException(String message) {
        super(message);
    }

    public MetainfoException(String message, Throwable cause) {
        super(message, cause);
    }
}
