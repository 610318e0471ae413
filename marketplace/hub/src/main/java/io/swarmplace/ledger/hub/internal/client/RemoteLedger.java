package io.swarmplace.ledger.hub.internal.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swarmplace.ledger.Account;
import io.swarmplace.ledger.Balance;
import io.swarmplace.ledger.CreateAccountResult;
import io.swarmplace.ledger.Id128;
import io.swarmplace.ledger.InvariantReport;
import io.swarmplace.ledger.Ledger;
import io.swarmplace.ledger.PendingStatus;
import io.swarmplace.ledger.Transfer;
import io.swarmplace.ledger.TransferResult;
import io.swarmplace.ledger.UnknownAccountException;
import io.swarmplace.ledger.hub.HubError;
import io.swarmplace.ledger.hub.HubException;
import io.swarmplace.ledger.hub.internal.wire.HubOperation;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A {@link Ledger} on a hub: every call is one signed request. Calls on accounts the key does not own,
 * and {@link #verify()} unless the key is the hub's operator, fail with {@link HubException}
 * ({@link HubError#NOT_ACCOUNT_OWNER}, {@link HubError#OPERATOR_ONLY}); {@link #accounts(int)} lists the
 * key's own accounts.
 */
public final class RemoteLedger implements Ledger {

    private final HubClient hub;
    private final ObjectMapper json;

    public RemoteLedger(HubClient hub) {
        this.hub = hub;
        this.json = hub.json();
    }

    @Override
    public List<CreateAccountResult> createAccounts(List<Account> accounts) {
        return List.of(read(call(HubOperation.CREATE_ACCOUNTS, arguments().set("accounts", json.valueToTree(accounts))),
                "results", CreateAccountResult[].class));
    }

    @Override
    public Optional<Account> lookupAccount(Id128 id) {
        return Optional.ofNullable(read(call(HubOperation.LOOKUP_ACCOUNT, byId(id)), "account", Account.class));
    }

    @Override
    public List<Account> accounts(int limit) {
        return List.of(read(call(HubOperation.ACCOUNTS, arguments().put("limit", limit)), "accounts", Account[].class));
    }

    @Override
    public Balance balance(Id128 accountId) {
        try {
            return read(call(HubOperation.BALANCE, byId(accountId)), "balance", Balance.class);
        } catch (HubException e) {
            if (e.error() == HubError.UNKNOWN_ACCOUNT) {
                throw new UnknownAccountException(accountId);
            }
            throw e;
        }
    }

    @Override
    public List<TransferResult> createTransfers(List<Transfer> transfers) {
        if (transfers.size() > MAX_BATCH) {
            throw new IllegalArgumentException("at most " + MAX_BATCH + " transfers per batch, not " + transfers.size());
        }
        return List.of(read(call(HubOperation.CREATE_TRANSFERS, arguments().set("transfers", json.valueToTree(transfers))),
                "results", TransferResult[].class));
    }

    @Override
    public Optional<Transfer> lookupTransfer(Id128 id) {
        return Optional.ofNullable(read(call(HubOperation.LOOKUP_TRANSFER, byId(id)), "transfer", Transfer.class));
    }

    @Override
    public Optional<PendingStatus> pendingStatus(Id128 id) {
        return Optional.ofNullable(read(call(HubOperation.PENDING_STATUS, byId(id)), "status", PendingStatus.class));
    }

    @Override
    public List<Transfer> history(Id128 accountId, int limit) {
        return Arrays.asList(read(call(HubOperation.HISTORY, byId(accountId).put("limit", limit)), "transfers", Transfer[].class));
    }

    @Override
    public InvariantReport verify() {
        return read(call(HubOperation.VERIFY, arguments()), "report", InvariantReport.class);
    }

    private JsonNode call(HubOperation operation, JsonNode arguments) {
        return hub.call(operation, arguments);
    }

    private ObjectNode arguments() {
        return json.createObjectNode();
    }

    private ObjectNode byId(Id128 id) {
        return arguments().put("id", id.toString());
    }

    private <T> T read(JsonNode result, String field, Class<T> type) {
        JsonNode value = result == null ? null : result.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        try {
            return json.treeToValue(value, type);
        } catch (JsonProcessingException e) {
            throw new HubException(HubError.MALFORMED_REQUEST, "the hub's answer has an unreadable '" + field + "': " + e.getMessage());
        }
    }
}
