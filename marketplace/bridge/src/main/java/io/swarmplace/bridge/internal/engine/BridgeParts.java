package io.swarmplace.bridge.internal.engine;

import io.swarmplace.bridge.internal.store.BridgeStore;
import io.swarmplace.ledger.Ledger;
import io.swarmplace.wallet.TronAddress;
import io.swarmplace.wallet.Wallet;
import io.swarmplace.wallet.WalletException;
import java.time.Duration;

/** What deposits and withdrawals both work with. */
record BridgeParts(Ledger ledger, Wallet wallet, BridgeStore store, BridgeAccounts accounts, char[] passphrase, Faults faults) {

    /** Long enough for one send; the wallet forgets the key soon after. */
    private static final Duration UNLOCK_FOR = Duration.ofMinutes(1);

    /** Unlocks one of the bridge's own wallet accounts (custody or a deposit address) to send from it. */
    void unlock(TronAddress address) throws WalletException {
        wallet.unlock(address, passphrase, UNLOCK_FOR);
    }
}
