package io.swarmplace.ledger.hub.internal.wire;

import com.fasterxml.jackson.databind.JsonNode;
import io.swarmplace.ledger.hub.HubError;

/**
 * The answer to the request with {@code sequence} (0 if the hub could not read one).
 *
 * @param status "OK" or a {@link HubError} name
 */
public record HubResponse(long sequence, String status, String message, JsonNode result) {

    public static final String OK = "OK";

    public static HubResponse ok(long sequence, JsonNode result) {
        return new HubResponse(sequence, OK, "", result);
    }

    public static HubResponse refused(long sequence, HubError error, String detail) {
        return new HubResponse(sequence, error.name(), detail == null || detail.isBlank() ? error.description() : detail, null);
    }

    public boolean ok() {
        return OK.equals(status);
    }
}
