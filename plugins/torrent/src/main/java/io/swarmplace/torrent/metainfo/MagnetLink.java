package io.swarmplace.torrent.metainfo;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A BitTorrent magnet link (BEP 9): the info-hash, and hints for finding the swarm and naming it.
 *
 * <p>Parsing takes the first {@code xt=urn:btih:} (40 hex digits or 32 base32 characters, either case),
 * {@code dn}, every {@code tr} (also the numbered {@code tr.1, tr.2, ...} form) and every {@code x.pe}
 * (BEP 9 peer addresses {@code host:port}, {@code [ipv6]:port}). Keys and values are percent-decoded as
 * UTF-8 with '+' meaning a space. Trackers other than http, https and udp URLs, and peers that are not
 * {@code host:port}, are left out like unusable trackers in a .torrent file; parameters this class does
 * not know are ignored. Host names of peers are kept unresolved: parsing never touches the network.
 *
 * @param displayName the {@code dn} parameter: a name to show until the metadata has arrived
 * @param trackers tracker URLs, each once, in order
 * @param peers peers to dial directly ({@code x.pe})
 */
public record MagnetLink(
        InfoHash infoHash, Optional<String> displayName, List<URI> trackers, List<InetSocketAddress> peers) {

    /** Longer links are refused; real ones with dozens of trackers stay under a few KiB. */
    public static final int MAX_LENGTH = 64 * 1024;

    private static final String BTIH = "urn:btih:";
    private static final String BTMH = "urn:btmh:";

    public MagnetLink {
        Objects.requireNonNull(infoHash, "infoHash");
        Objects.requireNonNull(displayName, "displayName");
        trackers = List.copyOf(trackers);
        peers = List.copyOf(peers);
    }

    /** The magnet link of a torrent: its info-hash, name and trackers. */
    public static MagnetLink of(Metainfo metainfo) {
        return new MagnetLink(metainfo.infoHash(), Optional.of(metainfo.info().name()), metainfo.trackers(), List.of());
    }

    /**
     * Parses a magnet link.
     *
     * @throws MagnetException if it is not a magnet link, has no BitTorrent v1 info-hash, or the hash or a
     *     percent escape is malformed
     */
    public static MagnetLink parse(String link) {
        Objects.requireNonNull(link, "link");
        if (link.length() > MAX_LENGTH) {
            throw new MagnetException("a magnet link of " + link.length() + " characters is longer than the limit of "
                    + MAX_LENGTH);
        }
        String text = link.strip();
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw new MagnetException("not a magnet link (it should start with \"magnet:?\"): " + shorten(text));
        }
        String scheme = text.substring(0, colon);
        if (!scheme.equalsIgnoreCase("magnet")) {
            throw new MagnetException("not a magnet link: the scheme is \"" + shorten(scheme)
                    + "\", expected \"magnet\"");
        }
        if (colon + 1 >= text.length() || text.charAt(colon + 1) != '?') {
            throw new MagnetException("the magnet link has no parameters (expected \"magnet:?xt=urn:btih:...\")");
        }
        int fragment = text.indexOf('#', colon);
        String query = text.substring(colon + 2, fragment < 0 ? text.length() : fragment);

        InfoHash infoHash = null;
        boolean v2Only = false;
        String displayName = null;
        Set<URI> trackers = new LinkedHashSet<>();
        Set<InetSocketAddress> peers = new LinkedHashSet<>();
        for (String parameter : query.split("&")) {
            if (parameter.isEmpty()) {
                continue;
            }
            int equals = parameter.indexOf('=');
            String key = PercentCoding.decode(equals < 0 ? parameter : parameter.substring(0, equals), "a parameter name")
                    .toLowerCase(Locale.ROOT);
            String value = equals < 0 ? "" : PercentCoding.decode(parameter.substring(equals + 1), "parameter " + key);
            if (key.equals("xt") || key.startsWith("xt.")) {
                if (startsWithIgnoreCase(value, BTIH)) {
                    InfoHash hash = infoHash(value.substring(BTIH.length()));
                    if (infoHash != null && !infoHash.equals(hash)) {
                        throw new MagnetException("the magnet link names two different info-hashes, " + infoHash
                                + " and " + hash);
                    }
                    infoHash = hash;
                } else if (startsWithIgnoreCase(value, BTMH)) {
                    v2Only = true;
                }
            } else if (key.equals("dn")) {
                if (displayName == null) {
                    displayName = value;
                }
            } else if (key.equals("tr") || key.startsWith("tr.")) {
                TrackerUrls.tracker(value).ifPresent(trackers::add);
            } else if (key.equals("x.pe")) {
                PeerAddresses.parse(value).ifPresent(peers::add);
            }
        }
        if (infoHash == null) {
            throw new MagnetException(v2Only
                    ? "the magnet link has only a BitTorrent v2 info-hash (xt=urn:btmh:), which is not supported"
                    : "the magnet link has no info-hash (expected a parameter xt=urn:btih:<40 hex digits>)");
        }
        return new MagnetLink(infoHash, Optional.ofNullable(displayName), new ArrayList<>(trackers),
                new ArrayList<>(peers));
    }

    /** This link as text; {@code parse(toUri())} equals this link. */
    public String toUri() {
        StringBuilder uri = new StringBuilder("magnet:?xt=urn:btih:").append(infoHash.hex());
        displayName.ifPresent(name -> uri.append("&dn=").append(PercentCoding.encode(name)));
        for (URI tracker : trackers) {
            uri.append("&tr=").append(PercentCoding.encode(tracker.toString()));
        }
        for (InetSocketAddress peer : peers) {
            uri.append("&x.pe=").append(PercentCoding.encode(PeerAddresses.format(peer)));
        }
        return uri.toString();
    }

    @Override
    public String toString() {
        return toUri();
    }

    private static InfoHash infoHash(String text) {
        if (text.length() == 2 * InfoHash.LENGTH) {
            try {
                return InfoHash.fromHex(text);
            } catch (IllegalArgumentException notHex) {
                throw badHash(text, "it is not hex");
            }
        }
        if (text.length() == 32) {
            return new InfoHash(Base32.decode(text).orElseThrow(() -> badHash(text, "it is not base32")));
        }
        throw badHash(text, "it has " + text.length() + " characters");
    }

    private static MagnetException badHash(String text, String problem) {
        return new MagnetException("bad info-hash \"" + shorten(text) + "\" in xt=urn:btih: (" + problem
                + "): expected 40 hex digits or 32 base32 characters");
    }

    private static boolean startsWithIgnoreCase(String text, String prefix) {
        return text.regionMatches(true, 0, prefix, 0, prefix.length());
    }

    private static String shorten(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }
}
