package io.swarmplace.wallet;

import java.time.Duration;
import java.util.List;

/**
 * The node's TRON wallet. Keys stay inside the wallet bundle: callers name accounts by address, unlock
 * them with a passphrase for a while, and ask the wallet to sign and send. Every network (the local
 * devnet, nile, shasta, mainnet) is reached through Trident over gRPC.
 *
 * <p>Sending is idempotent by {@link TransferRequest#reference()}: the signed transaction is stored
 * before it is broadcast, and sending the same reference again re-broadcasts that same transaction
 * instead of signing a new one. Incoming transfers are announced to every registered
 * {@link IncomingTransferListener} service once they are solidified.
 */
public interface Wallet {

    /** The network this wallet talks to, e.g. "devnet (127.0.0.1:50051)". */
    String network();

    /** Every account in the keystore, oldest first. */
    List<TronAddress> accounts() throws WalletException;

    /** Generates a key pair and stores it encrypted under {@code passphrase}. The first account becomes the default. */
    TronAddress createAccount(char[] passphrase) throws WalletException;

    /** Stores an existing private key (64 hex digits) encrypted under {@code passphrase}. */
    TronAddress importAccount(char[] privateKeyHex, char[] passphrase) throws WalletException;

    /** The account used when none is named; fails when the keystore is empty. */
    TronAddress defaultAccount() throws WalletException;

    void setDefaultAccount(TronAddress account) throws WalletException;

    /**
     * Decrypts the key of {@code account} into memory for {@code duration} (null: the configured time),
     * so that {@link #send} can sign with it. The key is never written anywhere in clear.
     */
    void unlock(TronAddress account, char[] passphrase, Duration duration) throws WalletException;

    /** Forgets the decrypted key of {@code account} now. */
    void lock(TronAddress account);

    /** TRX, BTT (TRC-20) and legacy BTT (TRC-10) of any address, as the network reports them now. */
    Balances balances(TronAddress account) throws WalletException;

    /** What sending {@code request} would cost in TRX at most, before anything is signed. */
    FeeEstimate estimateFee(TransferRequest request) throws WalletException;

    /**
     * Signs the transfer with the unlocked key of its sender, stores it, then broadcasts it. Returns once
     * the network accepted it (status PENDING). When the network cannot be reached the transfer stays
     * stored as SIGNED and {@link NetworkUnavailableException} names its txid; sending the same
     * reference again broadcasts that same transaction.
     */
    Transfer send(TransferRequest request) throws WalletException;

    /** Waits until the transaction is solidified (CONFIRMED) or failed, at most {@code timeout}. */
    Transfer awaitConfirmation(String txid, Duration timeout) throws WalletException;

    /** Outgoing and incoming transfers of {@code account} this wallet knows, newest first. */
    List<Transfer> history(TronAddress account) throws WalletException;
}
