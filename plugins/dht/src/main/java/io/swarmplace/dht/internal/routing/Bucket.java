package io.swarmplace.dht.internal.routing;

import java.util.ArrayList;
import java.util.List;

/**
 * One k-bucket: up to k live entries, most recently seen last, and a replacement cache of nodes that
 * answered while the bucket was full, newest last.
 */
final class Bucket {

    final List<RoutingEntry> entries = new ArrayList<>();
    final List<RoutingEntry> replacements = new ArrayList<>();
    long lastChanged;

    Bucket(long now) {
        this.lastChanged = now;
    }
}
