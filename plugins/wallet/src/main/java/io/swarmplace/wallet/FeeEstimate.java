package io.swarmplace.wallet;

/**
 * What a transfer costs at most, in TRX. TRON burns TRX for the bandwidth a transaction takes beyond
 * the account's free daily points, and for the energy a contract call (TRC-20) uses.
 *
 * @param bandwidth bytes of bandwidth the signed transaction takes
 * @param energy    energy units the contract call uses (0 for TRX and TRC-10)
 * @param maxFee    TRX burned if no free bandwidth or staked energy covers it
 */
public record FeeEstimate(long bandwidth, long energy, TokenAmount maxFee) {}
