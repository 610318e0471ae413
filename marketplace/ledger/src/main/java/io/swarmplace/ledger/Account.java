package io.swarmplace.ledger;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * An account on the ledger of one asset. Accounts are never deleted and never change, except for their
 * balances (see {@link Balance}).
 *
 * @param timestamp when the ledger created it (nanoseconds since the epoch, unique); 0 in a request
 */
public record Account(Id128 id, Asset asset, AccountRole role, Set<AccountFlag> flags, long timestamp) {

    public Account {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(asset, "asset");
        Objects.requireNonNull(role, "role");
        flags = flags.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(flags));
    }

    /** A user account: it can never go negative. */
    public static Account user(Id128 id, Asset asset) {
        return new Account(id, asset, AccountRole.USER, Set.of(AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS), 0);
    }

    /** An account of any role, with the given limits. */
    public static Account of(Id128 id, Asset asset, AccountRole role, AccountFlag... flags) {
        return new Account(id, asset, role, flags.length == 0 ? Set.of() : EnumSet.of(flags[0], flags), 0);
    }

    /** True if the fields a client chooses are the same (the timestamp is the ledger's). */
    public boolean sameFieldsAs(Account other) {
        return id.equals(other.id) && asset == other.asset && role == other.role && flags.equals(other.flags);
    }
}
