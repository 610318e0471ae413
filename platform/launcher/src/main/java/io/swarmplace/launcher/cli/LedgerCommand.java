package io.swarmplace.launcher.cli;

import io.swarmplace.launcher.Main;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code swarmplace ledger ...}: the running node's off-chain BTT ledger (shell scope {@code ledger}) and its
 * bridge to TRON (shell scope {@code bridge}): balances, history, deposits, withdrawals, the check against
 * the chain and the proof of reserves.
 */
@Command(name = "ledger", mixinStandardHelpOptions = true,
        description = "Balances and history of ledger accounts, deposits and withdrawals of BTT, checks and proofs of reserves.",
        subcommands = {
            LedgerCommand.Accounts.class,
            LedgerCommand.Open.class,
            LedgerCommand.Balance.class,
            LedgerCommand.History.class,
            LedgerCommand.Verify.class,
            LedgerCommand.VerifyChain.class,
            LedgerCommand.DepositAddress.class,
            LedgerCommand.Deposits.class,
            LedgerCommand.Withdraw.class,
            LedgerCommand.Withdrawals.class,
            LedgerCommand.Reserves.class,
            LedgerCommand.Proof.class,
            LedgerCommand.CheckProof.class
        })
public final class LedgerCommand {

    @ParentCommand
    Main main;

    abstract static class Sub extends NodeCommand.ShellFunction {
        @ParentCommand
        LedgerCommand ledger;

        @Override
        Main root() {
            return ledger.main;
        }

        @Override
        String scope() {
            return "ledger";
        }

        @Override
        String function() {
            return spec.name();
        }

        @Override
        List<String> arguments() {
            return new ArrayList<>();
        }
    }

    /** A subcommand answered by the bridge bundle. */
    abstract static class BridgeSub extends Sub {
        @Override
        String scope() {
            return "bridge";
        }

        @Override
        String function() {
            return spec.name().replace("-", "");
        }
    }

    /** A bridge subcommand that names one ledger account. */
    abstract static class BridgeOnAccount extends BridgeSub {
        @Parameters(index = "0", paramLabel = "ACCOUNT", description = "The ledger account id (32 hex digits).")
        String account;

        @Override
        List<String> arguments() {
            return new ArrayList<>(List.of(account));
        }
    }

    /** A subcommand that names one ledger account. */
    abstract static class OnAccount extends Sub {
        @Parameters(index = "0", paramLabel = "ACCOUNT", description = "The ledger account id (32 hex digits).")
        String account;

        @Override
        List<String> arguments() {
            return new ArrayList<>(List.of(account));
        }
    }

    @Command(name = "accounts", mixinStandardHelpOptions = true, description = "Lists the ledger's accounts.")
    static final class Accounts extends Sub {
    }

    @Command(name = "open", mixinStandardHelpOptions = true, description = "Opens an account; prints its id.")
    static final class Open extends Sub {
        @Parameters(index = "0", paramLabel = "ROLE", description = "user, escrow, fees or custody")
        String role;

        @Parameters(index = "1", paramLabel = "ASSET", defaultValue = "BTT", description = "BTT (default) or BTT_TRC10")
        String asset;

        @Override
        List<String> arguments() {
            return new ArrayList<>(List.of(role, asset));
        }
    }

    @Command(name = "balance", mixinStandardHelpOptions = true, description = "Shows an account's balances in base units.")
    static final class Balance extends OnAccount {
    }

    @Command(name = "history", mixinStandardHelpOptions = true, description = "Lists an account's transfers, newest first.")
    static final class History extends OnAccount {
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Checks the ledger's invariants: debits equal credits, balances equal their transfers, limits hold.")
    static final class Verify extends Sub {
    }

    @Command(name = "verify-chain", mixinStandardHelpOptions = true,
            description = "Checks the ledger, then compares what it owes with the BTT the bridge's addresses hold on-chain.")
    static final class VerifyChain extends BridgeSub {
        @Override
        String function() {
            return "verify";
        }
    }

    @Command(name = "deposit-address", mixinStandardHelpOptions = true,
            description = "The TRON address that credits an account: send BTT (TRC-20) there.")
    static final class DepositAddress extends BridgeOnAccount {
    }

    @Command(name = "deposits", mixinStandardHelpOptions = true, description = "Lists credited deposits; those in suspense are marked.")
    static final class Deposits extends BridgeSub {
    }

    @Command(name = "withdraw", mixinStandardHelpOptions = true,
            description = {"Withdraws BTT from a ledger account to a TRON address.",
                "Running it again with the same REQUEST-ID never pays twice: reuse the id when retrying."})
    static final class Withdraw extends BridgeSub {
        @Parameters(index = "0", paramLabel = "ACCOUNT", description = "The user's ledger account id.")
        String account;

        @Parameters(index = "1", paramLabel = "TO", description = "The TRON address to pay (T...).")
        String to;

        @Parameters(index = "2", paramLabel = "AMOUNT", description = "Whole BTT, e.g. 12.5.")
        String amount;

        @Parameters(index = "3", paramLabel = "REQUEST-ID", description = "Your id for this withdrawal.")
        String requestId;

        @Override
        List<String> arguments() {
            return new ArrayList<>(List.of(account, to, amount, requestId));
        }
    }

    @Command(name = "withdrawals", mixinStandardHelpOptions = true, description = "Lists withdrawals and where they stand.")
    static final class Withdrawals extends BridgeSub {
    }

    @Command(name = "reserves", mixinStandardHelpOptions = true,
            description = "Publishes a proof-of-reserves Merkle root over every balance (a file in the data directory).")
    static final class Reserves extends BridgeSub {
    }

    @Command(name = "proof", mixinStandardHelpOptions = true, description = "The inclusion proof of one account's balance.")
    static final class Proof extends BridgeOnAccount {
    }

    @Command(name = "check-proof", mixinStandardHelpOptions = true,
            description = "Checks an inclusion proof against a published root (see docs/ARCHITECTURE.md, Bridge).")
    static final class CheckProof extends BridgeSub {
        @Parameters(index = "0", paramLabel = "ACCOUNT", description = "The ledger account id.")
        String account;

        @Parameters(index = "1", paramLabel = "BALANCE", description = "Its balance in base units.")
        String balance;

        @Parameters(index = "2", paramLabel = "ROOT", description = "The published root (64 hex digits).")
        String root;

        @Parameters(index = "3", paramLabel = "PATH", defaultValue = "", description = "L:<hex>,R:<hex>,... from 'ledger proof'.")
        String path;

        @Override
        List<String> arguments() {
            return new ArrayList<>(List.of(account, balance, root, path));
        }
    }
}
