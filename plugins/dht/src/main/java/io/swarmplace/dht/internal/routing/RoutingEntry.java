package io.swarmplace.dht.internal.routing;

import io.swarmplace.dht.internal.krpc.NodeContact;

/**
 * A node in the routing table and what we know of its liveness. Times are {@link System#nanoTime()}
 * style readings of the table's clock. Only nodes that have answered a query get an entry.
 */
public final class RoutingEntry {

    private final NodeContact contact;
    private long lastResponse;
    private long lastQuery;
    private boolean queriedUs;
    private int failures;

    RoutingEntry(NodeContact contact, long now) {
        this.contact = contact;
        this.lastResponse = now;
    }

    public NodeContact contact() {
        return contact;
    }

    public int failures() {
        return failures;
    }

    /** When it was last heard from, by a response or a query. */
    public long lastSeen() {
        return queriedUs && lastQuery - lastResponse > 0 ? lastQuery : lastResponse;
    }

    void responded(long now) {
        lastResponse = now;
        failures = 0;
    }

    void queriedUs(long now) {
        lastQuery = now;
        queriedUs = true;
    }

    void failed() {
        failures++;
    }

    NodeStatus status(long now, long questionableAfterNanos, int maxFailures) {
        boolean recent = now - lastResponse < questionableAfterNanos || queriedUs && now - lastQuery < questionableAfterNanos;
        if (failures >= maxFailures || failures > 0 && !recent) {
            return NodeStatus.BAD;
        }
        return recent ? NodeStatus.GOOD : NodeStatus.QUESTIONABLE;
    }

    @Override
    public String toString() {
        return contact + (failures > 0 ? " (" + failures + " failures)" : "");
    }
}
