package io.swarmplace.wallet.internal.engine;

import io.swarmplace.wallet.AccountLockedException;
import io.swarmplace.wallet.TronAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.tron.trident.core.key.KeyPair;

/**
 * Keys decrypted by a passphrase, held in memory only, each until its time runs out or it is locked.
 * Trident signs with its own KeyPair type, so that is what is kept; it never leaves this bundle.
 */
final class UnlockedKeys {

    private record Unlocked(KeyPair key, Instant until) {}

    private final Clock clock;
    private final Map<TronAddress, Unlocked> keys = new HashMap<>();

    UnlockedKeys(Clock clock) {
        this.clock = clock;
    }

    synchronized void put(TronAddress account, KeyPair key, Duration duration) {
        keys.put(account, new Unlocked(key, clock.instant().plus(duration)));
    }

    synchronized KeyPair require(TronAddress account) throws AccountLockedException {
        Unlocked unlocked = keys.get(account);
        if (unlocked == null || !clock.instant().isBefore(unlocked.until())) {
            keys.remove(account);
            throw new AccountLockedException("account " + account + " is locked: unlock it with its passphrase first"
                    + " (wallet:unlock, or --passphrase-file / $SWARMPLACE_WALLET_PASSPHRASE with the CLI)");
        }
        return unlocked.key();
    }

    synchronized void lock(TronAddress account) {
        keys.remove(account);
    }

    /** Drops keys whose time is up, so that they do not linger until the next use. */
    synchronized void forgetExpired() {
        Instant now = clock.instant();
        keys.values().removeIf(unlocked -> !now.isBefore(unlocked.until()));
    }

    synchronized void clear() {
        keys.clear();
    }
}
