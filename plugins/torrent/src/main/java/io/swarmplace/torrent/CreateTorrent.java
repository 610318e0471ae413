package io.swarmplace.torrent;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * How to make a torrent from a file or folder.
 *
 * @param trackerTiers BEP 12 tiers of announce URLs (may be empty for a trackerless torrent)
 * @param pieceLength bytes per piece, a power of two of at least 16 KiB; empty picks one from the size
 * @param privateTorrent BEP 27
 * @param padFiles align every file to a piece boundary with BEP 47 padding files
 */
public record CreateTorrent(
        List<List<URI>> trackerTiers,
        Optional<Integer> pieceLength,
        boolean privateTorrent,
        boolean padFiles,
        List<URI> webSeeds,
        Optional<String> comment) {

    public CreateTorrent {
        trackerTiers = trackerTiers.stream().map(List::copyOf).toList();
        webSeeds = List.copyOf(webSeeds);
    }

    public static CreateTorrent defaults() {
        return new CreateTorrent(List.of(), Optional.empty(), false, false, List.of(), Optional.empty());
    }

    public CreateTorrent withTrackers(List<URI> oneTier) {
        return new CreateTorrent(oneTier.isEmpty() ? List.of() : List.of(oneTier), pieceLength,
                privateTorrent, padFiles, webSeeds, comment);
    }

    public CreateTorrent withPieceLength(int bytes) {
        return new CreateTorrent(trackerTiers, Optional.of(bytes), privateTorrent, padFiles, webSeeds, comment);
    }

    public CreateTorrent withPrivate(boolean privateTorrent) {
        return new CreateTorrent(trackerTiers, pieceLength, privateTorrent, padFiles, webSeeds, comment);
    }

    public CreateTorrent withPadFiles(boolean padFiles) {
        return new CreateTorrent(trackerTiers, pieceLength, privateTorrent, padFiles, webSeeds, comment);
    }
}
