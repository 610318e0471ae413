package io.swarmplace.torrent.internal.create;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How to make a torrent. Build with {@link #builder()}; the defaults are an automatic piece size, no
 * padding, public, no trackers or web seeds, no comment, created by "Swarmplace" and no creation date
 * (so the same files give the same bytes; pass one to record when the torrent was made).
 *
 * @param pieceLength bytes per piece, a power of two from 16 KiB to 256 MiB, or 0 for {@link PieceSizes#automatic}
 * @param padding insert BEP 47 padding files so that every file starts on a piece boundary
 * @param privateTorrent BEP 27 private flag
 * @param trackerTiers BEP 12 tiers of http, https or udp tracker URLs
 * @param webSeeds BEP 19 http or https web seeds
 * @param name the torrent's name; empty for the source file's or folder's own name
 */
public record TorrentCreationOptions(
        int pieceLength,
        boolean padding,
        boolean privateTorrent,
        List<List<URI>> trackerTiers,
        List<URI> webSeeds,
        Optional<String> comment,
        Optional<String> createdBy,
        Optional<Instant> creationDate,
        Optional<String> name) {

    public static final int AUTOMATIC = 0;
    public static final int LARGEST_PIECE = 256 * 1024 * 1024;
    public static final String CREATED_BY = "Swarmplace";

    private static final Set<String> TRACKER_SCHEMES = Set.of("http", "https", "udp");
    private static final Set<String> WEB_SEED_SCHEMES = Set.of("http", "https");

    public TorrentCreationOptions {
        if (pieceLength != AUTOMATIC
                && (pieceLength < PieceSizes.SMALLEST || pieceLength > LARGEST_PIECE || Integer.bitCount(pieceLength) != 1)) {
            throw new IllegalArgumentException("piece length must be a power of two from " + PieceSizes.SMALLEST
                    + " to " + LARGEST_PIECE + " bytes (or 0 for automatic), was " + pieceLength);
        }
        trackerTiers = trackerTiers.stream().map(List::copyOf).filter(tier -> !tier.isEmpty()).toList();
        trackerTiers.forEach(tier -> tier.forEach(url -> requireScheme(url, TRACKER_SCHEMES, "tracker")));
        webSeeds = List.copyOf(new LinkedHashSet<>(webSeeds));
        webSeeds.forEach(url -> requireScheme(url, WEB_SEED_SCHEMES, "web seed"));
        Objects.requireNonNull(comment, "comment");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(creationDate, "creationDate");
        Objects.requireNonNull(name, "name");
    }

    public static TorrentCreationOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    private static void requireScheme(URI url, Set<String> schemes, String what) {
        if (!url.isAbsolute() || url.getHost() == null
                || !schemes.contains(url.getScheme().toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException(what + " URL " + url + " is not an absolute " + String.join(", ", schemes.stream().sorted().toList()) + " URL");
        }
    }

    public static final class Builder {
        private int pieceLength = AUTOMATIC;
        private boolean padding;
        private boolean privateTorrent;
        private final List<List<URI>> trackerTiers = new ArrayList<>();
        private final List<URI> webSeeds = new ArrayList<>();
        private String comment;
        private String createdBy = CREATED_BY;
        private Instant creationDate;
        private String name;

        private Builder() {}

        public Builder pieceLength(int bytes) {
            this.pieceLength = bytes;
            return this;
        }

        public Builder padding(boolean padding) {
            this.padding = padding;
            return this;
        }

        public Builder privateTorrent(boolean privateTorrent) {
            this.privateTorrent = privateTorrent;
            return this;
        }

        /** Adds a tier of trackers tried after the tiers added before it. */
        public Builder trackerTier(List<URI> tier) {
            trackerTiers.add(List.copyOf(tier));
            return this;
        }

        /** Adds a tier of one tracker. */
        public Builder tracker(URI tracker) {
            return trackerTier(List.of(tracker));
        }

        public Builder webSeed(URI url) {
            webSeeds.add(url);
            return this;
        }

        public Builder comment(String comment) {
            this.comment = comment;
            return this;
        }

        /** Null leaves "created by" out. */
        public Builder createdBy(String createdBy) {
            this.createdBy = createdBy;
            return this;
        }

        public Builder creationDate(Instant date) {
            this.creationDate = date;
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public TorrentCreationOptions build() {
            return new TorrentCreationOptions(pieceLength, padding, privateTorrent, trackerTiers, webSeeds,
                    Optional.ofNullable(comment), Optional.ofNullable(createdBy), Optional.ofNullable(creationDate),
                    Optional.ofNullable(name));
        }
    }
}
