package io.swarmplace.dht.internal.routing;

import io.swarmplace.dht.internal.krpc.NodeContact;
import java.util.List;

/**
 * What {@link RoutingTable#responded} did with a node.
 *
 * @param pingToMakeRoom questionable nodes of the full bucket; if they fail to answer a ping they turn
 *     bad and the cached node takes their place
 */
public record InsertOutcome(Kind kind, List<NodeContact> pingToMakeRoom) {

    public enum Kind {
        /** Now in the table. */
        ADDED,
        /** Was already there; its liveness was renewed. */
        UPDATED,
        /** Its bucket is full: kept in the replacement cache. */
        CACHED,
        /** Our own id, or an id already in the table at another address. */
        IGNORED
    }

    public InsertOutcome {
        pingToMakeRoom = List.copyOf(pingToMakeRoom);
    }

    static InsertOutcome of(Kind kind) {
        return new InsertOutcome(kind, List.of());
    }
}
