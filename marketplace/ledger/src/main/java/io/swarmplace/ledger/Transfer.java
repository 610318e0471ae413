package io.swarmplace.ledger;

import java.math.BigInteger;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable movement of {@code amount} base units from the debit account to the credit account.
 * Corrections are new transfers, never updates.
 *
 * <p>For {@link TransferFlag#POST_PENDING} and {@link TransferFlag#VOID_PENDING} the accounts and the
 * asset may be left {@link Id128#ZERO} and null: they are taken from the pending transfer (if given they
 * must match). A post with amount 0 posts the full pending amount; a smaller amount posts part of it and
 * releases the rest.
 *
 * @param pendingId the pending transfer a post or void resolves; {@link Id128#ZERO} otherwise
 * @param timeoutSeconds for a pending transfer: seconds until it expires and its amount is released
 *     (0: never)
 * @param code what kind of transfer this is (deposit, purchase, fee...), chosen by the caller
 * @param timestamp when the ledger applied it (nanoseconds since the epoch, unique); 0 in a request
 * @throws InvalidAmountException if the amount is negative or wider than 128 bits
 */
public record Transfer(Id128 id, Id128 debitAccountId, Id128 creditAccountId, BigInteger amount, Id128 pendingId,
        Asset asset, long timeoutSeconds, Set<TransferFlag> flags, int code, long timestamp) {

    public Transfer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(debitAccountId, "debitAccountId (use Id128.ZERO to take it from the pending transfer)");
        Objects.requireNonNull(creditAccountId, "creditAccountId (use Id128.ZERO to take it from the pending transfer)");
        Objects.requireNonNull(pendingId, "pendingId (use Id128.ZERO for none)");
        Amounts.check("amount", amount);
        if (timeoutSeconds < 0) {
            throw new IllegalArgumentException("timeoutSeconds must not be negative: " + timeoutSeconds);
        }
        flags = flags.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(flags));
    }

    /** A single-phase transfer: posted at once. */
    public static Transfer of(Id128 id, Id128 debit, Id128 credit, Asset asset, BigInteger amount, int code) {
        return new Transfer(id, debit, credit, amount, Id128.ZERO, asset, 0, Set.of(), code, 0);
    }

    /** A pending transfer that reserves {@code amount}, released after {@code timeoutSeconds} unless posted (0: never). */
    public static Transfer pending(Id128 id, Id128 debit, Id128 credit, Asset asset, BigInteger amount,
            long timeoutSeconds, int code) {
        return new Transfer(id, debit, credit, amount, Id128.ZERO, asset, timeoutSeconds,
                Set.of(TransferFlag.PENDING), code, 0);
    }

    /** Posts {@code amount} of the pending transfer {@code pendingId} (0: all of it); the rest is released. */
    public static Transfer post(Id128 id, Id128 pendingId, BigInteger amount) {
        return new Transfer(id, Id128.ZERO, Id128.ZERO, amount, pendingId, null, 0,
                Set.of(TransferFlag.POST_PENDING), 0, 0);
    }

    /** Releases the pending transfer {@code pendingId}. */
    public static Transfer voidPending(Id128 id, Id128 pendingId) {
        return new Transfer(id, Id128.ZERO, Id128.ZERO, BigInteger.ZERO, pendingId, null, 0,
                Set.of(TransferFlag.VOID_PENDING), 0, 0);
    }

    /** This transfer, linked to the next one in its batch. */
    public Transfer linked() {
        EnumSet<TransferFlag> withLink = flags.isEmpty() ? EnumSet.noneOf(TransferFlag.class) : EnumSet.copyOf(flags);
        withLink.add(TransferFlag.LINKED);
        return new Transfer(id, debitAccountId, creditAccountId, amount, pendingId, asset, timeoutSeconds, withLink,
                code, timestamp);
    }

    public boolean has(TransferFlag flag) {
        return flags.contains(flag);
    }

    /** True if the fields a client chooses are the same (the timestamp is the ledger's). */
    public boolean sameFieldsAs(Transfer other) {
        return id.equals(other.id) && debitAccountId.equals(other.debitAccountId)
                && creditAccountId.equals(other.creditAccountId) && amount.equals(other.amount)
                && pendingId.equals(other.pendingId) && asset == other.asset && timeoutSeconds == other.timeoutSeconds
                && flags.equals(other.flags) && code == other.code;
    }
}
