package io.swarmplace.torrent.internal.tracker;

import io.swarmplace.torrent.metainfo.InfoHash;
import java.net.URI;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Builds HTTP tracker URLs: the announce query (BEP 3, BEP 23 compact, BEP 7 key) and the scrape URL
 * (BEP 48). Binary values are percent-encoded byte by byte; a query already in the announce URL (a
 * passkey, say) is kept in front of ours.
 */
public final class TrackerUrls {

    private static final char[] HEX_DIGITS = "0123456789ABCDEF".toCharArray();
    private static final String ANNOUNCE = "announce";

    private TrackerUrls() {}

    /** The full announce URL for {@code request} at {@code tracker}. */
    public static URI announceUrl(URI tracker, AnnounceRequest request) {
        StringBuilder query = new StringBuilder(256);
        query.append("info_hash=").append(percentEncode(request.infoHash().bytes()))
                .append("&peer_id=").append(percentEncode(request.peerId()))
                .append("&port=").append(request.port())
                .append("&uploaded=").append(request.uploaded())
                .append("&downloaded=").append(request.downloaded())
                .append("&left=").append(request.left())
                .append("&compact=1");
        request.event().queryValue().ifPresent(event -> query.append("&event=").append(event));
        if (request.numWant() >= 0) {
            query.append("&numwant=").append(request.numWant());
        }
        query.append("&key=").append(HexFormat.of().toHexDigits(request.key()));
        if (request.trackerId().length > 0) {
            query.append("&trackerid=").append(percentEncode(request.trackerId()));
        }
        return withQuery(tracker, query);
    }

    /**
     * The scrape URL of an HTTP announce URL by the BEP 48 convention: the last path segment must start
     * with "announce", which becomes "scrape"; the query is kept and the info-hashes appended.
     *
     * @throws ScrapeNotSupportedException if the announce URL does not follow the convention
     */
    public static URI scrapeUrl(URI tracker, List<InfoHash> infoHashes) throws ScrapeNotSupportedException {
        String path = tracker.getRawPath() == null ? "" : tracker.getRawPath();
        int lastSlash = path.lastIndexOf('/');
        if (lastSlash < 0 || !path.startsWith(ANNOUNCE, lastSlash + 1)) {
            throw new ScrapeNotSupportedException(tracker, "scrape is not supported: the last part of the URL's path is '"
                    + (lastSlash < 0 ? path : path.substring(lastSlash + 1))
                    + "', and only trackers whose announce URL ends in /announce... have a scrape URL (BEP 48)");
        }
        String scrapePath = path.substring(0, lastSlash + 1) + "scrape" + path.substring(lastSlash + 1 + ANNOUNCE.length());
        StringBuilder query = new StringBuilder(infoHashes.size() * 70);
        for (InfoHash infoHash : infoHashes) {
            if (query.length() > 0) {
                query.append('&');
            }
            query.append("info_hash=").append(percentEncode(infoHash.bytes()));
        }
        return withQuery(withRawPath(tracker, scrapePath), query);
    }

    /** Percent-encodes every byte except RFC 3986's unreserved characters (letters, digits, "-._~"). */
    public static String percentEncode(byte[] bytes) {
        StringBuilder encoded = new StringBuilder(bytes.length * 3);
        for (byte b : bytes) {
            int value = b & 0xff;
            if (isUnreserved(value)) {
                encoded.append((char) value);
            } else {
                encoded.append('%').append(HEX_DIGITS[value >> 4]).append(HEX_DIGITS[value & 0x0f]);
            }
        }
        return encoded.toString();
    }

    /** A URL as it may be shown in logs and status: without its query, which may hold a passkey. */
    public static String withoutQuery(URI uri) {
        String text = uri.toString();
        int question = text.indexOf('?');
        return question < 0 ? text : text.substring(0, question);
    }

    static boolean isHttp(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return scheme.equals("http") || scheme.equals("https");
    }

    private static boolean isUnreserved(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }

    private static URI withQuery(URI base, CharSequence ours) {
        String text = withoutFragment(base);
        String existing = base.getRawQuery();
        String separator;
        if (existing == null) {
            separator = text.endsWith("?") ? "" : "?";
        } else {
            separator = existing.isEmpty() || existing.endsWith("&") ? "" : "&";
        }
        return URI.create(text + separator + ours);
    }

    private static URI withRawPath(URI uri, String rawPath) {
        String text = withoutFragment(uri);
        String oldPath = uri.getRawPath();
        int at = text.indexOf(oldPath, text.indexOf("//") + 2);
        return URI.create(text.substring(0, at) + rawPath + text.substring(at + oldPath.length()));
    }

    private static String withoutFragment(URI uri) {
        String text = uri.toString();
        int hash = text.indexOf('#');
        return hash < 0 ? text : text.substring(0, hash);
    }
}
