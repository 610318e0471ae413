package io.swarmplace.ledger.hub.internal.store;

import io.swarmplace.ledger.Id128;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which key owns which account: bound once, when a key opens the account through the hub, and never
 * changed. Persisted in the hub's own {@code accounts.log}.
 */
public final class OwnershipStore implements AutoCloseable {

    private static final int KEY_BYTES = 32;
    private static final int RECORD_BYTES = 2 * Long.BYTES + KEY_BYTES;

    private final Map<Id128, KeyBytes> owners = new ConcurrentHashMap<>();
    private final AppendLog log;

    private OwnershipStore(Path file) {
        this.log = AppendLog.open(file, RECORD_BYTES, record -> {
            Id128 account = new Id128(record.getLong(), record.getLong());
            byte[] key = new byte[KEY_BYTES];
            record.get(key);
            owners.putIfAbsent(account, new KeyBytes(key));
        });
    }

    public static OwnershipStore open(Path file) {
        return new OwnershipStore(file);
    }

    /**
     * Binds the account to the key unless it is bound already.
     *
     * @return true if the key owns the account now (bound by this call or earlier), false if another key does
     */
    public synchronized boolean bind(Id128 account, byte[] publicKey) {
        KeyBytes key = new KeyBytes(publicKey);
        KeyBytes owner = owners.get(account);
        if (owner != null) {
            return owner.equals(key);
        }
        log.append(ByteBuffer.allocate(RECORD_BYTES).putLong(account.high()).putLong(account.low()).put(key.bytes()).flip());
        owners.put(account, key);
        return true;
    }

    public boolean owns(byte[] publicKey, Id128 account) {
        KeyBytes owner = owners.get(account);
        return owner != null && owner.equals(new KeyBytes(publicKey));
    }

    public boolean bound(Id128 account) {
        return owners.containsKey(account);
    }

    /** The accounts of every key, keyed by the key's hex. */
    public Map<String, List<Id128>> accountsByKey() {
        Map<String, List<Id128>> byKey = new TreeMap<>();
        owners.forEach((account, key) -> byKey.computeIfAbsent(key.toString(), k -> new ArrayList<>()).add(account));
        byKey.values().forEach(accounts -> accounts.sort(null));
        return byKey;
    }

    public List<Id128> accountsOf(byte[] publicKey) {
        return Optional.ofNullable(accountsByKey().get(new KeyBytes(publicKey).toString())).orElse(List.of());
    }

    @Override
    public void close() {
        log.close();
    }
}
