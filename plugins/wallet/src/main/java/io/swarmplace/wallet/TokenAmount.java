package io.swarmplace.wallet;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An exact amount of a token, as an integer of its base units (sun for TRX and legacy BTT, 10^-18 BTT
 * for BTT). Never floating point: 0.1 BTT is 100000000000000000 units, not an approximation.
 *
 * @param token the token
 * @param units the amount in base units, never negative
 */
public record TokenAmount(Token token, BigInteger units) implements Comparable<TokenAmount> {

    /** TRON's token amounts are 256-bit integers in contracts; nothing we send is larger. */
    private static final BigInteger MAX_UNITS = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
    private static final Pattern DECIMAL = Pattern.compile("\\d+(\\.\\d+)?|\\.\\d+");

    public TokenAmount {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(units, "units");
        if (units.signum() < 0) {
            throw new InvalidAmountException("an amount cannot be negative: " + units + " base units of " + token.symbol());
        }
        if (units.compareTo(MAX_UNITS) > 0) {
            throw new InvalidAmountException("an amount of " + token.symbol() + " cannot exceed 2^256-1 base units");
        }
    }

    public static TokenAmount ofUnits(Token token, BigInteger units) {
        return new TokenAmount(token, units);
    }

    public static TokenAmount ofUnits(Token token, long units) {
        return new TokenAmount(token, BigInteger.valueOf(units));
    }

    /**
     * Parses what a person types, in whole tokens: "12", "0.5", "1,000.25" is refused (no grouping),
     * and so are "-1", "1e3", and more decimals than the token has ("0.0000001" TRX).
     */
    public static TokenAmount parse(String text, Token token) {
        String trimmed = text == null ? "" : text.strip();
        if (!DECIMAL.matcher(trimmed).matches()) {
            throw new InvalidAmountException("'" + text + "' is not an amount of " + token.symbol()
                    + ": write digits with an optional decimal point, e.g. 12 or 0.5");
        }
        BigDecimal value = new BigDecimal(trimmed);
        if (value.stripTrailingZeros().scale() > token.decimals()) {
            throw new InvalidAmountException("'" + text + "' has more than " + token.decimals()
                    + " decimals, the smallest unit of " + token.symbol());
        }
        return new TokenAmount(token, value.movePointRight(token.decimals()).toBigIntegerExact());
    }

    /** Fails unless the amount is above zero: nobody sends nothing. */
    public TokenAmount requirePositive() {
        if (units.signum() == 0) {
            throw new InvalidAmountException("the amount must be more than 0 " + token.symbol());
        }
        return this;
    }

    /** Whole tokens without trailing zeros, e.g. "1.5 BTT", "0 TRX". */
    public String format() {
        BigDecimal whole = new BigDecimal(units, token.decimals()).stripTrailingZeros();
        return (whole.signum() == 0 ? "0" : whole.toPlainString()) + " " + token.symbol();
    }

    public TokenAmount plus(TokenAmount other) {
        requireSameToken(other);
        return new TokenAmount(token, units.add(other.units));
    }

    public TokenAmount minus(TokenAmount other) {
        requireSameToken(other);
        return new TokenAmount(token, units.subtract(other.units));
    }

    @Override
    public int compareTo(TokenAmount other) {
        requireSameToken(other);
        return units.compareTo(other.units);
    }

    private void requireSameToken(TokenAmount other) {
        if (other.token != token) {
            throw new InvalidAmountException("cannot combine " + token.symbol() + " with " + other.token.symbol());
        }
    }

    @Override
    public String toString() {
        return format();
    }
}
