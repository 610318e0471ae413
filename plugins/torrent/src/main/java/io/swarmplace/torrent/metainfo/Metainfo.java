package io.swarmplace.torrent.metainfo;

import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A whole metainfo (.torrent) file.
 *
 * @param infoHash SHA-1 over {@code infoBytes}
 * @param info the parsed info dictionary
 * @param infoBytes the info dictionary exactly as it appeared in the file (what BEP 9 serves)
 * @param announceTiers BEP 12 tiers of tracker URLs; a lone "announce" is one tier of one URL
 * @param webSeeds BEP 19 "url-list" entries
 */
public record Metainfo(
        InfoHash infoHash,
        TorrentInfo info,
        byte[] infoBytes,
        List<List<URI>> announceTiers,
        List<URI> webSeeds,
        Optional<String> comment,
        Optional<String> createdBy,
        Optional<Instant> creationDate) {

    public Metainfo {
        infoBytes = infoBytes.clone();
        announceTiers = announceTiers.stream().map(List::copyOf).toList();
        webSeeds = List.copyOf(webSeeds);
    }

    @Override
    public byte[] infoBytes() {
        return infoBytes.clone();
    }

    /** Every tracker URL once, in tier order. */
    public List<URI> trackers() {
        return announceTiers.stream().flatMap(List::stream).distinct().toList();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Metainfo that
                && infoHash.equals(that.infoHash)
                && Arrays.equals(infoBytes, that.infoBytes)
                && announceTiers.equals(that.announceTiers)
                && webSeeds.equals(that.webSeeds)
                && comment.equals(that.comment)
                && createdBy.equals(that.createdBy)
                && creationDate.equals(that.creationDate);
    }

    @Override
    public int hashCode() {
        return infoHash.hashCode();
    }

    @Override
    public String toString() {
        return "Metainfo[" + infoHash + ", " + info + "]";
    }
}
