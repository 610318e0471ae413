package io.swarmplace.bridge.internal.engine;

import io.swarmplace.bridge.Bridge;
import io.swarmplace.bridge.BridgeException;
import io.swarmplace.bridge.WithdrawalRejectedException;
import io.swarmplace.bridge.WithdrawalRequest;
import io.swarmplace.bridge.WithdrawalStatus;
import io.swarmplace.bridge.internal.store.StoredWithdrawal;
import io.swarmplace.ledger.Account;
import io.swarmplace.ledger.AccountRole;
import io.swarmplace.ledger.Asset;
import io.swarmplace.ledger.Id128;
import io.swarmplace.ledger.PendingStatus;
import io.swarmplace.ledger.Transfer;
import io.swarmplace.ledger.TransferResult;
import io.swarmplace.wallet.ConfirmationTimeoutException;
import io.swarmplace.wallet.InsufficientBalanceException;
import io.swarmplace.wallet.NetworkUnavailableException;
import io.swarmplace.wallet.Token;
import io.swarmplace.wallet.TokenAmount;
import io.swarmplace.wallet.TransferRequest;
import io.swarmplace.wallet.TransferStatus;
import io.swarmplace.wallet.TronAddress;
import io.swarmplace.wallet.WalletException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Withdrawals as a state machine whose every step is durable before the next begins:
 * record (REQUESTED) → reserve on the ledger (pending user → custody, id from the request id) → sign,
 * store and broadcast through the wallet (reference = the withdrawal id) → post when the chain confirms, or
 * void when the transaction failed. {@link #advance} takes a withdrawal from wherever it stands as far as
 * it can without waiting, asking the ledger and the wallet (never its own record alone) where it is, so a
 * crash between any two steps is finished by the next pass, and no step can be done twice: the ledger
 * refuses a second reservation, post or void of the same ids, and the wallet a second transaction for the
 * same reference.
 */
final class Withdrawals {

    private static final Logger LOG = Logger.getLogger(Withdrawals.class.getName());

    private final BridgeParts parts;

    Withdrawals(BridgeParts parts) {
        this.parts = parts;
    }

    synchronized StoredWithdrawal submit(WithdrawalRequest request, List<TronAddress> bridgeAddresses) throws BridgeException {
        StoredWithdrawal wanted = new StoredWithdrawal(request.withdrawalId().toString(), request.requestId(),
                request.userAccount().toString(), request.destination().base58(), request.units().toString(),
                WithdrawalStatus.REQUESTED, "", "");
        Optional<StoredWithdrawal> earlier = parts.store().withdrawal(wanted.id());
        if (earlier.isPresent()) {
            if (!earlier.get().sameRequestAs(wanted)) {
                throw new WithdrawalRejectedException("request id '" + request.requestId()
                        + "' was already used for a different withdrawal; use a new id for a new withdrawal");
            }
            return advance(earlier.get());
        }
        Account user = parts.ledger().lookupAccount(request.userAccount()).orElseThrow(() -> new WithdrawalRejectedException(
                "no ledger account " + request.userAccount() + "; check the account id"));
        if (user.role() != AccountRole.USER || user.asset() != Asset.BTT) {
            throw new WithdrawalRejectedException("account " + request.userAccount() + " is a " + user.role() + " account of "
                    + user.asset() + "; only USER accounts of BTT withdraw");
        }
        if (bridgeAddresses.contains(request.destination())) {
            throw new WithdrawalRejectedException(request.destination()
                    + " is one of the bridge's own addresses; withdraw to an address outside the bridge");
        }
        parts.store().saveWithdrawal(wanted);
        parts.faults().at(FaultPoint.WITHDRAW_AFTER_RECORD);
        return advance(wanted);
    }

    /** Moves every unfinished withdrawal on; one that cannot move now is left for the next pass. */
    synchronized void advanceAll() throws BridgeException {
        for (StoredWithdrawal withdrawal : parts.store().withdrawals()) {
            if (!withdrawal.status().isFinal()) {
                try {
                    advance(withdrawal);
                } catch (BridgeException e) {
                    LOG.log(Level.WARNING, "withdrawal " + withdrawal.id() + " waits for the next pass: " + e.getMessage());
                }
            }
        }
    }

    private StoredWithdrawal advance(StoredWithdrawal withdrawal) throws BridgeException {
        StoredWithdrawal current = withdrawal;
        while (!current.status().isFinal()) {
            StoredWithdrawal next = step(current);
            if (next.equals(current)) {
                return current; // waiting for the chain or the network
            }
            parts.store().saveWithdrawal(next);
            current = next;
        }
        return current;
    }

    private StoredWithdrawal step(StoredWithdrawal withdrawal) throws BridgeException {
        Id128 id = Id128.parse(withdrawal.id());
        Optional<PendingStatus> reservation = parts.ledger().pendingStatus(id);
        if (reservation.isEmpty()) {
            return reserve(withdrawal, id);
        }
        switch (reservation.get()) {
            case POSTED:
                return withdrawal.with(WithdrawalStatus.SETTLED, withdrawal.txid(), "");
            case VOIDED:
            case EXPIRED:
                return withdrawal.with(WithdrawalStatus.VOIDED, withdrawal.txid(),
                        withdrawal.failure().isEmpty() ? "the reservation was released" : withdrawal.failure());
            default:
                return onChain(withdrawal, id);
        }
    }

    private StoredWithdrawal reserve(StoredWithdrawal withdrawal, Id128 id) throws BridgeException {
        TransferResult result = parts.ledger().createTransfers(List.of(Transfer.pending(id, Id128.parse(withdrawal.userAccount()),
                parts.accounts().custody(), Asset.BTT, new BigInteger(withdrawal.units()), 0, Bridge.WITHDRAWAL_CODE))).get(0);
        if (!result.applied()) {
            return withdrawal.with(WithdrawalStatus.REJECTED, "", result.description());
        }
        parts.faults().at(FaultPoint.WITHDRAW_AFTER_RESERVE);
        return withdrawal.with(WithdrawalStatus.RESERVED, "", "");
    }

    /** The reservation is open: send (again: the wallet never signs twice for a reference), or settle. */
    private StoredWithdrawal onChain(StoredWithdrawal withdrawal, Id128 id) throws BridgeException {
        io.swarmplace.wallet.Transfer sent;
        try {
            Optional<io.swarmplace.wallet.Transfer> stored = sentBefore(referenceOf(id));
            if (stored.isPresent() && stored.get().status() != TransferStatus.SIGNED) {
                sent = stored.get();
            } else {
                parts.unlock(parts.accounts().custodyAddress());
                sent = parts.wallet().send(new TransferRequest(parts.accounts().custodyAddress(), TronAddress.parse(withdrawal.destination()),
                        TokenAmount.ofUnits(Token.BTT, new BigInteger(withdrawal.units())), referenceOf(id)));
            }
        } catch (InsufficientBalanceException e) {
            // Refused before anything was signed: nothing can reach the chain, so the funds go back.
            return resolve(withdrawal, id, false, "the custody address cannot pay it now: " + e.getMessage());
        } catch (NetworkUnavailableException e) {
            throw new BridgeException("withdrawal " + id + " is signed and stored but the network is unreachable; "
                    + "it is broadcast again on the next pass: " + e.getMessage(), e);
        } catch (WalletException e) {
            throw new BridgeException("the wallet could not send withdrawal " + id + " (" + e.getMessage()
                    + "); the funds stay reserved and the bridge tries again every poll interval", e);
        }
        if (withdrawal.status() != WithdrawalStatus.SENT) {
            parts.faults().at(FaultPoint.WITHDRAW_AFTER_SEND);
            return withdrawal.with(WithdrawalStatus.SENT, sent.txid(), "");
        }
        io.swarmplace.wallet.Transfer settled;
        try {
            settled = sent.status().isFinal() ? sent : parts.wallet().awaitConfirmation(sent.txid(), Duration.ZERO);
        } catch (ConfirmationTimeoutException e) {
            return withdrawal; // not solidified yet
        } catch (WalletException e) {
            throw new BridgeException("cannot learn the fate of withdrawal " + id + " (" + sent.txid() + "): " + e.getMessage(), e);
        }
        parts.faults().at(FaultPoint.WITHDRAW_AFTER_CONFIRM);
        boolean confirmed = settled.status() == TransferStatus.CONFIRMED;
        return resolve(withdrawal, id, confirmed, confirmed ? "" : "the transaction failed on-chain: " + settled.failure());
    }

    private StoredWithdrawal resolve(StoredWithdrawal withdrawal, Id128 id, boolean post, String failure) throws BridgeException {
        Transfer resolution = post ? Transfer.post(Id128.derive("withdraw-post", idBytes(id)), id, BigInteger.ZERO)
                : Transfer.voidPending(Id128.derive("withdraw-void", idBytes(id)), id);
        TransferResult result = parts.ledger().createTransfers(List.of(resolution)).get(0);
        if (!result.applied()) {
            throw new BridgeException("the ledger refused to " + (post ? "post" : "void") + " withdrawal " + id + ": "
                    + result.description() + " (ledger:verify and the wallet's history tell what happened)");
        }
        parts.faults().at(FaultPoint.WITHDRAW_AFTER_POST);
        return withdrawal.with(post ? WithdrawalStatus.SETTLED : WithdrawalStatus.VOIDED, withdrawal.txid(), failure);
    }

    private Optional<io.swarmplace.wallet.Transfer> sentBefore(String reference) throws WalletException {
        return parts.wallet().history(parts.accounts().custodyAddress()).stream().filter(t -> t.reference().equals(reference)).findFirst();
    }

    /** The wallet reference of a withdrawal: its id, so every retry names the same transaction. */
    static String referenceOf(Id128 id) {
        return "withdraw-" + id;
    }

    private static byte[] idBytes(Id128 id) {
        return java.nio.ByteBuffer.allocate(16).putLong(id.high()).putLong(id.low()).array();
    }

    /** The BTT reserved by withdrawals that are not settled yet. */
    BigInteger inFlight() throws BridgeException {
        BigInteger total = BigInteger.ZERO;
        for (StoredWithdrawal withdrawal : parts.store().withdrawals()) {
            if (!withdrawal.status().isFinal()
                    && parts.ledger().pendingStatus(Id128.parse(withdrawal.id())).orElse(null) == PendingStatus.PENDING) {
                total = total.add(new BigInteger(withdrawal.units()));
            }
        }
        return total;
    }
}
