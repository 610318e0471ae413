package io.swarmplace.dht.internal.routing;

/** BEP 5's classification of a node in the routing table. */
public enum NodeStatus {
    /** Answered a query of ours in the last 15 minutes, or has answered once and queried us in the last 15 minutes. */
    GOOD,
    /** Quiet for 15 minutes: still routed to, pinged when its bucket needs room. */
    QUESTIONABLE,
    /** Failed queries in a row (or failed one while questionable): replaced first, never routed to. */
    BAD
}
