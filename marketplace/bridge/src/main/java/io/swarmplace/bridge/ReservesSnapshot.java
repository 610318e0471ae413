package io.swarmplace.bridge;

import java.math.BigInteger;
import java.time.Instant;

/**
 * A published proof-of-reserves root.
 *
 * @param root the Merkle root (64 hex digits), see {@link ReserveProofs}
 * @param leaves how many balances it covers
 * @param total the sum of those balances in base units: the liabilities the chain holdings back
 * @param file where it was published, empty if it was not written
 */
public record ReservesSnapshot(String root, int leaves, BigInteger total, Instant time, String file) {
}
