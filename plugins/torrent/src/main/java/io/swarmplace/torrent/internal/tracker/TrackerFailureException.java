package io.swarmplace.torrent.internal.tracker;

import java.net.URI;

/**
 * The tracker answered and refused: a "failure reason" over HTTP, an error packet (action 3) over UDP.
 * {@link #reason()} is the tracker's own text.
 */
public final class TrackerFailureException extends TrackerException {

    private static final long serialVersionUID = 1L;

    private final String reason;

    public TrackerFailureException(URI tracker, String reason) {
        super(tracker, "the tracker refused: " + reason);
        this.reason = reason;
    }

    /** What the tracker said. */
    public String reason() {
        return reason;
    }
}
