package io.swarmplace.wallet.internal.engine;

import io.swarmplace.wallet.AccountLockedException;
import io.swarmplace.wallet.Transfer;
import io.swarmplace.wallet.TronAddress;
import io.swarmplace.wallet.WalletException;
import io.swarmplace.wallet.internal.crypto.TronKeys;
import io.swarmplace.wallet.internal.keystore.KeystoreDirectory;
import io.swarmplace.wallet.internal.keystore.ScryptCost;
import io.swarmplace.wallet.internal.store.StoredTransfer;
import io.swarmplace.wallet.internal.store.TransferStore;
import io.swarmplace.wallet.internal.store.WalletState;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * The half of the wallet that needs no network: the keystore, the default account, unlocked keys and the
 * recorded transfers. It uses no Trident, gRPC or protobuf class, so listing, creating and importing
 * accounts (and reading the history) never load them; {@link WalletEngine} adds the chain on top.
 */
public final class OfflineWallet {

    private final KeystoreDirectory keystore;
    private final TransferStore store;
    private final WalletState state;
    private final Duration defaultUnlock;
    private final UnlockedKeys unlocked;
    private final Set<TronAddress> accounts = new CopyOnWriteArraySet<>();

    public OfflineWallet(KeystoreDirectory keystore, TransferStore store, WalletState state, Duration defaultUnlock,
                         Clock clock) throws WalletException {
        this.keystore = keystore;
        this.store = store;
        this.state = state;
        this.defaultUnlock = defaultUnlock;
        this.unlocked = new UnlockedKeys(clock);
        accounts.addAll(keystore.addresses());
    }

    /** The wallet kept in {@code folder}: {@code keystore/}, {@code transfers/} and {@code state.json}. */
    public static OfflineWallet open(Path folder, ScryptCost cost, Duration defaultUnlock, Clock clock) throws WalletException {
        return new OfflineWallet(new KeystoreDirectory(folder.resolve("keystore"), new SecureRandom(), cost),
                new TransferStore(folder.resolve("transfers")), new WalletState(folder.resolve("state.json")), defaultUnlock, clock);
    }

    public List<TronAddress> accounts() throws WalletException {
        return keystore.addresses();
    }

    /** The accounts with a key here, as a live set (the watch matches incoming transfers against it). */
    Set<TronAddress> ownAccounts() {
        return accounts;
    }

    public TronAddress createAccount(char[] passphrase) throws WalletException {
        return added(keystore.create(requirePassphrase(passphrase)));
    }

    public TronAddress importAccount(char[] privateKeyHex, char[] passphrase) throws WalletException {
        return added(keystore.importKey(privateKeyHex, requirePassphrase(passphrase)));
    }

    private static char[] requirePassphrase(char[] passphrase) throws WalletException {
        if (passphrase == null || passphrase.length == 0) {
            throw new WalletException("a passphrase is required: the key is stored encrypted under it");
        }
        return passphrase;
    }

    private TronAddress added(TronAddress account) throws WalletException {
        accounts.add(account);
        if (state.defaultAccount().isEmpty()) {
            state.setDefaultAccount(account.base58());
        }
        return account;
    }

    public TronAddress defaultAccount() throws WalletException {
        if (!state.defaultAccount().isEmpty()) {
            return TronAddress.parse(state.defaultAccount());
        }
        return keystore.addresses().stream().findFirst()
                .orElseThrow(() -> new WalletException("the wallet has no account yet: create one (wallet:create) or import a key"));
    }

    public void setDefaultAccount(TronAddress account) throws WalletException {
        requireOwn(account);
        state.setDefaultAccount(account.base58());
    }

    void requireOwn(TronAddress account) throws WalletException {
        if (!accounts.contains(account)) {
            throw new WalletException("no key for " + account + " in this wallet; 'wallet:list' shows its accounts");
        }
    }

    public void unlock(TronAddress account, char[] passphrase, Duration duration) throws WalletException {
        requireOwn(account);
        byte[] privateKey = keystore.unlock(account, passphrase);
        try {
            unlocked.put(account, privateKey,
                    duration == null || duration.isZero() || duration.isNegative() ? defaultUnlock : duration);
        } finally {
            TronKeys.wipe(privateKey);
        }
    }

    /** A copy of the unlocked private key of {@code account}, which the caller wipes after signing. */
    byte[] unlockedKey(TronAddress account) throws AccountLockedException {
        return unlocked.require(account);
    }

    public void lock(TronAddress account) {
        unlocked.lock(account);
    }

    /** Forgets every unlocked key. */
    public void lockAll() {
        unlocked.clear();
    }

    void forgetExpiredKeys() {
        unlocked.forgetExpired();
    }

    public List<Transfer> history(TronAddress account) {
        return store.all().stream().map(StoredTransfer::transfer)
                .filter(t -> t.from().equals(account) || t.to().equals(account))
                .sorted(Comparator.comparing(Transfer::time).reversed())
                .toList();
    }

    TransferStore store() {
        return store;
    }

    WalletState state() {
        return state;
    }
}
