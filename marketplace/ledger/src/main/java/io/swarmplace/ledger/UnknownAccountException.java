package io.swarmplace.ledger;

/** No account has the given id on this ledger. */
public class UnknownAccountException extends LedgerException {

    private static final long serialVersionUID = 1L;

    public UnknownAccountException(Id128 id) {
        super("no account " + id + " on this ledger (list them with ledger:accounts)");
    }
}
