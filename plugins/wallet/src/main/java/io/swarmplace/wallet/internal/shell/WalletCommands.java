package io.swarmplace.wallet.internal.shell;

import io.swarmplace.tron.devnet.Devnet;
import io.swarmplace.wallet.Balances;
import io.swarmplace.wallet.FeeEstimate;
import io.swarmplace.wallet.Token;
import io.swarmplace.wallet.TokenAmount;
import io.swarmplace.wallet.Transfer;
import io.swarmplace.wallet.TransferRequest;
import io.swarmplace.wallet.TronAddress;
import io.swarmplace.wallet.Wallet;
import io.swarmplace.wallet.WalletException;
import io.swarmplace.wallet.internal.component.LocalDevnet;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Shell commands in scope {@code wallet}. Amounts are in whole tokens (BTT unless --token says
 * otherwise). A passphrase comes from --passphrase-file, from --passphrase (what the CLI sends after
 * reading it without echo), or from the node's $SWARMPLACE_WALLET_PASSPHRASE.
 */
@Component(
        service = WalletCommands.class,
        property = {
            "osgi.command.scope=wallet",
            "osgi.command.function=create",
            "osgi.command.function=import",
            "osgi.command.function=list",
            "osgi.command.function=address",
            "osgi.command.function=balance",
            "osgi.command.function=send",
            "osgi.command.function=history",
            "osgi.command.function=lock",
            "osgi.command.function=faucet"
        })
public class WalletCommands {

    private static final String NONE = "";

    private final Wallet wallet;
    private final LocalDevnet localDevnet;

    @Activate
    public WalletCommands(@Reference Wallet wallet, @Reference LocalDevnet localDevnet) {
        this.wallet = wallet;
        this.localDevnet = localDevnet;
    }

    @Descriptor("creates an account: a new TRON key pair in the encrypted keystore")
    public String create(
            @Descriptor("file holding the passphrase") @Parameter(names = {"--passphrase-file"}, absentValue = NONE) String file,
            @Descriptor("the passphrase (prefer --passphrase-file)") @Parameter(names = {"--passphrase"}, absentValue = NONE)
                    String passphrase) throws WalletException {
        TronAddress account = wallet.createAccount(Passphrases.read(file, passphrase));
        return "Created " + account + (account.equals(wallet.defaultAccount()) ? " (default account)" : "");
    }

    /** Gogo maps "wallet:import" onto "_import": import is a Java keyword. */
    @Descriptor("imports a private key (64 hex digits) into the encrypted keystore")
    public String _import(
            @Descriptor("file holding the passphrase") @Parameter(names = {"--passphrase-file"}, absentValue = NONE) String file,
            @Descriptor("the passphrase (prefer --passphrase-file)") @Parameter(names = {"--passphrase"}, absentValue = NONE)
                    String passphrase,
            @Descriptor("file holding the private key in hex") @Parameter(names = {"--key-file"}, absentValue = NONE) String keyFile,
            @Descriptor("the private key in hex (prefer --key-file)") @Parameter(names = {"--key"}, absentValue = NONE) String key)
            throws WalletException {
        char[] hex = Passphrases.secret("private key", keyFile, key, null);
        return "Imported " + wallet.importAccount(hex, Passphrases.read(file, passphrase));
    }

    @Descriptor("lists the accounts; * marks the default")
    public String list() throws WalletException {
        List<TronAddress> accounts = wallet.accounts();
        if (accounts.isEmpty()) {
            return "No accounts. 'wallet:create' makes one.";
        }
        TronAddress fallback = wallet.defaultAccount();
        StringBuilder out = new StringBuilder("Network: " + wallet.network() + "\n");
        for (TronAddress account : accounts) {
            out.append(account.equals(fallback) ? "* " : "  ").append(account).append('\n');
        }
        return out.toString().stripTrailing();
    }

    @Descriptor("shows the default account's address, or makes another account the default")
    public String address(@Descriptor("make this account the default") @Parameter(names = {"--set"}, absentValue = NONE)
                                  String set) throws WalletException {
        if (!set.isEmpty()) {
            wallet.setDefaultAccount(TronAddress.parse(set));
        }
        return wallet.defaultAccount().base58();
    }

    @Descriptor("shows TRX, BTT and legacy BTT of an address (default: the default account)")
    public String balance(@Descriptor("address") @Parameter(names = {"--account"}, absentValue = NONE) String account)
            throws WalletException {
        Balances balances = wallet.balances(account(account));
        return balances.account() + "\n  " + balances.btt().format() + "\n  " + balances.bttTrc10().format()
                + " (TRC-10)\n  " + balances.trx().format();
    }

    @Descriptor("sends tokens; without --yes only shows what it would cost")
    public String send(
            @Descriptor("sending account (default: the default account)") @Parameter(names = {"--from"}, absentValue = NONE)
                    String from,
            @Descriptor("BTT (TRC-20, default), BTTOLD (TRC-10) or TRX") @Parameter(names = {"--token"}, absentValue = "BTT")
                    String token,
            @Descriptor("your id for this transfer: sending it again never sends twice")
                    @Parameter(names = {"--reference"}, absentValue = NONE) String reference,
            @Descriptor("send without asking") @Parameter(names = {"-y", "--yes"}, presentValue = "true", absentValue = "false")
                    boolean yes,
            @Descriptor("seconds to wait for confirmation (0: do not wait)") @Parameter(names = {"--wait"}, absentValue = "0")
                    int waitSeconds,
            @Descriptor("file holding the passphrase") @Parameter(names = {"--passphrase-file"}, absentValue = NONE) String file,
            @Descriptor("the passphrase (prefer --passphrase-file)") @Parameter(names = {"--passphrase"}, absentValue = NONE)
                    String passphrase,
            @Descriptor("receiving address") String to,
            @Descriptor("amount in whole tokens, e.g. 12.5") String amount) throws WalletException {
        TronAddress sender = account(from);
        TransferRequest request = new TransferRequest(sender, TronAddress.parse(to), TokenAmount.parse(amount, token(token)),
                reference.isEmpty() ? UUID.randomUUID().toString() : reference);
        FeeEstimate fee = wallet.estimateFee(request);
        String summary = "Send " + request.amount().format() + " from " + sender + " to " + request.to() + "\nFee: at most "
                + fee.maxFee().format() + " (" + fee.bandwidth() + " bandwidth" + (fee.energy() > 0 ? ", " + fee.energy()
                + " energy" : "") + (fee.createsAccount() ? "; " + request.to() + " is no TRON account yet: this transfer creates it"
                : "") + ")";
        if (!yes) {
            return summary + "\nNot sent: add --yes to send.";
        }
        boolean unlocksHere = !file.isEmpty() || !passphrase.isEmpty() || System.getenv(Passphrases.ENVIRONMENT) != null;
        Transfer sent;
        if (unlocksHere) {
            wallet.unlock(sender, Passphrases.read(file, passphrase), Duration.ofMinutes(1));
            try {
                sent = wallet.send(request);
            } finally {
                wallet.lock(sender); // a passphrase typed for one send does not leave the key in memory
            }
        } else {
            sent = wallet.send(request);
        }
        if (waitSeconds > 0) {
            sent = wallet.awaitConfirmation(sent.txid(), Duration.ofSeconds(waitSeconds));
        }
        return summary + "\n" + status(sent) + " " + sent.txid() + " (reference " + sent.reference() + ")";
    }

    @Descriptor("lists an account's transfers, newest first")
    public String history(@Descriptor("address") @Parameter(names = {"--account"}, absentValue = NONE) String account)
            throws WalletException {
        TronAddress owner = account(account);
        List<Transfer> transfers = wallet.history(owner);
        if (transfers.isEmpty()) {
            return "No transfers for " + owner + ".";
        }
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-20s  %-9s  %-4s  %-34s  %28s  %s%n",
                "TIME", "STATUS", "DIR", "COUNTERPARTY", "AMOUNT", "TXID"));
        for (Transfer transfer : transfers) {
            boolean outgoing = transfer.from().equals(owner);
            out.append(String.format(Locale.ROOT, "%-20s  %-9s  %-4s  %-34s  %28s  %s%n",
                    transfer.time().toString().substring(0, 19) + "Z", status(transfer), outgoing ? "out" : "in",
                    outgoing ? transfer.to() : transfer.from(), transfer.amount().format(), transfer.txid()));
        }
        return out.toString().stripTrailing();
    }

    @Descriptor("forgets an unlocked key now")
    public String lock(@Descriptor("address") @Parameter(names = {"--account"}, absentValue = NONE) String account)
            throws WalletException {
        TronAddress owner = account(account);
        wallet.lock(owner);
        return "Locked " + owner;
    }

    @Descriptor("devnet only: mints devnet TRX, BTT and legacy BTT to an account")
    public String faucet(
            @Descriptor("address") @Parameter(names = {"--account"}, absentValue = NONE) String account,
            @Descriptor("whole BTT to mint (TRC-20 and TRC-10 each)") @Parameter(names = {"--btt"}, absentValue = "1000") String btt,
            @Descriptor("whole TRX to mint") @Parameter(names = {"--trx"}, absentValue = "100") String trx) throws WalletException {
        Devnet chain = localDevnet.ownDevnet().orElse(null);
        if (chain == null) {
            throw new WalletException("no faucet: this node uses a devnet it does not run (network is " + wallet.network()
                    + "); fund accounts from that devnet's genesis account: `wallet import --key-file <devnet data dir>/"
                    + "faucet.key`, then `wallet send --from <that address> <your address> <amount>`");
        }
        TronAddress owner = account(account);
        chain.faucet().mintTrx(owner.base58(), TokenAmount.parse(trx, Token.TRX).requirePositive().units().longValueExact());
        chain.faucet().mintBttTrc20(owner.base58(), TokenAmount.parse(btt, Token.BTT).requirePositive().units());
        chain.faucet().mintBttTrc10(owner.base58(), TokenAmount.parse(btt, Token.BTT_TRC10).units().longValueExact());
        return "Minted " + btt + " BTT, " + btt + " BTTOLD and " + trx + " TRX to " + owner;
    }

    private TronAddress account(String given) throws WalletException {
        return given.isEmpty() ? wallet.defaultAccount() : TronAddress.parse(given);
    }

    static Token token(String name) {
        String wanted = name.strip().toUpperCase(Locale.ROOT);
        for (Token token : Token.values()) {
            if (token.symbol().equals(wanted) || token.name().equals(wanted)) {
                return token;
            }
        }
        throw new IllegalArgumentException("unknown token '" + name + "': BTT (TRC-20), BTTOLD (legacy TRC-10) or TRX");
    }

    private static String status(Transfer transfer) {
        return transfer.status().name().toLowerCase(Locale.ROOT);
    }
}
