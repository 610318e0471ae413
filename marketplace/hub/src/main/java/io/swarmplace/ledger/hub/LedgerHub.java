package io.swarmplace.ledger.hub;

import java.util.List;

/** A running hub server: where it listens, who is connected, which keys own which accounts. */
public interface LedgerHub {

    /** What the server is doing now; null while it is configured but not enabled. */
    HubStatus status();

    /** The open connections. */
    List<HubClientInfo> clients();

    /** Every key that opened accounts through the hub, with those accounts. */
    List<KeyAccounts> keys();
}
