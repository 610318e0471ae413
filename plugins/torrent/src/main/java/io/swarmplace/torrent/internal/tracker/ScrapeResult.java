package io.swarmplace.torrent.internal.tracker;

/**
 * A tracker's counts for one swarm (BEP 48, BEP 15).
 *
 * @param complete peers with the whole torrent (seeders)
 * @param downloaded how many times the tracker saw a "completed" event
 * @param incomplete peers still downloading (leechers)
 */
public record ScrapeResult(long complete, long downloaded, long incomplete) {

    public ScrapeResult {
        if (complete < 0 || downloaded < 0 || incomplete < 0) {
            throw new IllegalArgumentException("scrape counts cannot be negative: complete " + complete
                    + ", downloaded " + downloaded + ", incomplete " + incomplete);
        }
    }
}
