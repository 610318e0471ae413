package io.swarmplace.wallet.internal.engine;

import java.time.Duration;

/**
 * How the wallet behaves, independent of the network.
 *
 * @param unlockDuration   how long an unlocked key stays in memory unless told otherwise
 * @param feeLimitSun      most TRX (in sun) a TRC-20 transfer may burn for energy
 * @param pollInterval     how often confirmations and the incoming-transfer watch ask the network
 * @param maxBlocksPerPoll most blocks the watch scans in one go while catching up
 */
public record WalletSettings(Duration unlockDuration, long feeLimitSun, Duration pollInterval, int maxBlocksPerPoll) {}
