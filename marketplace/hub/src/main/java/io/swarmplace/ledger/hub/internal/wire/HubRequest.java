package io.swarmplace.ledger.hub.internal.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * The signed payload of a request.
 *
 * @param sequence strictly increasing per key; the hub refuses any sequence at or below the last it accepted
 * @param timestamp the client's clock, milliseconds since the epoch; the hub refuses it outside its window
 * @param operation a {@link HubOperation} name
 */
public record HubRequest(long sequence, long timestamp, String operation, JsonNode arguments) {

    public HubRequest {
        arguments = arguments == null ? JsonNodeFactory.instance.objectNode() : arguments;
    }
}
