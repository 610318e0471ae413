package io.swarmplace.torrent.internal.tracker;

import java.net.URI;

/** No (complete) answer came in time: a silent UDP tracker, an HTTP server that stalls or drips. */
public final class TrackerTimeoutException extends TrackerException {

    private static final long serialVersionUID = 1L;

    public TrackerTimeoutException(URI tracker, String problem) {
        super(tracker, problem);
    }
}
