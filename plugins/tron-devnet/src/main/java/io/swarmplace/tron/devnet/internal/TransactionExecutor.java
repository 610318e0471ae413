package io.swarmplace.tron.devnet.internal;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import org.tron.trident.proto.Chain;
import org.tron.trident.proto.Contract;
import org.tron.trident.proto.Response;
import org.tron.trident.proto.Response.TransactionReturn.response_code;

/**
 * Applies a validated transaction's contract to the state and writes its receipt. Balances are
 * checked before anything changes, so a rejected transaction leaves no trace. Bandwidth and energy
 * cost nothing on the devnet.
 */
final class TransactionExecutor {

    static final String BTT_TOKEN_ID = "1002000";

    private final BttTrc20Contract btt;

    TransactionExecutor(BttTrc20Contract btt) {
        this.btt = btt;
    }

    /** The caller holds the state's lock. */
    Response.TransactionInfo execute(ChainState state, Chain.Transaction tx, ByteString txid) throws TransactionRejectedException {
        Chain.Transaction.Contract contract = tx.getRawData().getContract(0);
        Response.TransactionInfo.Builder info = Response.TransactionInfo.newBuilder().setId(txid)
                .setReceipt(Response.ResourceReceipt.newBuilder().setResult(Chain.Transaction.Result.contractResult.SUCCESS));
        try {
            switch (contract.getType()) {
                case TransferContract -> transferTrx(state, contract.getParameter().unpack(Contract.TransferContract.class));
                case TransferAssetContract -> transferTrc10(state, contract.getParameter().unpack(Contract.TransferAssetContract.class));
                case TriggerSmartContract -> trigger(state, contract.getParameter().unpack(Contract.TriggerSmartContract.class), info);
                default -> throw validation("unsupported contract type " + contract.getType());
            }
        } catch (InvalidProtocolBufferException e) {
            throw validation("contract parameter does not match its type: " + e.getMessage());
        }
        return info.build();
    }

    private static void transferTrx(ChainState state, Contract.TransferContract transfer) throws TransactionRejectedException {
        checkTransfer(transfer.getOwnerAddress(), transfer.getToAddress(), transfer.getAmount());
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
        checkTransfer(transfer.getOwnerAddress(), transfer.getToAddress(), transfer.getAmount());
        long balance = state.trc10(transfer.getOwnerAddress());
        if (balance < transfer.getAmount()) {
            throw validation("assetBalance is not sufficient: " + balance + " < " + transfer.getAmount());
        }
        state.addTrc10(transfer.getOwnerAddress(), -transfer.getAmount());
        state.addTrc10(transfer.getToAddress(), transfer.getAmount());
    }

    private void trigger(ChainState state, Contract.TriggerSmartContract call, Response.TransactionInfo.Builder info)
            throws TransactionRejectedException {
        requireBttContract(call.getContractAddress());
        if (call.getCallValue() != 0 || call.getCallTokenValue() != 0) {
            throw validation("the BTT contract is not payable: call_value and call_token_value must be 0");
        }
        BttTrc20Contract.Outcome outcome = btt.call(state, call.getOwnerAddress(), call.getData(), true);
        info.setContractAddress(call.getContractAddress())
                .addContractResult(ByteString.copyFrom(outcome.returned()))
                .addAllLog(outcome.logs())
                .setReceipt(info.getReceiptBuilder().setEnergyUsageTotal(outcome.energyUsed()));
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
