package io.swarmplace.tracker;

/**
 * What a tracker knows about one torrent's swarm.
 *
 * @param infoHash the info-hash in lower-case hex (40 digits)
 * @param seeders peers that announced nothing left to download
 * @param leechers peers still downloading
 * @param completed downloads reported finished (event=completed) since the swarm was first seen
 */
public record SwarmStats(String infoHash, int seeders, int leechers, long completed) {

    public int peers() {
        return seeders + leechers;
    }
}
