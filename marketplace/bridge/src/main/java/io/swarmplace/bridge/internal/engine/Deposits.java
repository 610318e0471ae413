package io.swarmplace.bridge.internal.engine;

import io.swarmplace.bridge.Bridge;
import io.swarmplace.bridge.BridgeException;
import io.swarmplace.bridge.internal.store.StoredDeposit;
import io.swarmplace.ledger.Asset;
import io.swarmplace.ledger.Id128;
import io.swarmplace.ledger.TransferResult;
import io.swarmplace.wallet.InsufficientFeeException;
import io.swarmplace.wallet.Token;
import io.swarmplace.wallet.TokenAmount;
import io.swarmplace.wallet.Transfer;
import io.swarmplace.wallet.TransferRequest;
import io.swarmplace.wallet.TransferStatus;
import io.swarmplace.wallet.TronAddress;
import io.swarmplace.wallet.WalletException;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Credits solidified transfers into the bridge's addresses: a deposit address credits its user, the
 * custody address (which names nobody) credits suspense. The ledger transfer id is derived from the txid,
 * so the wallet announcing a transaction again, or the recovery pass finding it, credits nothing twice.
 * After crediting, a deposit address's BTT is swept to custody (an on-chain move inside the bridge's
 * holdings, which never touches the ledger).
 */
final class Deposits {

    private static final Logger LOG = Logger.getLogger(Deposits.class.getName());

    private final BridgeParts parts;

    Deposits(BridgeParts parts) {
        this.parts = parts;
    }

    static Id128 transferIdOf(String txid) {
        return Id128.derive("deposit", HexFormat.of().parseHex(txid));
    }

    /** Credits {@code transfer} if it is a solidified BTT transfer into one of the bridge's addresses. */
    void credit(Transfer transfer) throws BridgeException {
        if (transfer.amount().token() != Token.BTT || transfer.status() != TransferStatus.CONFIRMED) {
            return;
        }
        Map<TronAddress, Id128> owners = ownersByDepositAddress();
        if (owners.containsKey(transfer.from()) || transfer.from().equals(parts.accounts().custodyAddress())) {
            return; // a sweep into custody (credited as its deposit already) or a move between the bridge's addresses
        }
        // A deposit may come from another account of this very wallet (a node paying into its own ledger
        // account), so the sender's reference says nothing: only the addresses count.
        Optional<Id128> account = transfer.to().equals(parts.accounts().custodyAddress()) ? Optional.of(parts.accounts().suspense())
                : Optional.ofNullable(owners.get(transfer.to()));
        if (account.isEmpty()) {
            return; // another of the wallet's accounts: not the bridge's business
        }
        Optional<StoredDeposit> recorded = parts.store().deposit(transfer.txid());
        if (recorded.isEmpty()) {
            recorded = Optional.of(creditOnce(transfer, account.get()));
        }
        if (!recorded.get().swept()) {
            sweep(recorded.get());
        }
    }

    private StoredDeposit creditOnce(Transfer transfer, Id128 account) throws BridgeException {
        parts.faults().at(FaultPoint.DEPOSIT_BEFORE_CREDIT);
        Id128 transferId = transferIdOf(transfer.txid());
        TransferResult result = parts.ledger().createTransfers(List.of(io.swarmplace.ledger.Transfer.of(transferId,
                parts.accounts().custody(), account, Asset.BTT, transfer.amount().units(), Bridge.DEPOSIT_CODE))).get(0);
        if (!result.applied()) {
            throw new BridgeException("the ledger refused deposit " + transfer.txid() + " of " + transfer.amount().format()
                    + " into " + account + ": " + result.description());
        }
        parts.faults().at(FaultPoint.DEPOSIT_AFTER_CREDIT);
        boolean toCustody = transfer.to().equals(parts.accounts().custodyAddress());
        StoredDeposit deposit = new StoredDeposit(transfer.txid(), transfer.from().base58(), transfer.to().base58(),
                transfer.amount().units().toString(), account.toString(), transferId.toString(), transfer.blockNumber(),
                account.equals(parts.accounts().suspense()), toCustody);
        parts.store().saveDeposit(deposit);
        parts.faults().at(FaultPoint.DEPOSIT_AFTER_RECORD);
        return deposit;
    }

    /**
     * Moves a credited deposit from its deposit address to custody. The reference names the deposit, so
     * a retry never sweeps twice; a sweep that fails leaves the BTT where it was, still counted, and the
     * next settling round tries again.
     */
    private void sweep(StoredDeposit recorded) throws BridgeException {
        TronAddress depositAddress = TronAddress.parse(recorded.to());
        TokenAmount amount = TokenAmount.ofUnits(Token.BTT, new BigInteger(recorded.units()));
        try {
            parts.unlock(depositAddress);
            parts.wallet().send(new TransferRequest(depositAddress, parts.accounts().custodyAddress(), amount,
                    "sweep-" + recorded.txid()));
            parts.store().saveDeposit(recorded.asSwept());
        } catch (InsufficientFeeException e) {
            payForSweep(recorded, depositAddress, e.shortfall());
        } catch (WalletException | IllegalArgumentException e) {
            LOG.log(Level.WARNING, "sweeping deposit " + recorded.txid() + " to custody failed; it stays at "
                    + depositAddress + " (still counted as held) and is tried again: " + e.getMessage());
        }
    }

    /**
     * A deposit address holds BTT but no TRX, and a BTT transfer burns TRX for its energy: custody sends
     * the shortfall, and the sweep goes once that has arrived. The reference names the deposit and the
     * amount, so rounds that find the same shortfall while the top-up is on its way send it only once.
     */
    private void payForSweep(StoredDeposit recorded, TronAddress depositAddress, TokenAmount shortfall) {
        TronAddress custody = parts.accounts().custodyAddress();
        try {
            parts.unlock(custody);
            parts.wallet().send(new TransferRequest(custody, depositAddress, shortfall,
                    "sweep-fee-" + recorded.txid() + "-" + shortfall.units()));
            LOG.info(() -> "sent " + shortfall.format() + " from custody to " + depositAddress
                    + " for the fee of sweeping deposit " + recorded.txid() + "; the sweep follows once it has arrived");
        } catch (WalletException | IllegalArgumentException e) {
            LOG.log(Level.WARNING, "cannot pay the fee of sweeping deposit " + recorded.txid() + " (" + shortfall.format()
                    + " missing at " + depositAddress + "): custody " + custody + " cannot send it (" + e.getMessage()
                    + "). Send TRX to the custody address; the sweep is tried again every settling round.");
        }
    }

    /** Sweeps every credited deposit still at its deposit address; called every settling round. */
    void sweepPending() throws BridgeException {
        for (StoredDeposit deposit : parts.store().deposits()) {
            if (!deposit.swept()) {
                sweep(deposit);
            }
        }
    }

    /** Credits every solidified transfer into the bridge's addresses the wallet knows of (after a restart). */
    void recover() throws BridgeException {
        for (TronAddress address : addresses()) {
            List<Transfer> history;
            try {
                history = parts.wallet().history(address);
            } catch (WalletException e) {
                throw new BridgeException("cannot read the wallet's history of " + address + ": " + e.getMessage(), e);
            }
            for (int i = history.size() - 1; i >= 0; i--) { // oldest first, as the chain had them
                if (history.get(i).to().equals(address)) {
                    credit(history.get(i));
                }
            }
        }
    }

    /** Custody first, then every deposit address. */
    List<TronAddress> addresses() throws BridgeException {
        java.util.ArrayList<TronAddress> all = new java.util.ArrayList<>();
        all.add(parts.accounts().custodyAddress());
        all.addAll(ownersByDepositAddress().keySet());
        return all;
    }

    Map<TronAddress, Id128> ownersByDepositAddress() throws BridgeException {
        Map<TronAddress, Id128> owners = new java.util.HashMap<>();
        parts.store().depositAddresses().forEach((account, address) -> owners.put(TronAddress.parse(address), Id128.parse(account)));
        return owners;
    }
}
