package io.swarmplace.ledger.hub.internal.wire;

import io.swarmplace.ledger.hub.HubError;

/** A request refused on the server; the pipeline answers it with {@link HubResponse#refused}. */
public final class HubRequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient HubError error;
    private final long sequence;

    public HubRequestException(HubError error, long sequence, String detail) {
        super(detail == null || detail.isBlank() ? error.description() : detail, null, false, false);
        this.error = error;
        this.sequence = sequence;
    }

    public HubError error() {
        return error;
    }

    public long sequence() {
        return sequence;
    }

    public HubResponse response() {
        return HubResponse.refused(sequence, error, getMessage());
    }
}
