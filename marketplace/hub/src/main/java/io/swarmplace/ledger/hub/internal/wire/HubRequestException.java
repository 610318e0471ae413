package io.swarmplace.ledger.hub.internal.wire;

import com.fasterxml.jackson.databind.JsonNode;
import io.swarmplace.ledger.hub.HubError;

/** A request refused on the server; the pipeline answers it with {@link HubResponse#refused}. */
public final class HubRequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient HubError error;
    private final long sequence;
    private final transient JsonNode result;

    public HubRequestException(HubError error, long sequence, String detail) {
        this(error, sequence, detail, null);
    }

    /** A refusal with machine-readable detail in the response's result (e.g. the last accepted sequence). */
    public HubRequestException(HubError error, long sequence, String detail, JsonNode result) {
        super(detail == null || detail.isBlank() ? error.description() : detail, null, false, false);
        this.error = error;
        this.sequence = sequence;
        this.result = result;
    }

    public HubError error() {
        return error;
    }

    public long sequence() {
        return sequence;
    }

    public HubResponse response() {
        HubResponse refused = HubResponse.refused(sequence, error, getMessage());
        return result == null ? refused : new HubResponse(sequence, refused.status(), refused.message(), result);
    }
}
