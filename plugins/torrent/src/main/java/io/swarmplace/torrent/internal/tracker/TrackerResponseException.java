package io.swarmplace.torrent.internal.tracker;

import java.net.URI;

/**
 * The tracker answered with something that is not a valid response: an HTTP error status, a body that
 * is not bencode or lacks a required field, a response over the size limit, a truncated packet.
 */
public final class TrackerResponseException extends TrackerException {

    private static final long serialVersionUID = 1L;

    public TrackerResponseException(URI tracker, String problem) {
        super(tracker, problem);
    }

    public TrackerResponseException(URI tracker, String problem, Throwable cause) {
        super(tracker, problem, cause);
    }
}
