package io.swarmplace.torrent.internal.tracker;

import io.netty.util.NetUtil;
import io.swarmplace.bencode.BDictionary;
import io.swarmplace.bencode.BInteger;
import io.swarmplace.bencode.BList;
import io.swarmplace.bencode.BString;
import io.swarmplace.bencode.BValue;
import io.swarmplace.bencode.BencodeDecoder;
import io.swarmplace.bencode.BencodeException;
import io.swarmplace.bencode.DecodeLimits;
import io.swarmplace.torrent.internal.wire.CompactPeers;
import io.swarmplace.torrent.metainfo.InfoHash;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Reads the bencoded bodies of HTTP tracker responses: announce (BEP 3 with compact peers of BEP 23
 * and peers6 of BEP 7) and scrape (BEP 48). A "failure reason" becomes a {@link TrackerFailureException};
 * anything malformed a {@link TrackerResponseException} that says what was wrong.
 */
public final class HttpTrackerResponses {

    private final BencodeDecoder decoder;

    /** Bodies up to {@code maxBytes}; every string and the nesting are bounded by the same decoder. */
    public HttpTrackerResponses(int maxBytes) {
        this.decoder = new BencodeDecoder(new DecodeLimits(8, 200_000, maxBytes, maxBytes));
    }

    public AnnounceResponse announce(URI tracker, byte[] body) throws TrackerException {
        BDictionary dictionary = decodeDictionary(tracker, body);
        throwIfFailure(tracker, dictionary);
        long interval = requiredInteger(tracker, dictionary, "interval");
        if (interval <= 0) {
            throw new TrackerResponseException(tracker, "the announce response has interval " + interval + ", which is not positive");
        }
        Optional<Duration> minInterval = optionalInteger(tracker, dictionary, "min interval")
                .filter(seconds -> seconds > 0)
                .map(Duration::ofSeconds);
        List<InetSocketAddress> peers = new ArrayList<>();
        Optional<BValue> peersValue = dictionary.get("peers");
        if (peersValue.isPresent()) {
            peers.addAll(peers(tracker, peersValue.get()));
        }
        Optional<BValue> peers6 = dictionary.get("peers6");
        if (peers6.isPresent()) {
            peers.addAll(compact(tracker, "peers6", peers6.get(), CompactPeers.IPV6_ENTRY));
        }
        return new AnnounceResponse(
                Duration.ofSeconds(interval),
                minInterval,
                peers,
                count(tracker, dictionary, "complete"),
                count(tracker, dictionary, "incomplete"),
                optionalText(tracker, dictionary, "warning message"),
                optionalString(tracker, dictionary, "tracker id").map(BString::bytes).orElse(new byte[0]));
    }

    /** The counts of the requested swarms; entries for other info-hashes are ignored. */
    public Map<InfoHash, ScrapeResult> scrape(URI tracker, byte[] body, Set<InfoHash> requested) throws TrackerException {
        BDictionary dictionary = decodeDictionary(tracker, body);
        throwIfFailure(tracker, dictionary);
        BValue files = dictionary.get("files").orElseThrow(
                () -> new TrackerResponseException(tracker, "the scrape response has no \"files\" dictionary"));
        if (!(files instanceof BDictionary filesDictionary)) {
            throw new TrackerResponseException(tracker, "the scrape response's \"files\" is " + article(files) + ", not a dictionary");
        }
        Map<InfoHash, ScrapeResult> results = new LinkedHashMap<>();
        for (Map.Entry<BString, BValue> entry : filesDictionary.entries().entrySet()) {
            if (entry.getKey().length() != InfoHash.LENGTH) {
                throw new TrackerResponseException(tracker, "the scrape response has a key of " + entry.getKey().length()
                        + " bytes in \"files\", where only 20-byte info-hashes belong");
            }
            InfoHash infoHash = new InfoHash(entry.getKey().bytes());
            if (!requested.contains(infoHash)) {
                continue;
            }
            if (!(entry.getValue() instanceof BDictionary counts)) {
                throw new TrackerResponseException(tracker, "the scrape entry for " + infoHash + " is "
                        + article(entry.getValue()) + ", not a dictionary");
            }
            results.put(infoHash, new ScrapeResult(
                    scrapeCount(tracker, infoHash, counts, "complete"),
                    scrapeCount(tracker, infoHash, counts, "downloaded"),
                    scrapeCount(tracker, infoHash, counts, "incomplete")));
        }
        return results;
    }

    private BDictionary decodeDictionary(URI tracker, byte[] body) throws TrackerResponseException {
        BValue value;
        try {
            value = decoder.decode(body);
        } catch (BencodeException e) {
            throw new TrackerResponseException(tracker, "the response is not valid bencode (" + e.getMessage() + "); it starts with "
                    + preview(body), e);
        }
        if (!(value instanceof BDictionary dictionary)) {
            throw new TrackerResponseException(tracker, "the response is a bencoded " + value.typeName() + ", not a dictionary");
        }
        return dictionary;
    }

    private static void throwIfFailure(URI tracker, BDictionary dictionary) throws TrackerException {
        Optional<BString> failure = optionalString(tracker, dictionary, "failure reason");
        if (failure.isPresent()) {
            throw new TrackerFailureException(tracker, failure.get().utf8());
        }
    }

    private static List<InetSocketAddress> peers(URI tracker, BValue value) throws TrackerResponseException {
        if (value instanceof BString) {
            return compact(tracker, "peers", value, CompactPeers.IPV4_ENTRY);
        }
        if (!(value instanceof BList list)) {
            throw new TrackerResponseException(tracker, "\"peers\" is " + article(value) + ", neither a compact string nor a list");
        }
        List<InetSocketAddress> peers = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof BDictionary peer)) {
                throw new TrackerResponseException(tracker, "peer " + i + " in \"peers\" is " + article(list.get(i)) + ", not a dictionary");
            }
            InetSocketAddress address = dictionaryPeer(tracker, i, peer);
            if (address != null) {
                peers.add(address);
            }
        }
        return peers;
    }

    /** A peer of the original dictionary model; null for port 0, which cannot be dialled. */
    private static InetSocketAddress dictionaryPeer(URI tracker, int index, BDictionary peer) throws TrackerResponseException {
        Optional<BValue> ip = peer.get("ip");
        Optional<BValue> port = peer.get("port");
        if (ip.isEmpty() || !(ip.get() instanceof BString ipString)) {
            throw new TrackerResponseException(tracker, "peer " + index + " in \"peers\" has no \"ip\" string");
        }
        if (port.isEmpty() || !(port.get() instanceof BInteger portNumber) || portNumber.value() < 0 || portNumber.value() > 65535) {
            throw new TrackerResponseException(tracker, "peer " + index + " in \"peers\" has no \"port\" in 0..65535");
        }
        if (portNumber.value() == 0) {
            return null;
        }
        String host = ipString.utf8();
        byte[] literal = NetUtil.createByteArrayFromIpAddressString(host);
        if (literal == null) {
            // BEP 3 allows a DNS name; it is resolved when someone dials it, never here on an event loop.
            return InetSocketAddress.createUnresolved(host, (int) portNumber.value());
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(literal), (int) portNumber.value());
        } catch (UnknownHostException impossible) {
            throw new TrackerResponseException(tracker, "peer " + index + " has an unusable address " + host, impossible);
        }
    }

    private static List<InetSocketAddress> compact(URI tracker, String key, BValue value, int entryLength) throws TrackerResponseException {
        if (!(value instanceof BString string)) {
            throw new TrackerResponseException(tracker, "\"" + key + "\" is " + article(value) + ", not a compact byte string");
        }
        try {
            return TrackerPeers.fromCompact(string.bytes(), entryLength);
        } catch (IllegalArgumentException e) {
            throw new TrackerResponseException(tracker, "\"" + key + "\" is malformed: " + e.getMessage(), e);
        }
    }

    private static long requiredInteger(URI tracker, BDictionary dictionary, String key) throws TrackerResponseException {
        return optionalInteger(tracker, dictionary, key).orElseThrow(
                () -> new TrackerResponseException(tracker, "the response has no \"" + key + "\""));
    }

    private static Optional<Long> optionalInteger(URI tracker, BDictionary dictionary, String key) throws TrackerResponseException {
        return optional(tracker, dictionary, key, BInteger.class, "an integer").map(BInteger::value);
    }

    private static OptionalInt count(URI tracker, BDictionary dictionary, String key) throws TrackerResponseException {
        Optional<Long> value = optionalInteger(tracker, dictionary, key);
        if (value.isEmpty()) {
            return OptionalInt.empty();
        }
        if (value.get() < 0 || value.get() > Integer.MAX_VALUE) {
            throw new TrackerResponseException(tracker, "\"" + key + "\" is " + value.get() + ", not a count");
        }
        return OptionalInt.of(value.get().intValue());
    }

    private static long scrapeCount(URI tracker, InfoHash infoHash, BDictionary counts, String key) throws TrackerResponseException {
        long value = optionalInteger(tracker, counts, key).orElse(0L);
        if (value < 0) {
            throw new TrackerResponseException(tracker, "the scrape entry for " + infoHash + " has a negative \"" + key + "\": " + value);
        }
        return value;
    }

    private static Optional<BString> optionalString(URI tracker, BDictionary dictionary, String key) throws TrackerResponseException {
        return optional(tracker, dictionary, key, BString.class, "a string");
    }

    /** The value of {@code key} if present; present with another type is a malformed response. */
    private static <T extends BValue> Optional<T> optional(URI tracker, BDictionary dictionary, String key, Class<T> type,
            String expected) throws TrackerResponseException {
        Optional<BValue> value = dictionary.get(key);
        if (value.isPresent() && !type.isInstance(value.get())) {
            throw new TrackerResponseException(tracker, "\"" + key + "\" is " + article(value.get()) + ", not " + expected);
        }
        return value.map(type::cast);
    }

    private static Optional<String> optionalText(URI tracker, BDictionary dictionary, String key) throws TrackerResponseException {
        return optionalString(tracker, dictionary, key).map(BString::utf8);
    }

    private static String article(BValue value) {
        return (value instanceof BInteger ? "an " : "a ") + value.typeName();
    }

    /** The first bytes of a body, printable for an error message (an HTML error page is common). */
    static String preview(byte[] body) {
        int shown = Math.min(body.length, 60);
        StringBuilder text = new StringBuilder("\"");
        for (int i = 0; i < shown; i++) {
            int c = body[i] & 0xff;
            text.append(c >= 0x20 && c < 0x7f ? Character.toString(c) : String.format("\\x%02x", c));
        }
        return text.append(body.length > shown ? "...\" (" + body.length + " bytes)" : "\"").toString();
    }
}
