package io.swarmplace.ledger;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The ledger service. Batches are applied in order, atomically per transfer (or per linked chain), and
 * durably before the call returns. Every call is safe to retry with the same ids. Implemented by the ledger
 * bundle and by the hub's client (provider type: methods may be added in minor versions).
 */
@ProviderType
public interface Ledger {

    /** The most events in one batch, as in TigerBeetle. */
    int MAX_BATCH = 8190;

    /**
     * Service property, {@code true} on a Ledger that another node serves (a hub client); the node's own
     * ledger stays registered beside it.
     */
    String REMOTE_PROPERTY = "ledger.remote";

    /** Reference target that selects the node's own ledger, never a hub client. */
    String LOCAL_TARGET = "(!(" + REMOTE_PROPERTY + "=true))";

    /** Reference target that selects a ledger served by a hub. */
    String REMOTE_TARGET = "(" + REMOTE_PROPERTY + "=true)";

    /**
     * Creates accounts; one result per account, in order.
     *
     * @throws LedgerUnavailableException if the database failed; retrying is safe
     */
    List<CreateAccountResult> createAccounts(List<Account> accounts);

    Optional<Account> lookupAccount(Id128 id);

    /** Every account, oldest first, at most {@code limit}. */
    List<Account> accounts(int limit);

    /**
     * Every account with its balances, oldest first, at most {@code limit}, all as of one moment (one read,
     * between two applied batches), so that sums over them hold: per asset, the accounts' net balances add
     * up to zero. Reading {@link #balance} account by account gives no such moment. On a hub only the
     * operator may take it.
     *
     * @since 1.2
     */
    List<AccountSnapshot> snapshot(int limit);

    /**
     * The account's balances as of the last applied batch.
     *
     * @throws UnknownAccountException if there is no such account
     */
    Balance balance(Id128 accountId);

    /**
     * Applies transfers in order; one result per transfer. A transfer that fails moves nothing, and
     * neither does any transfer of its linked chain.
     *
     * @throws IllegalArgumentException if the batch holds more than {@link #MAX_BATCH} transfers
     * @throws LedgerUnavailableException if the database failed; retrying with the same ids is safe
     */
    List<TransferResult> createTransfers(List<Transfer> transfers);

    Optional<Transfer> lookupTransfer(Id128 id);

    /** Where the pending transfer {@code id} stands; empty if there is no pending transfer with that id. */
    Optional<PendingStatus> pendingStatus(Id128 id);

    /** The account's transfers, newest first, at most {@code limit}. */
    List<Transfer> history(Id128 accountId, int limit);

    /**
     * Checks the invariants against the stored transfers: per asset, total debits equal total credits
     * (posted and pending); every account's balances equal the sums of its transfers; pending totals equal
     * the open pending transfers; no limited account exceeds its limit.
     */
    InvariantReport verify();
}
