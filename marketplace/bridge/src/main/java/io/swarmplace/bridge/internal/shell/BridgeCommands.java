package io.swarmplace.bridge.internal.shell;

import io.swarmplace.bridge.Bridge;
import io.swarmplace.bridge.BridgeException;
import io.swarmplace.bridge.ChainReconciliation;
import io.swarmplace.bridge.Deposit;
import io.swarmplace.bridge.ReserveProof;
import io.swarmplace.bridge.ReserveProofs;
import io.swarmplace.bridge.ReservesSnapshot;
import io.swarmplace.bridge.Withdrawal;
import io.swarmplace.bridge.WithdrawalRequest;
import io.swarmplace.ledger.Amounts;
import io.swarmplace.ledger.Id128;
import io.swarmplace.wallet.Token;
import io.swarmplace.wallet.TokenAmount;
import io.swarmplace.wallet.TronAddress;
import java.math.BigInteger;
import java.util.List;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/** Shell commands in scope {@code bridge}. Errors come back as text a user can act on, never as stack traces. */
@Component(
        service = BridgeCommands.class,
        property = {
            "osgi.command.scope=bridge",
            "osgi.command.function=custody",
            "osgi.command.function=depositaddress",
            "osgi.command.function=deposits",
            "osgi.command.function=withdraw",
            "osgi.command.function=withdrawals",
            "osgi.command.function=verify",
            "osgi.command.function=reserves",
            "osgi.command.function=proof",
            "osgi.command.function=checkproof"
        })
public class BridgeCommands {

    // Optional: the bridge runs only once configured, and its commands must say so rather than vanish
    // (and a mandatory reference would keep the node from ever reporting ready).
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Bridge bridge;

    private Bridge bridge() throws BridgeException {
        Bridge running = bridge;
        if (running == null) {
            throw new BridgeException("the bridge is not running: it needs a passphrase for the deposit addresses"
                    + " it creates; copy conf/io.swarmplace.bridge.cfg.example to conf/io.swarmplace.bridge.cfg and set it");
        }
        return running;
    }

    @FunctionalInterface
    private interface Command {
        String run() throws BridgeException;
    }

    private static String guarded(Command command) {
        try {
            return command.run();
        } catch (BridgeException | IllegalArgumentException | io.swarmplace.ledger.LedgerException e) {
            return "Error: " + e.getMessage();
        }
    }

    @Descriptor("shows the custody address and the bridge's ledger accounts")
    public String custody() {
        return guarded(() -> "Custody address: " + bridge().custodyAddress() + "\nCustody account: " + bridge().custodyAccount()
                + "\nSuspense account: " + bridge().suspenseAccount());
    }

    @Descriptor("the TRON address to send BTT to so that it lands in a ledger account (created once per account)")
    public String depositaddress(@Descriptor("the user's ledger account id (hex)") String account) {
        return guarded(() -> "Send BTT (TRC-20) to " + bridge().depositAddress(Id128.parse(account))
                + "\nIt is credited to " + account + " once the chain has solidified it.");
    }

    @Descriptor("lists credited deposits, newest first; those in suspense are marked")
    public String deposits() {
        return guarded(() -> {
            List<Deposit> all = bridge().deposits();
            if (all.isEmpty()) {
                return "No deposits yet.";
            }
            StringBuilder out = new StringBuilder();
            for (Deposit deposit : all) {
                out.append(deposit.txid()).append("  ").append(btt(deposit.units())).append("  from ").append(deposit.from())
                        .append(deposit.inSuspense() ? "  SUSPENSE (sent to custody; nobody to credit)" : "  to " + deposit.account())
                        .append('\n');
            }
            return out.toString().stripTrailing();
        });
    }

    @Descriptor("withdraws BTT from a ledger account to a TRON address; repeating the same request id never pays twice")
    public String withdraw(@Descriptor("the user's ledger account id (hex)") String account,
            @Descriptor("the TRON address to pay") String to, @Descriptor("amount in BTT, e.g. 12.5") String amount,
            @Descriptor("your id for this withdrawal: reuse it when retrying") String requestId) {
        return guarded(() -> {
            WithdrawalRequest request = new WithdrawalRequest(requestId, Id128.parse(account), TronAddress.parse(to),
                    TokenAmount.parse(amount, Token.BTT).requirePositive().units());
            return describe(bridge().withdraw(request));
        });
    }

    @Descriptor("lists withdrawals, newest first")
    public String withdrawals() {
        return guarded(() -> {
            List<Withdrawal> all = bridge().withdrawals();
            return all.isEmpty() ? "No withdrawals yet."
                    : String.join("\n", all.stream().map(BridgeCommands::describe).toList());
        });
    }

    @Descriptor("checks the ledger's invariants and compares what it owes with the BTT the bridge's addresses hold on-chain")
    public String verify() {
        return guarded(() -> {
            ChainReconciliation check = bridge().verify();
            StringBuilder out = new StringBuilder();
            out.append("Ledger owes (users, fees, escrow, suspense): ").append(btt(check.liabilities())).append('\n')
                    .append("Chain holds (custody and deposit addresses): ").append(btt(check.chainHoldings())).append('\n')
                    .append("Withdrawals in flight: ").append(btt(check.inFlightWithdrawals())).append('\n');
            check.ledgerViolations().forEach(v -> out.append("LEDGER VIOLATION: ").append(v).append('\n'));
            check.problems().forEach(p -> out.append("MISMATCH: ").append(p).append('\n'));
            out.append(check.holds() ? "OK: the ledger and the chain agree" : "NOT OK");
            return out.toString();
        });
    }

    @Descriptor("publishes a proof-of-reserves Merkle root over every balance now")
    public String reserves() {
        return guarded(() -> {
            ReservesSnapshot snapshot = bridge().publishReserves();
            return "Root: " + snapshot.root() + "\nBalances: " + snapshot.leaves() + ", total " + btt(snapshot.total())
                    + "\nFormat: " + ReserveProofs.FORMAT + "\nPublished: " + snapshot.file();
        });
    }

    @Descriptor("the inclusion proof of one account's balance in a new reserves root")
    public String proof(@Descriptor("the ledger account id (hex)") String account) {
        return guarded(() -> {
            ReserveProof proof = bridge().proof(Id128.parse(account));
            return "Account: " + proof.account() + "\nBalance: " + proof.balance() + "\nRoot: " + proof.root() + "\nPath: "
                    + proof.path() + "\nCheck: bridge:checkproof " + proof.account() + " " + proof.balance() + " " + proof.root()
                    + " \"" + proof.path() + "\"";
        });
    }

    @Descriptor("checks an inclusion proof against a published root, without trusting this node")
    public String checkproof(@Descriptor("the account id (hex)") String account,
            @Descriptor("its balance in base units") String balance, @Descriptor("the published root (64 hex digits)") String root,
            @Descriptor("the proof path: L:<hex>,R:<hex>,... (\"\" for a one-account tree)") String path) {
        return guarded(() -> {
            ReserveProof proof = new ReserveProof(Id128.parse(account), Amounts.parse("balance", balance), root,
                    ReserveProof.parsePath(path));
            return ReserveProofs.verify(proof, root) ? "VALID: " + account + " holds " + balance + " in root " + root
                    : "INVALID: this balance and path do not lead to root " + root;
        });
    }

    private static String describe(Withdrawal withdrawal) {
        return withdrawal.id() + "  " + withdrawal.status() + "  " + btt(withdrawal.units()) + "  from " + withdrawal.userAccount()
                + " to " + withdrawal.destination() + "  request " + withdrawal.requestId()
                + (withdrawal.txid().isEmpty() ? "" : "  tx " + withdrawal.txid())
                + (withdrawal.failure().isEmpty() ? "" : "  (" + withdrawal.failure() + ")");
    }

    private static String btt(BigInteger units) {
        return TokenAmount.ofUnits(Token.BTT, units).format();
    }
}
