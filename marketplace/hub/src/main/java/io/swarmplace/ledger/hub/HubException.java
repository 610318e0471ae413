package io.swarmplace.ledger.hub;

import io.swarmplace.ledger.LedgerException;

/** The hub refused a request; {@link #error()} says why. Nothing moved. */
public class HubException extends LedgerException {

    private static final long serialVersionUID = 1L;

    private final HubError error;

    public HubException(HubError error, String detail) {
        super(error + ": " + (detail == null || detail.isBlank() ? error.description() : detail));
        this.error = error;
    }

    public HubError error() {
        return error;
    }
}
