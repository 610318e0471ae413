package io.swarmplace.ledger.hub.internal.wire;

import java.util.Optional;

/** What a request asks of the ledger; each maps to one {@link io.swarmplace.ledger.Ledger} call. */
public enum HubOperation {
    CREATE_ACCOUNTS,
    LOOKUP_ACCOUNT,
    ACCOUNTS,
    SNAPSHOT,
    BALANCE,
    CREATE_TRANSFERS,
    LOOKUP_TRANSFER,
    PENDING_STATUS,
    HISTORY,
    VERIFY;

    public static Optional<HubOperation> named(String name) {
        for (HubOperation operation : values()) {
            if (operation.name().equals(name)) {
                return Optional.of(operation);
            }
        }
        return Optional.empty();
    }
}
