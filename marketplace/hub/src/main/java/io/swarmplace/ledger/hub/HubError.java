package io.swarmplace.ledger.hub;

/**
 * Why the hub refused a request. Every refusal moved nothing: the request never reached the ledger, or the
 * ledger answered with its own per-event results.
 */
public enum HubError {
    FRAME_TOO_LARGE("the request is larger than the hub accepts; send fewer events per request"),
    MALFORMED_REQUEST("the request is not a well-formed hub request (see docs/hub-protocol.md)"),
    UNSUPPORTED_VERSION("the request's protocol version is not one this hub speaks; upgrade the node"),
    BAD_SIGNATURE("the signature does not match the key and the request: forged or corrupted"),
    REPLAYED_SEQUENCE("the sequence is not above the last one this key used: a replay or a stale retry"),
    TIMESTAMP_OUT_OF_WINDOW("the request's timestamp is too far from the hub's clock; check the node's clock"),
    RATE_LIMITED("too many requests from this address; slow down and retry"),
    UNKNOWN_OPERATION("the hub has no such operation"),
    INVALID_ARGUMENT("an argument is missing or invalid"),
    NOT_ACCOUNT_OWNER("the key does not own the account: it may only debit and read accounts it opened"),
    OPERATOR_ONLY("only the hub operator's key may do this (accounts other than USER, the whole ledger)"),
    UNKNOWN_ACCOUNT("there is no such account"),
    LEDGER_UNAVAILABLE("the hub's ledger could not be reached; retrying with the same ids is safe"),
    INTERNAL_ERROR("the hub failed unexpectedly; retrying with the same ids is safe");

    private final String description;

    HubError(String description) {
        this.description = description;
    }

    /** What went wrong, in words a user can act on. */
    public String description() {
        return description;
    }
}
