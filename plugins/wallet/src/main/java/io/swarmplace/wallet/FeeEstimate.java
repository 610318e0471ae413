package io.swarmplace.wallet;

/**
 * What a transfer costs at most, in TRX. TRON burns TRX for the bandwidth a transaction takes beyond
 * the account's free daily points, and for the energy a contract call (TRC-20) uses. A TRX or TRC-10
 * transfer to an address that is no TRON account yet creates the account: that burns a fixed fee (1 TRX
 * on TRON), and a second one (0.1 TRX) instead of the bandwidth unless staked bandwidth covers it; the
 * free daily points never pay for creating an account.
 *
 * @param bandwidth      bytes of bandwidth the signed transaction takes
 * @param energy         energy units the contract call uses (0 for TRX and TRC-10)
 * @param maxFee         TRX burned if no free bandwidth or staked energy covers it, account creation included
 * @param createsAccount whether the transfer creates the recipient's account (since 1.3)
 */
public record FeeEstimate(long bandwidth, long energy, TokenAmount maxFee, boolean createsAccount) {

    /** An estimate for a transfer that creates no account (the 1.2 form). */
    public FeeEstimate(long bandwidth, long energy, TokenAmount maxFee) {
        this(bandwidth, energy, maxFee, false);
    }
}
