package io.swarmplace.torrent.internal.tracker;

import java.util.Optional;

/** The event an announce reports (BEP 3); its name in an HTTP query and its number in a BEP 15 packet. */
public enum AnnounceEvent {
    /** A regular announce: no event parameter is sent. */
    NONE(null, 0),
    STARTED("started", 2),
    COMPLETED("completed", 1),
    STOPPED("stopped", 3);

    private final String queryValue;
    private final int udpCode;

    AnnounceEvent(String queryValue, int udpCode) {
        this.queryValue = queryValue;
        this.udpCode = udpCode;
    }

    /** The value of the HTTP {@code event} parameter, empty for {@link #NONE}, which sends none. */
    public Optional<String> queryValue() {
        return Optional.ofNullable(queryValue);
    }

    /** The event field of a BEP 15 announce request. */
    public int udpCode() {
        return udpCode;
    }
}
