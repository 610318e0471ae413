package io.swarmplace.wallet.internal.engine;

import io.swarmplace.wallet.AccountLockedException;
import io.swarmplace.wallet.TronAddress;
import io.swarmplace.wallet.internal.crypto.TronKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Keys decrypted by a passphrase, held in memory only, each until its time runs out or it is locked. Raw
 * private keys rather than Trident's KeyPair: unlocking needs no chain library, and a key dropped here is
 * wiped, not left to the collector.
 */
final class UnlockedKeys {

    private record Unlocked(byte[] privateKey, Instant until) {}

    private final Clock clock;
    private final Map<TronAddress, Unlocked> keys = new HashMap<>();

    UnlockedKeys(Clock clock) {
        this.clock = clock;
    }

    /** Keeps a copy of {@code privateKey}; the caller wipes its own. */
    synchronized void put(TronAddress account, byte[] privateKey, Duration duration) {
        forget(keys.put(account, new Unlocked(privateKey.clone(), clock.instant().plus(duration))));
    }

    /** A copy of the account's private key, for the caller to wipe after use. */
    synchronized byte[] require(TronAddress account) throws AccountLockedException {
        Unlocked unlocked = keys.get(account);
        if (unlocked == null || !clock.instant().isBefore(unlocked.until())) {
            forget(keys.remove(account));
            throw new AccountLockedException("account " + account + " is locked: unlock it with its passphrase first"
                    + " (wallet:unlock, or --passphrase-file / $SWARMPLACE_WALLET_PASSPHRASE with the CLI)");
        }
        return unlocked.privateKey().clone();
    }

    synchronized void lock(TronAddress account) {
        forget(keys.remove(account));
    }

    /** Drops keys whose time is up, so that they do not linger until the next use. */
    synchronized void forgetExpired() {
        Instant now = clock.instant();
        keys.values().removeIf(unlocked -> {
            boolean expired = !now.isBefore(unlocked.until());
            if (expired) {
                forget(unlocked);
            }
            return expired;
        });
    }

    synchronized void clear() {
        keys.values().forEach(UnlockedKeys::forget);
        keys.clear();
    }

    private static void forget(Unlocked unlocked) {
        if (unlocked != null) {
            TronKeys.wipe(unlocked.privateKey());
        }
    }
}
