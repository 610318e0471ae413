package io.swarmplace.tracker.internal;

/** One torrent in a scrape reply (BEP 48 names: complete, downloaded, incomplete). */
record ScrapeEntry(int seeders, long completed, int leechers) {

    static final ScrapeEntry EMPTY = new ScrapeEntry(0, 0, 0);
}
