package io.swarmplace.tron.devnet.internal;

import java.time.Duration;
import org.tron.trident.proto.Chain;

/**
 * TRON's resource prices as the devnet charges them (the chain parameters it reports say the same). Nobody
 * stakes on the devnet, so energy is always paid by burning TRX, and bandwidth is free only within an
 * account's daily free allowance.
 */
final class Fees {

    /** Free bandwidth bytes an account may use per day (getFreeNetLimit). */
    static final long FREE_BANDWIDTH_PER_DAY = 600;
    /** Sun burnt per bandwidth byte beyond the free allowance (getTransactionFee). */
    static final long SUN_PER_BANDWIDTH_BYTE = 1_000;
    /** Sun burnt per energy unit (getEnergyFee). */
    static final long SUN_PER_ENERGY = 420;
    /** Sun burnt by a TRX or TRC-10 transfer that creates its recipient's account (getCreateNewAccountFeeInSystemContract). */
    static final long NEW_ACCOUNT_SUN = 1_000_000;
    /**
     * Sun burnt instead of the bandwidth of a transfer that creates an account, when staked bandwidth does not
     * cover it (getCreateAccountFee): the free daily allowance never pays for creating an account.
     */
    static final long NEW_ACCOUNT_BANDWIDTH_SUN = 100_000;
    /** Used free bandwidth recovers linearly over this window, as on TRON. */
    static final Duration RECOVERY = Duration.ofHours(24);

    private Fees() {}

    /** TRON's bandwidth of a transaction: its bytes without the result field, plus 64 for the result. */
    static long bandwidthOf(Chain.Transaction tx) {
        return tx.toBuilder().clearRet().build().getSerializedSize() + 64L;
    }

    /** What is left of {@code used} bytes of free bandwidth {@code elapsedMillis} after they were counted. */
    static long recovered(long used, long elapsedMillis) {
        long window = RECOVERY.toMillis();
        if (elapsedMillis >= window) {
            return 0;
        }
        return used - used * Math.max(0, elapsedMillis) / window;
    }
}
