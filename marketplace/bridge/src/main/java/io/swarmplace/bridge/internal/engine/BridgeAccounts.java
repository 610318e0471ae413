package io.swarmplace.bridge.internal.engine;

import io.swarmplace.bridge.BridgeException;
import io.swarmplace.ledger.Account;
import io.swarmplace.ledger.AccountFlag;
import io.swarmplace.ledger.AccountRole;
import io.swarmplace.ledger.Asset;
import io.swarmplace.ledger.CreateAccountResult;
import io.swarmplace.ledger.Id128;
import io.swarmplace.ledger.Ledger;
import io.swarmplace.wallet.TronAddress;
import java.util.List;

/**
 * The two ledger accounts the bridge owns, derived from the custody address so that every node of the
 * same custody agrees on them: custody (the chain's mirror) and suspense (deposits nobody claimed yet).
 */
record BridgeAccounts(TronAddress custodyAddress, Id128 custody, Id128 suspense) {

    static BridgeAccounts open(Ledger ledger, TronAddress custodyAddress) throws BridgeException {
        BridgeAccounts accounts = new BridgeAccounts(custodyAddress,
                Id128.derive("custody", custodyAddress.bytes()), Id128.derive("suspense", custodyAddress.bytes()));
        List<Account> wanted = List.of(Account.of(accounts.custody, Asset.BTT, AccountRole.CUSTODY),
                Account.of(accounts.suspense, Asset.BTT, AccountRole.ESCROW, AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS));
        List<CreateAccountResult> results = ledger.createAccounts(wanted);
        for (int i = 0; i < results.size(); i++) {
            if (!results.get(i).applied()) {
                throw new BridgeException("cannot open the bridge's ledger account " + wanted.get(i).id() + ": "
                        + results.get(i).description());
            }
        }
        return accounts;
    }
}
