package io.swarmplace.torrent.internal.tracker;

import java.util.List;

/**
 * Hears what a {@link TrackerAnnouncer} learns. Called on whatever thread completed the announce (often
 * an event loop), never while the announcer holds its lock: hand work off, do not block.
 */
public interface TrackerListener {

    /** Peers from one successful announce (may include this client itself: trackers echo the announcer). */
    void peersFound(List<TrackerPeer> peers);
}
