package io.swarmplace.ledger.hub;

import io.swarmplace.ledger.Id128;
import java.util.List;

/** A client key (hex of its 32-byte ed25519 public key) and the accounts it opened through the hub. */
public record KeyAccounts(String key, long lastSequence, List<Id128> accounts) {

    public KeyAccounts {
        accounts = List.copyOf(accounts);
    }
}
