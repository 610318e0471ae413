package io.swarmplace.torrent;

import io.swarmplace.torrent.metainfo.InfoHash;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * A snapshot of one torrent.
 *
 * @param progress fraction of wanted bytes verified, 0 to 1
 * @param wantedBytes bytes to download (padding excluded)
 * @param verifiedBytes bytes verified on disk
 * @param downloadedBytes payload bytes received since added (including wasted)
 * @param uploadedBytes payload bytes sent since added
 * @param wastedBytes bytes discarded (hash failures, duplicates)
 * @param eta empty when stalled or done
 */
public record TorrentStatus(
        InfoHash infoHash,
        String name,
        TorrentState state,
        double progress,
        long wantedBytes,
        long verifiedBytes,
        long downloadedBytes,
        long uploadedBytes,
        long wastedBytes,
        long downloadRate,
        long uploadRate,
        int connectedPeers,
        int connectedSeeds,
        int verifiedPieces,
        int pieceCount,
        Optional<Duration> eta,
        Path saveFolder,
        Optional<String> error) {}
