package io.swarmplace.torrent.internal.tracker;

import java.net.URI;

/**
 * The tracker has no scrape URL: by the BEP 48 convention only an HTTP announce URL whose last path
 * segment starts with "announce" has one.
 */
public final class ScrapeNotSupportedException extends TrackerException {

    private static final long serialVersionUID = 1L;

    public ScrapeNotSupportedException(URI tracker, String problem) {
        super(tracker, problem);
    }
}
