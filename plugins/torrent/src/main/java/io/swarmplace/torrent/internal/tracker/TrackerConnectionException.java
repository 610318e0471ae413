package io.swarmplace.torrent.internal.tracker;

import java.net.URI;

/**
 * The tracker could not be reached or spoken to: unknown host, connection refused, TLS refused (an
 * untrusted certificate or one for another host), a redirect that is not followed, an unsupported URL.
 */
public final class TrackerConnectionException extends TrackerException {

    private static final long serialVersionUID = 1L;

    public TrackerConnectionException(URI tracker, String problem) {
        super(tracker, problem);
    }

    public TrackerConnectionException(URI tracker, String problem, Throwable cause) {
        super(tracker, problem, cause);
    }
}
