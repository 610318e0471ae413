package io.swarmplace.ledger;

/** An account and its balances, read at the same moment as every other account of one {@link Ledger#snapshot}. */
public record AccountSnapshot(Account account, Balance balance) {}
