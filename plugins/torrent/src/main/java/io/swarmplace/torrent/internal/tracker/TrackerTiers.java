package io.swarmplace.torrent.internal.tracker;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The order in which a torrent's trackers are tried (BEP 12): the tiers of its announce-list, each
 * shuffled once when the torrent is loaded; trackers are tried tier by tier, each tier in its order, and
 * a tracker that answers moves to the front of its tier. A URL listed twice is kept where it first
 * appears; empty tiers are dropped. Not thread-safe: its owner serializes access.
 */
public final class TrackerTiers {

    private final List<List<URI>> tiers = new ArrayList<>();

    public TrackerTiers(List<List<URI>> announceList, Random random) {
        Set<URI> seen = new HashSet<>();
        for (List<URI> tier : announceList) {
            List<URI> kept = new ArrayList<>();
            for (URI tracker : tier) {
                if (seen.add(tracker)) {
                    kept.add(tracker);
                }
            }
            if (!kept.isEmpty()) {
                Collections.shuffle(kept, random);
                tiers.add(kept);
            }
        }
    }

    /** The tiers in their current order (copies). */
    public List<List<URI>> tiers() {
        return tiers.stream().map(List::copyOf).toList();
    }

    /** Every tracker in the order an announce tries them: tier 1 first, each tier in its current order. */
    public List<URI> tryOrder() {
        return tiers.stream().flatMap(List::stream).toList();
    }

    /** The tier (0-based) of {@code tracker}, or -1 if it is not listed. */
    public int tierOf(URI tracker) {
        for (int i = 0; i < tiers.size(); i++) {
            if (tiers.get(i).contains(tracker)) {
                return i;
            }
        }
        return -1;
    }

    /** Moves a tracker that answered to the front of its tier; the other tiers keep their order. */
    public void promote(URI tracker) {
        int tier = tierOf(tracker);
        if (tier >= 0) {
            List<URI> trackers = tiers.get(tier);
            trackers.remove(tracker);
            trackers.add(0, tracker);
        }
    }

    public boolean isEmpty() {
        return tiers.isEmpty();
    }
}
