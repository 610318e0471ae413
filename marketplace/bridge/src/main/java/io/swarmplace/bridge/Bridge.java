package io.swarmplace.bridge;

import io.swarmplace.ledger.Id128;
import io.swarmplace.wallet.TronAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Moves BTT (TRC-20) between TRON and the ledger. Every call is safe to retry: deposits are keyed by
 * their txid and withdrawals by the client's request id.
 */
public interface Bridge {

    /** The ledger transfer code of a deposit (custody → user or suspense). */
    int DEPOSIT_CODE = 1001;
    /** The ledger transfer code of a withdrawal's reservation (user → custody, pending). */
    int WITHDRAWAL_CODE = 1002;

    /** The wallet address that holds the ledger's BTT on-chain. */
    TronAddress custodyAddress();

    /** The ledger account that mirrors the custody address (role CUSTODY). */
    Id128 custodyAccount();

    /** The ledger account that holds deposits no user can be found for, until someone sorts them out. */
    Id128 suspenseAccount();

    /**
     * The address a user sends BTT to so that it lands in {@code userAccount}; the same address on every
     * call. The account must be a BTT user account of the ledger.
     *
     * @throws BridgeException if the account is unknown or not a BTT user account, or the wallet failed
     */
    TronAddress depositAddress(Id128 userAccount) throws BridgeException;

    /** Deposits credited so far (to users or to suspense), newest first. */
    List<Deposit> deposits() throws BridgeException;

    /**
     * Reserves the funds and sends them on-chain. Returns once the transaction is broadcast (or stored
     * for a retry if the network was unreachable); the bridge posts or voids it when the chain decides.
     * Submitting the same request id again returns that withdrawal and never sends twice.
     *
     * @throws WithdrawalRejectedException if the request is invalid, the funds are not there, or the id
     *     was used for a different withdrawal; nothing was reserved or sent
     * @throws BridgeException if the ledger or the wallet failed; retrying the same request is safe
     */
    Withdrawal withdraw(WithdrawalRequest request) throws BridgeException;

    Optional<Withdrawal> withdrawal(Id128 withdrawalId) throws BridgeException;

    /** Every withdrawal, newest first. */
    List<Withdrawal> withdrawals() throws BridgeException;

    /** Waits at most {@code timeout} until the withdrawal is settled (posted or voided) and returns it. */
    Withdrawal awaitSettled(Id128 withdrawalId, Duration timeout) throws BridgeException;

    /** Checks the ledger's invariants and compares its liabilities with the chain. */
    ChainReconciliation verify() throws BridgeException;

    /** Computes the Merkle root over every balance now and publishes it as a file. */
    ReservesSnapshot publishReserves() throws BridgeException;

    /** The proof that {@code account}'s balance is a leaf of the root published now (a new snapshot). */
    ReserveProof proof(Id128 account) throws BridgeException;
}
