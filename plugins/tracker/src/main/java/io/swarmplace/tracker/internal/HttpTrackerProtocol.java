package io.swarmplace.tracker.internal;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The HTTP tracker without the sockets: routes {@code /announce} and {@code /scrape}, answers refusals
 * with a bencoded "failure reason" (status 200, which is where every client looks for it) and anything
 * that is not a tracker request with 404.
 */
final class HttpTrackerProtocol {

    /** Most info-hashes one HTTP scrape may ask for. */
    static final int MAX_SCRAPE_HASHES = 100;
    static final int MAX_PARAMETERS = MAX_SCRAPE_HASHES + 28;

    private final SwarmRegistry registry;
    private final TrackerSettings settings;
    private final TrackerStatistics statistics;
    private final HttpAnnounceParser parser = new HttpAnnounceParser();

    HttpTrackerProtocol(SwarmRegistry registry, TrackerSettings settings, TrackerStatistics statistics) {
        this.registry = registry;
        this.settings = settings;
        this.statistics = statistics;
    }

    /**
     * @param uri the request target as received (origin form, or absolute form from a proxy)
     * @param remote the address the request came from
     */
    HttpReply handle(String uri, InetAddress remote) {
        String target = stripSchemeAndAuthority(uri);
        int question = target.indexOf('?');
        int hash = target.indexOf('#');
        String path = question < 0 ? (hash < 0 ? target : target.substring(0, hash)) : target.substring(0, question);
        String query = question < 0 ? "" : target.substring(question + 1, hash > question ? hash : target.length());
        return switch (path) {
            case "/announce" -> announce(query, remote);
            case "/scrape" -> scrape(query);
            default -> {
                statistics.invalidHttpRequests.increment();
                yield text(404, "not found: this tracker serves /announce and /scrape");
            }
        };
    }

    private HttpReply announce(String rawQuery, InetAddress remote) {
        try {
            QueryString query = QueryString.parse(rawQuery, MAX_PARAMETERS);
            AnnounceRequest request = parser.parse(query, remote);
            AnnounceReply reply = registry.announce(request);
            statistics.httpAnnounces.increment();
            return new HttpReply(200, HttpReplies.announce(reply,
                    HttpAnnounceParser.wantsCompact(query), !HttpAnnounceParser.omitsPeerId(query)));
        } catch (TrackerRequestException refused) {
            return failure(refused);
        }
    }

    private HttpReply scrape(String rawQuery) {
        try {
            QueryString query = QueryString.parse(rawQuery, MAX_PARAMETERS);
            List<byte[]> hashes = query.all("info_hash");
            if (hashes.isEmpty()) {
                throw new TrackerRequestException("scrape needs at least one info_hash; this tracker does not list every torrent");
            }
            if (hashes.size() > MAX_SCRAPE_HASHES) {
                throw new TrackerRequestException("scrape asks for " + hashes.size() + " torrents; at most "
                        + MAX_SCRAPE_HASHES + " per request");
            }
            Map<InfoHashKey, ScrapeEntry> entries = new LinkedHashMap<>();
            for (byte[] hash : hashes) {
                InfoHashKey infoHash = HttpAnnounceParser.infoHash(java.util.Optional.of(hash));
                registry.scrape(infoHash).ifPresent(entry -> entries.put(infoHash, entry));
            }
            statistics.httpScrapes.increment();
            return new HttpReply(200, HttpReplies.scrape(entries, settings.minIntervalSeconds()));
        } catch (TrackerRequestException refused) {
            return failure(refused);
        }
    }

    private HttpReply failure(TrackerRequestException refused) {
        statistics.refusals.increment();
        return new HttpReply(200, HttpReplies.failure(refused.getMessage()));
    }

    static HttpReply text(int status, String message) {
        return new HttpReply(status, (message + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static String stripSchemeAndAuthority(String uri) {
        int scheme = uri.indexOf("://");
        if (scheme < 0 || uri.startsWith("/")) {
            return uri;
        }
        int path = uri.indexOf('/', scheme + 3);
        return path < 0 ? "/" : uri.substring(path);
    }
}
