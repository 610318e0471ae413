package io.swarmplace.ledger.internal.engine;

import io.swarmplace.ledger.Account;
import io.swarmplace.ledger.AccountFlag;
import io.swarmplace.ledger.Balance;
import java.math.BigInteger;

/** An account with its running totals as the writer sees them; touched only by the writer thread. */
final class AccountState {

    final Account account;
    BigInteger debitsPending;
    BigInteger debitsPosted;
    BigInteger creditsPending;
    BigInteger creditsPosted;
    /** Created in the batch being applied (inserted, not updated). */
    boolean created;
    /** Changed in the batch being applied. */
    boolean dirty;

    AccountState(Account account, BigInteger debitsPending, BigInteger debitsPosted, BigInteger creditsPending,
            BigInteger creditsPosted) {
        this.account = account;
        this.debitsPending = debitsPending;
        this.debitsPosted = debitsPosted;
        this.creditsPending = creditsPending;
        this.creditsPosted = creditsPosted;
    }

    static AccountState fresh(Account account) {
        return new AccountState(account, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO);
    }

    boolean limits(AccountFlag flag) {
        return account.flags().contains(flag);
    }

    Balance balance() {
        return new Balance(account.id(), account.asset(), debitsPending, debitsPosted, creditsPending, creditsPosted);
    }

    /** The four totals, to restore when a linked chain fails. */
    BigInteger[] snapshot() {
        return new BigInteger[] {debitsPending, debitsPosted, creditsPending, creditsPosted};
    }

    void restore(BigInteger[] totals, boolean wasDirty) {
        debitsPending = totals[0];
        debitsPosted = totals[1];
        creditsPending = totals[2];
        creditsPosted = totals[3];
        dirty = wasDirty;
    }
}
