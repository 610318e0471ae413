package io.swarmplace.torrent.metainfo;

import io.swarmplace.bencode.BDictionary;
import io.swarmplace.bencode.BInteger;
import io.swarmplace.bencode.BList;
import io.swarmplace.bencode.BString;
import io.swarmplace.bencode.BValue;
import io.swarmplace.bencode.BencodeDecoder;
import io.swarmplace.bencode.BencodeException;
import io.swarmplace.bencode.DecodeLimits;
import io.swarmplace.bencode.Decoded;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads metainfo (.torrent) files (BEP 3) and BEP 9 metadata.
 *
 * <p>The bencode must be canonical (see {@link BencodeDecoder}); the info-hash is the SHA-1 of the info
 * dictionary exactly as it appears in the input. The info dictionary is validated strictly, because it
 * decides what is written where on disk: names and path components that could leave the download
 * folder, duplicate paths, sizes and piece counts that do not add up are refused. Everything outside it
 * is advisory and read leniently: tracker URLs other than http, https and udp, web seeds other than
 * http and https, malformed URLs, and comment, "created by" or "creation date" of the wrong type are
 * left out. BEP 12 "announce-list" takes precedence over "announce" (which is used only when the list
 * yields no usable URL); empty tiers are dropped and a URL seen in an earlier tier is not repeated.
 *
 * <p>Every failure is a {@link MetainfoException}, including malformed bencode: the
 * {@link BencodeException} is wrapped, with its byte offset in the message and as the cause. Nothing is
 * allocated from a size claimed by the input before it has been checked against the input and the
 * limits below. Immutable and thread-safe.
 */
public final class MetainfoReader {

    /** Largest accepted piece: 256 MiB, far above what any real torrent uses. */
    public static final int MAX_PIECE_LENGTH = 256 * 1024 * 1024;

    /** Largest accepted total size of a torrent's files: 1 PiB. */
    public static final long MAX_TOTAL_LENGTH = 1L << 50;

    /**
     * Bencode limits for torrent files: 64 MiB (piece hashes of a 1 PiB torrent in 16 MiB pieces take
     * 1.25 MiB; the largest real files, with hundreds of thousands of files, stay well below), 2 million
     * values, nesting 32 deep (a torrent needs 5).
     */
    public static final DecodeLimits LIMITS = new DecodeLimits(32, 2_000_000, 64 * 1024 * 1024, 64 * 1024 * 1024);

    /** Creation dates after 9999-12-31 are nonsense and are ignored. */
    private static final long LAST_CREATION_DATE = 253_402_300_799L;

    private final BencodeDecoder decoder;

    public MetainfoReader() {
        this(LIMITS);
    }

    public MetainfoReader(DecodeLimits limits) {
        this.decoder = new BencodeDecoder(limits);
    }

    /** Reads a whole .torrent file. */
    public Metainfo read(byte[] torrentFile) {
        Decoded decoded = decode(torrentFile, "not a valid torrent file");
        BDictionary top = topDictionary(decoded.value(), "a torrent file");
        Fields fields = new Fields(top, "");
        BDictionary info = Fields.asDictionary(
                top.get("info").orElseThrow(() -> new MetainfoException("the torrent file has no info dictionary")),
                "info");
        byte[] infoBytes = decoded.rawMember("info").orElseThrow();
        TorrentInfo torrentInfo = InfoDictionaryParser.parse(info);
        return new Metainfo(
                InfoHash.ofInfoBytes(infoBytes),
                torrentInfo,
                infoBytes,
                announceTiers(fields),
                webSeeds(fields),
                text(fields, "comment"),
                text(fields, "created by"),
                creationDate(fields));
    }

    /**
     * Builds a torrent from an info dictionary fetched from peers (BEP 9), after checking that its SHA-1
     * is {@code expected}. Trackers (for example from the magnet link) are filtered like those of a file.
     *
     * @throws MetainfoException if the hash differs or the dictionary is invalid
     */
    public Metainfo fromInfoDictionary(InfoHash expected, byte[] infoBytes, List<List<URI>> trackers) {
        InfoHash actual = InfoHash.ofInfoBytes(infoBytes);
        if (!actual.equals(expected)) {
            throw new MetainfoException("the info dictionary of " + infoBytes.length + " bytes has SHA-1 " + actual
                    + ", not the expected info-hash " + expected);
        }
        Decoded decoded = decode(infoBytes, "not a valid info dictionary");
        TorrentInfo torrentInfo = InfoDictionaryParser.parse(topDictionary(decoded.value(), "an info dictionary"));
        Set<URI> seen = new LinkedHashSet<>();
        List<List<URI>> tiers = new ArrayList<>();
        for (List<URI> tier : trackers) {
            List<URI> kept = tier.stream().filter(TrackerUrls::isTracker).filter(seen::add).toList();
            if (!kept.isEmpty()) {
                tiers.add(kept);
            }
        }
        return new Metainfo(actual, torrentInfo, infoBytes, tiers, List.of(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    private Decoded decode(byte[] input, String problem) {
        try {
            return decoder.decodeWithSpans(input);
        } catch (BencodeException malformed) {
            throw new MetainfoException(problem + ": " + malformed.getMessage(), malformed);
        }
    }

    private static BDictionary topDictionary(BValue value, String what) {
        if (value instanceof BDictionary dictionary) {
            return dictionary;
        }
        throw new MetainfoException(what + " must be a bencoded dictionary, found " + Fields.article(value.typeName()));
    }

    private static List<List<URI>> announceTiers(Fields fields) {
        Set<URI> seen = new LinkedHashSet<>();
        List<List<URI>> tiers = new ArrayList<>();
        if (fields.optional("announce-list").orElse(null) instanceof BList list) {
            for (BValue tierValue : list.values()) {
                if (tierValue instanceof BList tier) {
                    List<URI> kept = new ArrayList<>();
                    for (BValue url : tier.values()) {
                        TrackerUrls.tracker(url).filter(seen::add).ifPresent(kept::add);
                    }
                    if (!kept.isEmpty()) {
                        tiers.add(kept);
                    }
                }
            }
        }
        if (tiers.isEmpty()) {
            fields.optional("announce").flatMap(TrackerUrls::tracker).ifPresent(url -> tiers.add(List.of(url)));
        }
        return tiers;
    }

    /** BEP 19 "url-list": one URL as a string, or a list of them. */
    private static List<URI> webSeeds(Fields fields) {
        Optional<BValue> urlList = fields.optional("url-list");
        if (urlList.isEmpty()) {
            return List.of();
        }
        List<BValue> values = urlList.get() instanceof BList list ? list.values() : List.of(urlList.get());
        Set<URI> seeds = new LinkedHashSet<>();
        for (BValue value : values) {
            TrackerUrls.webSeed(value).ifPresent(seeds::add);
        }
        return List.copyOf(seeds);
    }

    private static Optional<String> text(Fields fields, String key) {
        Optional<String> utf8 = fields.optional(key + ".utf-8")
                .filter(BString.class::isInstance)
                .flatMap(value -> ((BString) value).strictUtf8());
        if (utf8.isPresent()) {
            return utf8;
        }
        return fields.optional(key).filter(BString.class::isInstance).map(value -> Text.of((BString) value));
    }

    private static Optional<Instant> creationDate(Fields fields) {
        return fields.optional("creation date")
                .filter(BInteger.class::isInstance)
                .map(value -> ((BInteger) value).value())
                .filter(seconds -> seconds >= 0 && seconds <= LAST_CREATION_DATE)
                .map(Instant::ofEpochSecond);
    }
}
