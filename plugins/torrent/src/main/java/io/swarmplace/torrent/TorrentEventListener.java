package io.swarmplace.torrent;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Register an implementation as an OSGi service to receive the engine's events (whiteboard). Calls
 * come from one engine thread in order per torrent; return quickly and hand long work to your own
 * executor.
 */
@ConsumerType
@FunctionalInterface
public interface TorrentEventListener {

    void onEvent(TorrentEvent event);
}
