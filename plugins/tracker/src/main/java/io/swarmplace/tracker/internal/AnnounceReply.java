package io.swarmplace.tracker.internal;

import java.util.List;

/** What an announce is answered with, before it is encoded for HTTP or UDP. */
record AnnounceReply(int interval, int minInterval, int seeders, int leechers, List<PeerView> peers) {}
