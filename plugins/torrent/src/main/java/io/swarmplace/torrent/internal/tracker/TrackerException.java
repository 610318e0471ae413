package io.swarmplace.torrent.internal.tracker;

import java.net.URI;

/**
 * An announce or scrape that did not work. The message starts with the tracker's URL (without the
 * announce parameters), so a line in {@code torrent info} says which tracker and why.
 */
public class TrackerException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient URI tracker;

    public TrackerException(URI tracker, String problem) {
        this(tracker, problem, null);
    }

    public TrackerException(URI tracker, String problem, Throwable cause) {
        super(tracker + ": " + problem, cause);
        this.tracker = tracker;
    }

    /** The tracker URL as the torrent names it. */
    public URI tracker() {
        return tracker;
    }
}
