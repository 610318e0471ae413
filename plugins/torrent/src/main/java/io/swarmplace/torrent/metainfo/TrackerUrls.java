package io.swarmplace.torrent.metainfo;

import io.swarmplace.bencode.BString;
import io.swarmplace.bencode.BValue;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which tracker and web seed URLs are kept. Trackers and web seeds are advisory (a torrent is still the
 * same swarm without them), so an unusable URL is dropped rather than failing the whole torrent.
 */
final class TrackerUrls {

    static final Set<String> TRACKER_SCHEMES = Set.of("http", "https", "udp");
    static final Set<String> WEB_SEED_SCHEMES = Set.of("http", "https");

    private TrackerUrls() {}

    static Optional<URI> tracker(BValue value) {
        return value instanceof BString string ? tracker(string.utf8()) : Optional.empty();
    }

    static Optional<URI> tracker(String text) {
        return parse(text, TRACKER_SCHEMES);
    }

    static boolean isTracker(URI uri) {
        return usable(uri, TRACKER_SCHEMES);
    }

    static Optional<URI> webSeed(BValue value) {
        return value instanceof BString string ? parse(string.utf8(), WEB_SEED_SCHEMES) : Optional.empty();
    }

    private static Optional<URI> parse(String text, Set<String> schemes) {
        try {
            URI uri = new URI(text.strip());
            return usable(uri, schemes) ? Optional.of(uri) : Optional.empty();
        } catch (URISyntaxException notAUri) {
            return Optional.empty();
        }
    }

    private static boolean usable(URI uri, Set<String> schemes) {
        return uri.isAbsolute()
                && !uri.isOpaque()
                && schemes.contains(uri.getScheme().toLowerCase(Locale.ROOT))
                && uri.getHost() != null
                && uri.getPort() <= 65535;
    }
}
