package io.swarmplace.torrent.internal.create;

/** A torrent could not be created from the given files; the message names the file and the problem. */
public class TorrentCreationException extends Exception {

    private static final long serialVersionUID = 1L;

    public TorrentCreationException(String message) {
        super(message);
    }

    public TorrentCreationException(String message, Throwable cause) {
        super(message, cause);
    }
}
