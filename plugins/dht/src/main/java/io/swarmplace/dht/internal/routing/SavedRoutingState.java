package io.swarmplace.dht.internal.routing;

import io.swarmplace.dht.internal.krpc.NodeContact;
import io.swarmplace.dht.internal.krpc.NodeId;
import java.util.List;

/** What a node keeps across restarts: its id and the nodes it knew. */
public record SavedRoutingState(NodeId id, List<NodeContact> nodes) {

    public SavedRoutingState {
        nodes = List.copyOf(nodes);
    }
}
