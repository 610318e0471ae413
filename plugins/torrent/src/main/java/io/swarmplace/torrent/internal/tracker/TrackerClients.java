package io.swarmplace.torrent.internal.tracker;

import io.swarmplace.torrent.metainfo.InfoHash;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Sends each request to the client for its URL's scheme: http and https to one, udp to the other. */
public final class TrackerClients implements TrackerClient {

    private final TrackerClient http;
    private final TrackerClient udp;

    public TrackerClients(TrackerClient http, TrackerClient udp) {
        this.http = http;
        this.udp = udp;
    }

    @Override
    public CompletableFuture<AnnounceResponse> announce(URI tracker, AnnounceRequest request) {
        TrackerClient client = clientFor(tracker);
        return client == null ? unsupported(tracker) : client.announce(tracker, request);
    }

    @Override
    public CompletableFuture<Map<InfoHash, ScrapeResult>> scrape(URI tracker, List<InfoHash> infoHashes) {
        TrackerClient client = clientFor(tracker);
        return client == null ? unsupported(tracker) : client.scrape(tracker, infoHashes);
    }

    private TrackerClient clientFor(URI tracker) {
        String scheme = tracker.getScheme() == null ? "" : tracker.getScheme().toLowerCase(Locale.ROOT);
        return switch (scheme) {
            case "http", "https" -> http;
            case "udp" -> udp;
            default -> null;
        };
    }

    private static <T> CompletableFuture<T> unsupported(URI tracker) {
        return CompletableFuture.failedFuture(new TrackerConnectionException(tracker,
                "trackers with URL scheme '" + tracker.getScheme() + "' are not supported (only http, https and udp)"));
    }
}
