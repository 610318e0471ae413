package io.swarmplace.ledger;

import java.math.BigInteger;

/** Amounts are exact unsigned 128-bit integers in an asset's base units, as in TigerBeetle. */
public final class Amounts {

    /** 2^128 - 1, the largest amount and the largest balance. */
    public static final BigInteger MAX = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

    private Amounts() {}

    /**
     * Returns {@code amount} if it is within 0..2^128-1.
     *
     * @throws InvalidAmountException if it is null, negative or wider than 128 bits
     */
    public static BigInteger check(String what, BigInteger amount) {
        if (amount == null) {
            throw new InvalidAmountException(what + " is missing");
        }
        if (amount.signum() < 0) {
            throw new InvalidAmountException(what + " must not be negative: " + amount);
        }
        if (amount.compareTo(MAX) > 0) {
            throw new InvalidAmountException(what + " exceeds 2^128-1: " + amount);
        }
        return amount;
    }

    /** Parses a decimal amount in base units, with the same limits as {@link #check}. */
    public static BigInteger parse(String what, String decimal) {
        try {
            return check(what, new BigInteger(decimal.strip()));
        } catch (NumberFormatException e) {
            throw new InvalidAmountException(what + " is not a whole number of base units: '" + decimal + "'");
        }
    }
}
