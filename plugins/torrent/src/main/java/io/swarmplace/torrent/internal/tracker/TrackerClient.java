package io.swarmplace.torrent.internal.tracker;

import io.swarmplace.torrent.metainfo.InfoHash;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Talks to trackers. Futures fail with a {@link TrackerException}: {@link TrackerFailureException} when
 * the tracker refused (its own words in the message), {@link TrackerResponseException} for an answer
 * that is not a valid response, {@link TrackerTimeoutException} when none came in time,
 * {@link TrackerConnectionException} when the tracker could not be reached. Never blocks the caller.
 */
public interface TrackerClient {

    CompletableFuture<AnnounceResponse> announce(URI tracker, AnnounceRequest request);

    /**
     * Asks the tracker for the counts of these swarms. Swarms the tracker did not report are missing
     * from the map.
     */
    CompletableFuture<Map<InfoHash, ScrapeResult>> scrape(URI tracker, List<InfoHash> infoHashes);
}
