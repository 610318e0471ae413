package io.swarmplace.wallet.internal.engine;

import io.swarmplace.wallet.Balances;
import io.swarmplace.wallet.ConfirmationTimeoutException;
import io.swarmplace.wallet.FeeEstimate;
import io.swarmplace.wallet.InsufficientBalanceException;
import io.swarmplace.wallet.InsufficientFeeException;
import io.swarmplace.wallet.NetworkUnavailableException;
import io.swarmplace.wallet.Token;
import io.swarmplace.wallet.TokenAmount;
import io.swarmplace.wallet.Transfer;
import io.swarmplace.wallet.TransferRejectedException;
import io.swarmplace.wallet.TransferRequest;
import io.swarmplace.wallet.TransferStatus;
import io.swarmplace.wallet.TronAddress;
import io.swarmplace.wallet.Wallet;
import io.swarmplace.wallet.WalletException;
import io.swarmplace.wallet.internal.crypto.TronKeys;
import io.swarmplace.wallet.internal.store.StoredTransfer;
import io.swarmplace.wallet.internal.store.TransferStore;
import io.swarmplace.wallet.internal.store.WalletState;
import io.swarmplace.wallet.internal.tron.SeenTransfer;
import io.swarmplace.wallet.internal.tron.TronClient;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.logging.Logger;
import com.google.protobuf.InvalidProtocolBufferException;
import org.tron.trident.core.key.KeyPair;
import org.tron.trident.proto.Chain;
import org.tron.trident.proto.Response;

/**
 * The wallet itself, without OSGi: the {@link OfflineWallet} (keys, transfers) and the network client.
 * A transfer is signed, stored, then broadcast, in that order, so a crash or an unreachable network at
 * any point leaves either nothing or a stored signed transaction that a retry broadcasts again.
 */
public final class WalletEngine implements Wallet {

    /** TRON's signature (65 bytes) and its protobuf framing, added to an unsigned transaction's size. */
    private static final long SIGNATURE_BANDWIDTH = 67;
    private static final int MAX_BUILD_ATTEMPTS = 3;
    /** Beyond a transaction's expiration: time for the blocks produced up to it to reach every node. */
    private static final Duration EXPIRY_MARGIN = Duration.ofMinutes(1);
    /** How often a pending transaction that no block holds yet is broadcast again. */
    private static final Duration REBROADCAST_EVERY = Duration.ofSeconds(10);
    private static final Logger LOG = Logger.getLogger(WalletEngine.class.getName());

    private final OfflineWallet offline;
    private final TronClient client;
    private final TransferStore store;
    private final WalletState state;
    private final WalletSettings settings;
    private final Clock clock;
    /** The check for an existing reference and the store of a new transfer must not interleave. */
    private final Object sending = new Object();
    /** When this process last broadcast each transaction still pending (System.nanoTime). */
    private final Map<String, Long> lastBroadcast = new ConcurrentHashMap<>();

    public WalletEngine(OfflineWallet offline, TronClient client, WalletSettings settings, Clock clock) {
        this.offline = offline;
        this.client = client;
        this.store = offline.store();
        this.state = offline.state();
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public String network() {
        return client.endpoints().toString();
    }

    @Override
    public List<TronAddress> accounts() throws WalletException {
        return offline.accounts();
    }

    @Override
    public TronAddress createAccount(char[] passphrase) throws WalletException {
        return offline.createAccount(passphrase);
    }

    @Override
    public TronAddress importAccount(char[] privateKeyHex, char[] passphrase) throws WalletException {
        return offline.importAccount(privateKeyHex, passphrase);
    }

    @Override
    public TronAddress defaultAccount() throws WalletException {
        return offline.defaultAccount();
    }

    @Override
    public void setDefaultAccount(TronAddress account) throws WalletException {
        offline.setDefaultAccount(account);
    }

    @Override
    public void unlock(TronAddress account, char[] passphrase, Duration duration) throws WalletException {
        offline.unlock(account, passphrase, duration);
    }

    @Override
    public void lock(TronAddress account) {
        offline.lock(account);
    }

    @Override
    public Balances balances(TronAddress account) throws WalletException {
        return client.balances(account);
    }

    @Override
    public FeeEstimate estimateFee(TransferRequest request) throws WalletException {
        Chain.Transaction unsigned = client.buildTransfer(request.from(), request.to(), request.amount(), settings.feeLimitSun());
        long bandwidth = client.bandwidthOf(unsigned) + SIGNATURE_BANDWIDTH;
        long energy = request.amount().token() == Token.BTT
                ? client.estimateEnergy(request.from(), request.to(), request.amount().units()) : 0;
        TronClient.FeePrices prices = client.feePrices();
        boolean createsAccount = createsAccount(request);
        long bandwidthSun = createsAccount ? prices.newAccountSun() + prices.newAccountBandwidthSun() : bandwidth * prices.sunPerByte();
        return new FeeEstimate(bandwidth, energy, trx(bandwidthSun + energy * prices.sunPerEnergy()), createsAccount);
    }

    /** A TRX or TRC-10 transfer to an address that is no account yet creates it (a TRC-20 balance makes none). */
    private boolean createsAccount(TransferRequest request) throws WalletException {
        return request.amount().token() != Token.BTT && !client.isAccount(request.to());
    }

    @Override
    public Transfer send(TransferRequest request) throws WalletException {
        StoredTransfer stored;
        synchronized (sending) {
            Optional<StoredTransfer> earlier = store.byReference(request.reference());
            if (earlier.isPresent()) {
                Transfer transfer = requireSameTransfer(earlier.get(), request);
                if (transfer.status() != TransferStatus.SIGNED) {
                    return transfer;
                }
                stored = earlier.get();
            } else {
                stored = signAndStore(request);
            }
        }
        // Outside the lock: broadcasting the same signed transaction twice at once is harmless (a duplicate).
        return broadcast(stored, signedTransactionOf(stored));
    }

    /** The first half of a send: after it, a crash or a lost network leaves a transfer a retry can finish. */
    StoredTransfer signAndStore(TransferRequest request) throws WalletException {
        offline.requireOwn(request.from());
        KeyPair key = keyPair(offline.unlockedKey(request.from()));
        Balances held = client.balances(request.from());
        requireBalance(request, held);
        Chain.Transaction signed = signUnique(request, key);
        requireFeeCovered(request, signed, held.trx());
        Transfer transfer = new Transfer(TronClient.txidOf(signed), request.reference(), request.from(), request.to(),
                request.amount(), TransferStatus.SIGNED, 0, clock.instant(), "");
        StoredTransfer stored = StoredTransfer.of(transfer, HexFormat.of().formatHex(signed.toByteArray()));
        store.save(stored);
        return stored;
    }

    private static KeyPair keyPair(byte[] privateKey) {
        try {
            return new KeyPair(HexFormat.of().formatHex(privateKey));
        } finally {
            TronKeys.wipe(privateKey);
        }
    }

    /**
     * TRON's txid covers the content and the millisecond it was built: the same transfer built twice in
     * one millisecond is one transaction. A different reference must be a different transaction.
     */
    private Chain.Transaction signUnique(TransferRequest request, KeyPair key) throws WalletException {
        for (int attempt = 0; attempt < MAX_BUILD_ATTEMPTS; attempt++) {
            Chain.Transaction signed = client.sign(
                    client.buildTransfer(request.from(), request.to(), request.amount(), settings.feeLimitSun()), key);
            if (store.byTxid(TronClient.txidOf(signed)).isEmpty()) {
                return signed;
            }
            pause(Duration.ofMillis(2));
        }
        throw new WalletException("could not build a transaction distinct from an identical one just sent; try again");
    }

    private static void requireBalance(TransferRequest request, Balances balances) throws WalletException {
        TokenAmount held = balances.of(request.amount().token());
        if (held.compareTo(request.amount()) < 0) {
            throw new InsufficientBalanceException(request.from() + " holds " + held.format() + ", less than the "
                    + request.amount().format() + " to send");
        }
    }

    /**
     * Refuses a transfer whose fee the sender's TRX cannot burn, as TRON counts it: bandwidth is free when
     * the staked or the free daily allowance left covers all of the transaction's bytes, else every byte
     * burns TRX; creating the recipient's account burns a fixed fee, and another instead of the bandwidth
     * unless staked bandwidth covers it; a BTT (TRC-20) call burns TRX for the energy its staked energy does
     * not cover, and more than the fee limit allows would run out of energy.
     */
    private void requireFeeCovered(TransferRequest request, Chain.Transaction signed, TokenAmount trxHeld)
            throws WalletException {
        long bytes = client.bandwidthOf(signed);
        long energy = request.amount().token() == Token.BTT
                ? client.estimateEnergy(request.from(), request.to(), request.amount().units()) : 0;
        TronClient.FeePrices prices = client.feePrices();
        TronClient.Resources available = client.resources(request.from());
        boolean createsAccount = createsAccount(request);
        boolean freeBandwidth = bytes <= available.stakedBandwidth() || (!createsAccount && bytes <= available.freeBandwidth());
        long bandwidthBurn = freeBandwidth ? 0 : createsAccount ? prices.newAccountBandwidthSun() : bytes * prices.sunPerByte();
        long creationBurn = createsAccount ? prices.newAccountSun() : 0;
        long energyBurn = Math.max(0, energy - available.stakedEnergy()) * prices.sunPerEnergy();
        if (energyBurn > settings.feeLimitSun()) {
            throw new TransferRejectedException("this transfer would burn " + trx(energyBurn).format() + " for " + energy
                    + " energy, more than the fee limit of " + trx(settings.feeLimitSun()).format()
                    + ": raise feeLimitTrx in " + "io.swarmplace.wallet.cfg, or stake TRX for energy");
        }
        long sent = request.amount().token() == Token.TRX ? request.amount().units().longValueExact() : 0;
        long needed = sent + bandwidthBurn + creationBurn + energyBurn;
        long held = trxHeld.units().longValueExact();
        if (held < needed) {
            TokenAmount shortfall = trx(needed - held);
            throw new InsufficientFeeException(request.from() + " holds " + trxHeld.format() + " but this transfer needs "
                    + trx(needed).format() + (sent > 0 ? ": " + trx(sent).format() + " to send" : ":")
                    + (sent > 0 ? " + " : " ") + trx(bandwidthBurn).format() + " burnt for " + bytes + " bandwidth bytes"
                    + (freeBandwidth ? " (free)" : createsAccount ? " (creating an account: the free allowance does not count)"
                            : " (free allowance left: " + available.freeBandwidth() + ")")
                    + (createsAccount ? " + " + trx(creationBurn).format() + " burnt to create the account " + request.to() : "")
                    + (energy > 0 ? " + " + trx(energyBurn).format() + " burnt for " + energy + " energy" : "")
                    + "; short by " + shortfall.format() + ". Send it TRX first.", shortfall);
        }
    }

    private static TokenAmount trx(long sun) {
        return TokenAmount.ofUnits(Token.TRX, sun);
    }

    /** The same reference again is the same transfer, never a new transaction. */
    private static Transfer requireSameTransfer(StoredTransfer earlier, TransferRequest request) throws WalletException {
        Transfer transfer = earlier.transfer();
        if (!transfer.from().equals(request.from()) || !transfer.to().equals(request.to())
                || !transfer.amount().equals(request.amount())) {
            throw new WalletException("reference '" + request.reference() + "' was already used for transfer " + transfer.txid()
                    + " of " + transfer.amount().format() + " to " + transfer.to() + "; use a new reference for a new transfer");
        }
        return transfer;
    }

    private static Chain.Transaction signedTransactionOf(StoredTransfer stored) throws WalletException {
        try {
            return Chain.Transaction.parseFrom(HexFormat.of().parseHex(stored.signedTransaction()));
        } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
            throw new WalletException("the stored transaction " + stored.txid() + " is damaged: " + e.getMessage(), e);
        }
    }

    private Transfer broadcast(StoredTransfer stored, Chain.Transaction signed) throws WalletException {
        Transfer transfer = stored.transfer();
        try {
            client.broadcast(signed);
        } catch (NetworkUnavailableException unreachable) {
            throw new NetworkUnavailableException(unreachable.getMessage() + " Transfer " + transfer.txid()
                    + " is signed and stored but not sent; sending again with reference '" + transfer.reference()
                    + "' broadcasts this same transaction.", unreachable);
        } catch (TransferRejectedException rejected) {
            Optional<Response.TransactionInfo> landed = client.solidifiedInfo(transfer.txid());
            if (landed.isPresent()) {
                return settle(stored, landed.get()); // an earlier broadcast whose answer was lost got in
            }
            store.save(stored.with(transfer.withStatus(TransferStatus.FAILED, 0, rejected.getMessage())));
            throw rejected;
        }
        lastBroadcast.put(transfer.txid(), System.nanoTime());
        Transfer pending = transfer.withStatus(TransferStatus.PENDING, 0, "");
        store.save(stored.with(pending));
        return pending;
    }

    private Transfer settle(StoredTransfer stored, Response.TransactionInfo info) throws WalletException {
        lastBroadcast.remove(stored.txid());
        boolean ok = TronClient.succeeded(info);
        Transfer settled = stored.transfer().withStatus(ok ? TransferStatus.CONFIRMED : TransferStatus.FAILED,
                info.getBlockNumber(), ok ? "" : "reverted: " + info.getReceipt().getResult() + " " + info.getResMessage().toStringUtf8());
        store.save(stored.with(settled));
        return settled;
    }

    @Override
    public Transfer awaitConfirmation(String txid, Duration timeout) throws WalletException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<Transfer> settled = refresh(txid);
            if (settled.isPresent()) {
                return settled.get();
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new ConfirmationTimeoutException("transfer " + txid + " was not solidified within " + timeout
                        + "; it may still be: ask again later (wallet:history shows its status)");
            }
            pause(settings.pollInterval());
        }
    }

    /** The transfer if it is final now, asking the network when it is not yet known to be. */
    private Optional<Transfer> refresh(String txid) throws WalletException {
        StoredTransfer stored = store.byTxid(txid)
                .orElseThrow(() -> new WalletException("this wallet never sent or received transaction " + txid));
        if (stored.status().isFinal()) {
            return Optional.of(stored.transfer());
        }
        Optional<Response.TransactionInfo> info = client.solidifiedInfo(txid);
        if (info.isPresent()) {
            return Optional.of(settle(stored, info.get()));
        }
        if (expiredOutsideAnyBlock(stored)) {
            lastBroadcast.remove(txid);
            Transfer expired = stored.transfer().withStatus(TransferStatus.FAILED, 0, "expired without being included in a"
                    + " block: nothing moved; send again with a new reference");
            store.save(stored.with(expired));
            return Optional.of(expired);
        }
        rebroadcastIfDue(stored);
        return Optional.empty();
    }

    /**
     * Broadcasts a pending transaction again, the same signed bytes, while no block holds it: a node that
     * restarts before a block takes it (the embedded devnet stops with this node) forgets it, and without
     * this it would only end, failed, at its expiration. The network answers a copy it still has with a
     * duplicate, which is harmless; a refusal changes nothing here, the expiration decides.
     */
    private void rebroadcastIfDue(StoredTransfer stored) throws WalletException {
        if (!stored.outgoing() || stored.status() != TransferStatus.PENDING) {
            return;
        }
        long now = System.nanoTime();
        Long last = lastBroadcast.get(stored.txid());
        if (last != null && now - last < REBROADCAST_EVERY.toNanos()) {
            return;
        }
        lastBroadcast.put(stored.txid(), now);
        if (client.includedInfo(stored.txid()).isPresent()) {
            return; // in a block, waiting to be solidified
        }
        try {
            client.broadcast(signedTransactionOf(stored));
        } catch (TransferRejectedException | NetworkUnavailableException e) {
            LOG.fine(() -> "broadcasting pending transfer " + stored.txid() + " again: " + e.getMessage());
        }
    }

    /**
     * A transaction past its expiration time can no longer enter a block; once the network had a
     * margin to produce the last blocks that could hold it and none does, it never will.
     */
    private boolean expiredOutsideAnyBlock(StoredTransfer stored) throws WalletException {
        if (!stored.outgoing()) {
            return false;
        }
        long expiration = signedTransactionOf(stored).getRawData().getExpiration();
        return clock.millis() > expiration + EXPIRY_MARGIN.toMillis() && client.includedInfo(stored.txid()).isEmpty();
    }

    private void pause(Duration duration) throws WalletException {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WalletException("interrupted while waiting for the network", e);
        }
    }

    @Override
    public List<Transfer> history(TronAddress account) {
        return offline.history(account);
    }

    /**
     * One round of the watch: settles pending outgoing transfers, then scans the solidified blocks
     * since the last round for transfers into our accounts and hands each to {@code incoming}. The
     * scanned block is saved after each block, so a restart resumes where it stopped.
     */
    public void watchOnce(Consumer<Transfer> incoming) throws WalletException {
        offline.forgetExpiredKeys();
        for (StoredTransfer pending : store.all()) {
            if (pending.status() == TransferStatus.PENDING) {
                refresh(pending.txid());
            }
        }
        long head = client.solidifiedBlockNumber();
        long scanned = state.scannedBlock();
        if (scanned < 0) {
            state.setScannedBlock(head); // a new wallet has no past to look for
            return;
        }
        long last = Math.min(head, scanned + settings.maxBlocksPerPoll());
        for (long number = scanned + 1; number <= last; number++) {
            for (SeenTransfer seen : client.transfersIn(number, offline.ownAccounts())) {
                Optional<Transfer> arrived = record(seen);
                arrived.ifPresent(incoming);
            }
            state.setScannedBlock(number);
        }
    }

    private Optional<Transfer> record(SeenTransfer seen) throws WalletException {
        Optional<Response.TransactionInfo> info = client.solidifiedInfo(seen.txid());
        if (info.isEmpty() || !TronClient.succeeded(info.get())) {
            return Optional.empty(); // reverted: nothing arrived
        }
        Optional<StoredTransfer> ours = store.byTxid(seen.txid());
        if (ours.isPresent()) {
            return Optional.of(settle(ours.get(), info.get())); // between two of our own accounts
        }
        Transfer arrived = new Transfer(seen.txid(), "", seen.from(), seen.to(), seen.amount(), TransferStatus.CONFIRMED,
                seen.blockNumber(), clock.instant(), "");
        store.save(StoredTransfer.of(arrived, ""));
        return Optional.of(arrived);
    }

    /** Forgets every unlocked key. */
    public void lockAll() {
        offline.lockAll();
    }
}
