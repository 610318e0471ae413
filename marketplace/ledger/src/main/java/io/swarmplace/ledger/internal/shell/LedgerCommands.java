package io.swarmplace.ledger.internal.shell;

import io.swarmplace.ledger.Account;
import io.swarmplace.ledger.AccountRole;
import io.swarmplace.ledger.Amounts;
import io.swarmplace.ledger.Asset;
import io.swarmplace.ledger.Balance;
import io.swarmplace.ledger.CreateAccountResult;
import io.swarmplace.ledger.Id128;
import io.swarmplace.ledger.InvariantReport;
import io.swarmplace.ledger.Ledger;
import io.swarmplace.ledger.LedgerException;
import io.swarmplace.ledger.Transfer;
import io.swarmplace.ledger.TransferResult;
import io.swarmplace.ledger.UnknownAccountException;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Shell commands in scope {@code ledger}: accounts, open, balance, transfer, history, verify. */
@Component(
        service = LedgerCommands.class,
        property = {
            "osgi.command.scope=ledger",
            "osgi.command.function=accounts",
            "osgi.command.function=open",
            "osgi.command.function=balance",
            "osgi.command.function=transfer",
            "osgi.command.function=history",
            "osgi.command.function=verify"
        })
public class LedgerCommands {

    private static final int LISTING_LIMIT = 100;

    private final Ledger ledger;

    @Activate
    public LedgerCommands(@Reference(target = Ledger.LOCAL_TARGET) Ledger ledger) {
        this.ledger = ledger;
    }

    @Descriptor("lists the ledger's accounts (oldest first, at most 100)")
    public String accounts() {
        List<Account> accounts = ledger.accounts(LISTING_LIMIT);
        if (accounts.isEmpty()) {
            return "No accounts (open one with ledger:open <role> <asset>)";
        }
        return accounts.stream()
                .map(a -> a.id() + "  " + lower(a.role()) + "  " + a.asset() + "  net " + ledger.balance(a.id()).net())
                .collect(Collectors.joining("\n"));
    }

    @Descriptor("opens an account; prints its id")
    public String open(@Descriptor("user, escrow, fees or custody") String role, @Descriptor("BTT or BTT_TRC10") String asset) {
        AccountRole accountRole = parse(AccountRole.class, role);
        Asset accountAsset = parse(Asset.class, asset);
        Id128 id = Id128.random();
        Account account = accountRole == AccountRole.USER ? Account.user(id, accountAsset) : Account.of(id, accountAsset, accountRole);
        CreateAccountResult result = ledger.createAccounts(List.of(account)).get(0);
        if (!result.applied()) {
            throw new LedgerException("the account was not opened: " + result.description());
        }
        return id.toString();
    }

    @Descriptor("shows an account's balances in base units")
    public String balance(@Descriptor("the account id (hex)") String account) {
        Balance b = ledger.balance(Id128.parse(account));
        return "Account " + b.accountId() + " (" + b.asset() + ")\n"
                + "  net:             " + b.net() + "\n"
                + "  available:       " + b.available() + "\n"
                + "  debits posted:   " + b.debitsPosted() + "\n"
                + "  debits pending:  " + b.debitsPending() + "\n"
                + "  credits posted:  " + b.creditsPosted() + "\n"
                + "  credits pending: " + b.creditsPending();
    }

    @Descriptor("moves base units between two accounts of the same asset; a retry with the same id moves nothing")
    public String transfer(@Descriptor("the debit account id") String debit, @Descriptor("the credit account id") String credit,
            @Descriptor("amount in base units") String amount, @Descriptor("the transfer id (hex), so a retry is safe") String id) {
        Id128 debitId = Id128.parse(debit);
        Account from = ledger.lookupAccount(debitId).orElseThrow(() -> new UnknownAccountException(debitId));
        Transfer transfer = Transfer.of(Id128.parse(id), debitId, Id128.parse(credit), from.asset(),
                Amounts.parse("amount", amount), 0);
        TransferResult result = ledger.createTransfers(List.of(transfer)).get(0);
        if (!result.applied()) {
            throw new LedgerException("transfer " + transfer.id() + " refused (" + lower(result) + "): " + result.description());
        }
        return "Transfer " + transfer.id() + ": " + lower(result) + " (" + result.description() + ")";
    }

    @Descriptor("lists an account's transfers, newest first")
    public String history(@Descriptor("the account id (hex)") String account) {
        Id128 id = Id128.parse(account);
        ledger.balance(id);
        List<Transfer> transfers = ledger.history(id, LISTING_LIMIT);
        if (transfers.isEmpty()) {
            return "No transfers";
        }
        return transfers.stream().map(t -> t.id() + "  " + (t.debitAccountId().equals(id) ? "-" : "+") + t.amount() + "  "
                        + (t.debitAccountId().equals(id) ? "to " + t.creditAccountId() : "from " + t.debitAccountId())
                        + (t.flags().isEmpty() ? "" : "  " + t.flags()))
                .collect(Collectors.joining("\n"));
    }

    @Descriptor("checks the ledger's invariants against its transfers")
    public String verify() {
        InvariantReport report = ledger.verify();
        StringBuilder out = new StringBuilder(report.holds() ? "Ledger consistent" : "LEDGER INCONSISTENT")
                .append(": ").append(report.accounts()).append(" accounts, ").append(report.transfers()).append(" transfers");
        report.custodyLiabilities().forEach((asset, owed) -> out.append("\n  owed to holders of ").append(asset).append(": ").append(owed));
        report.violations().forEach(v -> out.append("\n  violation: ").append(v));
        if (!report.holds()) {
            throw new LedgerException(out.toString());
        }
        return out.toString();
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String name) {
        try {
            return Enum.valueOf(type, name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown " + type.getSimpleName() + " '" + name + "'; one of "
                    + java.util.Arrays.stream(type.getEnumConstants()).map(LedgerCommands::lower).toList(), e);
        }
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
