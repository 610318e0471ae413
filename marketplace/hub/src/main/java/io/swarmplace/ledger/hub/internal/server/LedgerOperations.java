package io.swarmplace.ledger.hub.internal.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmplace.ledger.Account;
import io.swarmplace.ledger.AccountRole;
import io.swarmplace.ledger.Id128;
import io.swarmplace.ledger.Ledger;
import io.swarmplace.ledger.LedgerUnavailableException;
import io.swarmplace.ledger.Transfer;
import io.swarmplace.ledger.TransferFlag;
import io.swarmplace.ledger.UnknownAccountException;
import io.swarmplace.ledger.hub.HubError;
import io.swarmplace.ledger.hub.internal.store.OwnershipStore;
import io.swarmplace.ledger.hub.internal.wire.HubOperation;
import io.swarmplace.ledger.hub.internal.wire.HubRequestException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs an authenticated request against the local ledger, after checking that its key may: a key debits
 * and reads only the accounts it opened through the hub; accounts other than USER, and the whole-ledger
 * calls, need the operator key.
 */
final class LedgerOperations {

    static final int MAX_LIMIT = 10_000;

    private final Ledger ledger;
    private final OwnershipStore owners;
    private final byte[] operatorKey;
    private final ObjectMapper json;

    LedgerOperations(Ledger ledger, OwnershipStore owners, byte[] operatorKey, ObjectMapper json) {
        this.ledger = ledger;
        this.owners = owners;
        this.operatorKey = operatorKey.clone();
        this.json = json;
    }

    JsonNode execute(byte[] key, HubOperation operation, JsonNode arguments, long sequence) {
        Caller caller = new Caller(key, sequence);
        try {
            switch (operation) {
                case CREATE_ACCOUNTS:
                    return result("results", createAccounts(caller, read(arguments, "accounts", Account[].class, sequence)));
                case LOOKUP_ACCOUNT: {
                    Id128 id = read(arguments, "id", Id128.class, sequence);
                    caller.mayRead(id);
                    return result("account", ledger.lookupAccount(id).orElse(null));
                }
                case ACCOUNTS: {
                    int limit = limit(arguments, sequence);
                    if (caller.operator) {
                        return result("accounts", ledger.accounts(limit));
                    }
                    List<Account> own = new ArrayList<>();
                    for (Id128 id : owners.accountsOf(key)) {
                        ledger.lookupAccount(id).ifPresent(own::add);
                    }
                    return result("accounts", own.subList(0, Math.min(limit, own.size())));
                }
                case SNAPSHOT:
                    caller.mustBeOperator("read every account's balances");
                    return result("accounts", ledger.snapshot(limit(arguments, sequence)));
                case BALANCE: {
                    Id128 id = read(arguments, "id", Id128.class, sequence);
                    caller.mayRead(id);
                    return result("balance", ledger.balance(id));
                }
                case CREATE_TRANSFERS: {
                    List<Transfer> transfers = Arrays.asList(read(arguments, "transfers", Transfer[].class, sequence));
                    if (transfers.size() > Ledger.MAX_BATCH) {
                        throw new HubRequestException(HubError.INVALID_ARGUMENT, sequence,
                                "at most " + Ledger.MAX_BATCH + " transfers per request, not " + transfers.size());
                    }
                    // Pending transfers of the linked chain being read: a post or void later in the same chain may
                    // resolve one (if the pending fails, so does the whole chain, the post included).
                    Map<Id128, Transfer> chain = new HashMap<>();
                    for (Transfer transfer : transfers) {
                        caller.mayMove(transfer, chain);
                        if (transfer.has(TransferFlag.LINKED)) {
                            chain.putIfAbsent(transfer.id(), transfer);
                        } else {
                            chain.clear();
                        }
                    }
                    return result("results", ledger.createTransfers(transfers));
                }
                case LOOKUP_TRANSFER: {
                    Optional<Transfer> transfer = ledger.lookupTransfer(read(arguments, "id", Id128.class, sequence));
                    transfer.ifPresent(caller::mayReadTransfer);
                    return result("transfer", transfer.orElse(null));
                }
                case PENDING_STATUS: {
                    Id128 id = read(arguments, "id", Id128.class, sequence);
                    ledger.lookupTransfer(id).ifPresent(caller::mayReadTransfer);
                    return result("status", ledger.pendingStatus(id).orElse(null));
                }
                case HISTORY: {
                    Id128 id = read(arguments, "id", Id128.class, sequence);
                    caller.mayRead(id);
                    return result("transfers", ledger.history(id, limit(arguments, sequence)));
                }
                case VERIFY:
                    caller.mustBeOperator("verify the whole ledger");
                    return result("report", ledger.verify());
                default:
                    throw new HubRequestException(HubError.UNKNOWN_OPERATION, sequence, operation.name());
            }
        } catch (UnknownAccountException e) {
            throw new HubRequestException(HubError.UNKNOWN_ACCOUNT, sequence, e.getMessage());
        } catch (LedgerUnavailableException e) {
            throw new HubRequestException(HubError.LEDGER_UNAVAILABLE, sequence, e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new HubRequestException(HubError.INVALID_ARGUMENT, sequence, e.getMessage());
        }
    }

    private List<?> createAccounts(Caller caller, Account[] accounts) {
        for (Account account : accounts) {
            if (account.role() != AccountRole.USER) {
                caller.mustBeOperator("open a " + account.role() + " account");
            }
        }
        // Bind before creating: an account that exists without a binding was opened on the hub's own node,
        // and must not be claimed by whoever names it first.
        for (Account account : accounts) {
            if (account.id().isZero()) {
                continue; // the ledger refuses it (ID_MUST_NOT_BE_ZERO); nothing to own
            }
            if (!owners.bound(account.id()) && ledger.lookupAccount(account.id()).isPresent()) {
                throw new HubRequestException(HubError.NOT_ACCOUNT_OWNER, caller.sequence,
                        "account " + account.id() + " exists and was not opened through the hub");
            }
            if (!owners.bind(account.id(), caller.key)) {
                throw new HubRequestException(HubError.NOT_ACCOUNT_OWNER, caller.sequence,
                        "account " + account.id() + " belongs to another key; choose a new id");
            }
        }
        return ledger.createAccounts(Arrays.asList(accounts));
    }

    private <T> T read(JsonNode arguments, String field, Class<T> type, long sequence) {
        JsonNode value = arguments.get(field);
        if (value == null || value.isNull()) {
            throw new HubRequestException(HubError.INVALID_ARGUMENT, sequence, "the argument '" + field + "' is missing");
        }
        try {
            return json.treeToValue(value, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new HubRequestException(HubError.INVALID_ARGUMENT, sequence,
                    "the argument '" + field + "' is invalid: " + rootMessage(e));
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage().lines().findFirst().orElse("");
    }

    private static int limit(JsonNode arguments, long sequence) {
        JsonNode limit = arguments.get("limit");
        if (limit == null || !limit.canConvertToInt() || limit.intValue() < 1 || limit.intValue() > MAX_LIMIT) {
            throw new HubRequestException(HubError.INVALID_ARGUMENT, sequence, "'limit' must be 1 to " + MAX_LIMIT);
        }
        return limit.intValue();
    }

    private ObjectNode result(String field, Object value) {
        ObjectNode result = json.createObjectNode();
        result.set(field, json.valueToTree(value));
        return result;
    }

    /** The key behind one request and what it may touch. */
    private final class Caller {
        final byte[] key;
        final long sequence;
        final boolean operator;

        Caller(byte[] key, long sequence) {
            this.key = key;
            this.sequence = sequence;
            this.operator = operatorKey.length > 0 && Arrays.equals(key, operatorKey);
        }

        void mustBeOperator(String what) {
            if (!operator) {
                throw new HubRequestException(HubError.OPERATOR_ONLY, sequence, "only the operator key may " + what);
            }
        }

        void mayRead(Id128 account) {
            if (!operator && !owners.owns(key, account)) {
                throw new HubRequestException(HubError.NOT_ACCOUNT_OWNER, sequence, "the key does not own account " + account);
            }
        }

        void mayReadTransfer(Transfer transfer) {
            if (!operator && !owners.owns(key, transfer.debitAccountId()) && !owners.owns(key, transfer.creditAccountId())) {
                throw new HubRequestException(HubError.NOT_ACCOUNT_OWNER, sequence,
                        "the key owns neither account of transfer " + transfer.id());
            }
        }

        /** A key debits only its own accounts; a void (which moves nothing) may also come from the credited side. */
        void mayMove(Transfer transfer, Map<Id128, Transfer> earlierInChain) {
            if (operator) {
                return;
            }
            if (!transfer.has(TransferFlag.POST_PENDING) && !transfer.has(TransferFlag.VOID_PENDING)) {
                mayDebit(transfer.debitAccountId(), transfer);
                return;
            }
            // The ledger's record first: a transfer in the batch reusing an existing id is refused by the ledger,
            // so only a pending transfer the ledger does not have yet is taken from the chain.
            Optional<Transfer> pending = ledger.lookupTransfer(transfer.pendingId())
                    .or(() -> Optional.ofNullable(earlierInChain.get(transfer.pendingId())));
            if (pending.isEmpty()) {
                // The ledger refuses it (PENDING_TRANSFER_NOT_FOUND) and moves nothing; only the named debit side
                // is checked so a key cannot probe for others' transfers.
                mayDebit(transfer.debitAccountId(), transfer);
                return;
            }
            if (transfer.has(TransferFlag.VOID_PENDING) && owners.owns(key, pending.get().creditAccountId())) {
                return;
            }
            mayDebit(pending.get().debitAccountId(), transfer);
        }

        private void mayDebit(Id128 account, Transfer transfer) {
            if (!owners.owns(key, account)) {
                throw new HubRequestException(HubError.NOT_ACCOUNT_OWNER, sequence,
                        "transfer " + transfer.id() + " debits account " + account + ", which the key does not own");
            }
        }
    }
}
