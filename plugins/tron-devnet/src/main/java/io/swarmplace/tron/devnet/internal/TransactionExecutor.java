package io.swarmplace.tron.devnet.internal;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.time.Clock;
import java.util.Optional;
import org.tron.trident.proto.Chain;
import org.tron.trident.proto.Contract;
import org.tron.trident.proto.Response;
import org.tron.trident.proto.Response.TransactionReturn.response_code;

/**
 * Applies a validated transaction's contract to the state and writes its receipt. Balances are
 * checked before anything changes, so a rejected transaction leaves no trace. Fees as on TRON for an
 * account that stakes nothing: bandwidth comes from the sender's free daily allowance, else its bytes
 * burn TRX (refused when the TRX is not there); a TRX or TRC-10 transfer to an address that is no
 * account yet creates the account and burns 1 TRX for it, plus 0.1 TRX instead of its bandwidth (the
 * free allowance never pays for creating an account); a TRC-20 call burns TRX for its energy, up to the
 * fee limit, and when the TRX or the limit cannot pay for it the call runs out of energy: it enters a
 * block as failed, moves nothing and burns what it could pay. A transaction from an address that is no
 * account is refused.
 */
final class TransactionExecutor {

    static final String BTT_TOKEN_ID = "1002000";

    private final BttTrc20Contract btt;
    private final Clock clock;

    TransactionExecutor(BttTrc20Contract btt, Clock clock) {
        this.btt = btt;
        this.clock = clock;
    }

    /** The caller holds the state's lock. */
    Response.TransactionInfo execute(ChainState state, Chain.Transaction tx, ByteString txid) throws TransactionRejectedException {
        Chain.Transaction.Contract contract = tx.getRawData().getContract(0);
        Response.TransactionInfo.Builder info = Response.TransactionInfo.newBuilder().setId(txid)
                .setReceipt(Response.ResourceReceipt.newBuilder().setResult(Chain.Transaction.Result.contractResult.SUCCESS));
        try {
            switch (contract.getType()) {
                case TransferContract -> {
                    Contract.TransferContract transfer = contract.getParameter().unpack(Contract.TransferContract.class);
                    checkTransfer(transfer.getOwnerAddress(), transfer.getToAddress(), transfer.getAmount());
                    Bandwidth bandwidth = bandwidth(state, tx, transfer.getOwnerAddress(), transfer.getAmount(),
                            newAccount(state, transfer.getToAddress()));
                    transferTrx(state, transfer);
                    charge(state, bandwidth, info);
                }
                case TransferAssetContract -> {
                    Contract.TransferAssetContract transfer = contract.getParameter().unpack(Contract.TransferAssetContract.class);
                    checkTransfer(transfer.getOwnerAddress(), transfer.getToAddress(), transfer.getAmount());
                    Bandwidth bandwidth = bandwidth(state, tx, transfer.getOwnerAddress(), 0, newAccount(state, transfer.getToAddress()));
                    transferTrc10(state, transfer);
                    charge(state, bandwidth, info);
                }
                case TriggerSmartContract -> {
                    Contract.TriggerSmartContract call = contract.getParameter().unpack(Contract.TriggerSmartContract.class);
                    Bandwidth bandwidth = bandwidth(state, tx, call.getOwnerAddress(), 0, Optional.empty());
                    trigger(state, call, tx.getRawData().getFeeLimit(), bandwidth, info);
                    charge(state, bandwidth, info);
                }
                default -> throw validation("unsupported contract type " + contract.getType());
            }
        } catch (InvalidProtocolBufferException e) {
            throw validation("contract parameter does not match its type: " + e.getMessage());
        }
        return info.build();
    }

    /**
     * The bandwidth a transaction takes and what the sender pays for it: free allowance or burnt sun, and
     * the sun burnt for creating the recipient's account (0 when it exists).
     */
    private record Bandwidth(ByteString owner, long bytes, long burnSun, long newAccountSun, long nowMillis) {}

    /** The recipient, when a transfer to it would create its account. */
    private static Optional<ByteString> newAccount(ChainState state, ByteString to) {
        return state.isAccount(to) ? Optional.empty() : Optional.of(to);
    }

    /**
     * Checks, before anything changes, that the sender can pay the transaction's bandwidth, and the creation
     * of {@code newAccount} if there is one, next to the {@code trxSpent} it moves (an overdraft of that is
     * the contract's to refuse, with its own error).
     */
    private Bandwidth bandwidth(ChainState state, Chain.Transaction tx, ByteString owner, long trxSpent, Optional<ByteString> newAccount)
            throws TransactionRejectedException {
        if (!state.isAccount(owner)) {
            // Bandwidth is an account's to pay, so TRON refuses every transaction from an address that is none.
            throw validation("account " + Addresses.toBase58(owner) + " does not exist: it becomes one when it first"
                    + " receives TRX or a TRC-10 token");
        }
        long now = clock.millis();
        long bytes = Fees.bandwidthOf(tx);
        long spendable = state.trx(owner) - trxSpent;
        boolean contractRefuses = trxSpent > state.trx(owner);
        if (newAccount.isPresent()) {
            long burn = Fees.NEW_ACCOUNT_SUN + Fees.NEW_ACCOUNT_BANDWIDTH_SUN;
            if (!contractRefuses && spendable < burn) {
                throw validation("balance is not sufficient to create account " + Addresses.toBase58(newAccount.get())
                        + ": creating it burns " + burn + " sun (" + Fees.NEW_ACCOUNT_SUN + " fee + " + Fees.NEW_ACCOUNT_BANDWIDTH_SUN
                        + " for bandwidth, which the free allowance does not cover) while " + Addresses.toBase58(owner) + " has "
                        + Math.max(0, spendable) + " sun to spare");
            }
            return new Bandwidth(owner, bytes, Fees.NEW_ACCOUNT_BANDWIDTH_SUN, Fees.NEW_ACCOUNT_SUN, now);
        }
        long freeLeft = Fees.FREE_BANDWIDTH_PER_DAY - state.freeBandwidthUsed(owner, now);
        if (bytes <= freeLeft) {
            return new Bandwidth(owner, bytes, 0, 0, now);
        }
        long burn = bytes * Fees.SUN_PER_BANDWIDTH_BYTE;
        if (!contractRefuses && spendable < burn) {
            throw new TransactionRejectedException(response_code.BANDWITH_ERROR, "Account resource insufficient error: "
                    + bytes + " bandwidth bytes, " + Math.max(0, freeLeft) + " free left today, and burning them needs "
                    + burn + " sun while " + Addresses.toBase58(owner) + " has " + Math.max(0, spendable) + " sun to spare");
        }
        return new Bandwidth(owner, bytes, burn, 0, now);
    }

    private static void charge(ChainState state, Bandwidth bandwidth, Response.TransactionInfo.Builder info) {
        if (bandwidth.burnSun() == 0) {
            state.useFreeBandwidth(bandwidth.owner(), bandwidth.bytes(), bandwidth.nowMillis());
            info.getReceiptBuilder().setNetUsage(bandwidth.bytes());
        } else {
            state.addTrx(bandwidth.owner(), -bandwidth.burnSun());
            info.getReceiptBuilder().setNetFee(bandwidth.burnSun());
        }
        state.addTrx(bandwidth.owner(), -bandwidth.newAccountSun());
        info.setFee(info.getFee() + bandwidth.burnSun() + bandwidth.newAccountSun());
    }

    private static void transferTrx(ChainState state, Contract.TransferContract transfer) throws TransactionRejectedException {
        long balance = state.trx(transfer.getOwnerAddress());
        if (balance < transfer.getAmount()) {
            throw validation("Validate TransferContract error, balance is not sufficient: "
                    + balance + " sun < " + transfer.getAmount());
        }
        state.addTrx(transfer.getOwnerAddress(), -transfer.getAmount());
        state.addTrx(transfer.getToAddress(), transfer.getAmount());
    }

    private static void transferTrc10(ChainState state, Contract.TransferAssetContract transfer) throws TransactionRejectedException {
        String tokenId = transfer.getAssetName().toStringUtf8();
        if (!BTT_TOKEN_ID.equals(tokenId)) {
            throw validation("No asset " + tokenId + ": the only TRC-10 token on the devnet is BTT (" + BTT_TOKEN_ID + ")");
        }
        long balance = state.trc10(transfer.getOwnerAddress());
        if (balance < transfer.getAmount()) {
            throw validation("assetBalance is not sufficient: " + balance + " < " + transfer.getAmount());
        }
        state.addTrc10(transfer.getOwnerAddress(), -transfer.getAmount());
        state.addTrc10(transfer.getToAddress(), transfer.getAmount());
    }

    private void trigger(ChainState state, Contract.TriggerSmartContract call, long feeLimitSun, Bandwidth bandwidth,
                         Response.TransactionInfo.Builder info) throws TransactionRejectedException {
        requireBttContract(call.getContractAddress());
        if (call.getCallValue() != 0 || call.getCallTokenValue() != 0) {
            throw validation("the BTT contract is not payable: call_value and call_token_value must be 0");
        }
        ByteString owner = call.getOwnerAddress();
        long energy = btt.call(state, owner, call.getData(), false).energyUsed();
        long energyFee = energy * Fees.SUN_PER_ENERGY;
        long payable = Math.max(0, Math.min(feeLimitSun, state.trx(owner) - bandwidth.burnSun()));
        info.setContractAddress(call.getContractAddress());
        if (energyFee > payable) {
            // Out of energy: the call stops, its changes are undone, and the energy it could pay for is burnt.
            state.addTrx(owner, -payable);
            info.setResult(Response.TransactionInfo.code.FAILED)
                    .setResMessage(ByteString.copyFromUtf8("Not enough energy: the call needs " + energy + " energy ("
                            + energyFee + " sun), the fee limit and the balance allow " + payable + " sun"))
                    .setFee(payable)
                    .setReceipt(info.getReceiptBuilder().setEnergyUsageTotal(payable / Fees.SUN_PER_ENERGY).setEnergyFee(payable)
                            .setResult(Chain.Transaction.Result.contractResult.OUT_OF_ENERGY));
            return;
        }
        BttTrc20Contract.Outcome outcome = btt.call(state, owner, call.getData(), true);
        state.addTrx(owner, -energyFee);
        info.addContractResult(ByteString.copyFrom(outcome.returned()))
                .addAllLog(outcome.logs())
                .setFee(energyFee)
                .setReceipt(info.getReceiptBuilder().setEnergyUsageTotal(outcome.energyUsed()).setEnergyFee(energyFee));
    }

    void requireBttContract(ByteString contractAddress) throws TransactionRejectedException {
        if (!btt.address().equals(contractAddress)) {
            throw validation("No contract or not a smart contract at "
                    + (Addresses.isTron(contractAddress) ? Addresses.toBase58(contractAddress) : "an invalid address")
                    + "; the devnet's only contract is BTT at " + Addresses.toBase58(btt.address()));
        }
    }

    private static void checkTransfer(ByteString from, ByteString to, long amount) throws TransactionRejectedException {
        if (!Addresses.isTron(to)) {
            throw validation("Invalid toAddress");
        }
        if (from.equals(to)) {
            throw validation("Cannot transfer to yourself");
        }
        if (amount <= 0) {
            throw validation("Amount must be greater than 0, was " + amount);
        }
    }

    private static TransactionRejectedException validation(String message) {
        return new TransactionRejectedException(response_code.CONTRACT_VALIDATE_ERROR, message);
    }
}
