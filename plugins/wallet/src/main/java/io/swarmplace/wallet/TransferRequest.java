package io.swarmplace.wallet;

import java.util.Objects;
import java.util.UUID;

/**
 * A transfer to make.
 *
 * @param from      the sending account (one of this wallet's, unlocked)
 * @param to        the receiving address
 * @param amount    what to send, more than zero
 * @param reference the caller's id for this transfer: sending a reference again never sends twice
 */
public record TransferRequest(TronAddress from, TronAddress to, TokenAmount amount, String reference) {

    public TransferRequest {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(amount, "amount").requirePositive();
        Objects.requireNonNull(reference, "reference");
        if (reference.isBlank() || reference.length() > 128) {
            throw new IllegalArgumentException("a transfer reference is 1 to 128 characters");
        }
        if (from.equals(to)) {
            throw new IllegalArgumentException("cannot send from " + from + " to itself");
        }
    }

    /** A request with a new random reference: for a person sending once, not for a retrying program. */
    public static TransferRequest of(TronAddress from, TronAddress to, TokenAmount amount) {
        return new TransferRequest(from, to, amount, UUID.randomUUID().toString());
    }
}
