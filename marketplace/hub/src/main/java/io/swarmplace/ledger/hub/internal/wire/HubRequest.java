package io.swarmplace.ledger.hub.internal.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The signed payload of a request.
 *
 * @param sequence strictly increasing per key; the hub refuses any sequence at or below the last it accepted
 * @param timestamp the client's clock, milliseconds since the epoch; the hub refuses it outside its window
 * @param operation a {@link HubOperation} name
 */
public record HubRequest(long sequence, long timestamp, String operation, JsonNode arguments) {

    /**
     * The payload as {@link WireJson} writes it, around arguments already encoded as a JSON object.
     *
     * @param operation a {@link HubOperation} name (letters and underscores: nothing to escape)
     */
    public static byte[] payload(long sequence, long timestamp, String operation, byte[] encodedArguments) {
        byte[] head = ("{\"sequence\":" + sequence + ",\"timestamp\":" + timestamp + ",\"operation\":\"" + operation
                + "\",\"arguments\":").getBytes(StandardCharsets.US_ASCII);
        byte[] payload = Arrays.copyOf(head, head.length + encodedArguments.length + 1);
        System.arraycopy(encodedArguments, 0, payload, head.length, encodedArguments.length);
        payload[payload.length - 1] = '}';
        return payload;
    }

    public HubRequest {
        arguments = arguments == null ? JsonNodeFactory.instance.objectNode() : arguments;
    }
}
