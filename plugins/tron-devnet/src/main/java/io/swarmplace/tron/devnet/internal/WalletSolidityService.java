package io.swarmplace.tron.devnet.internal;

import io.grpc.stub.StreamObserver;
import org.tron.trident.api.GrpcAPI;
import org.tron.trident.api.WalletSolidityGrpc;
import org.tron.trident.proto.Chain;
import org.tron.trident.proto.Contract;
import org.tron.trident.proto.Response;

/**
 * The solidity-node service: blocks and receipts only once they are {@code solidifyDepth} blocks
 * deep. Accounts show the current state (a real solidity node lags by those few blocks).
 */
final class WalletSolidityService extends WalletSolidityGrpc.WalletSolidityImplBase {

    private final ChainState state;
    private final ChainResponses responses;
    private final WalletService fullNode;
    private final int solidifyDepth;

    WalletSolidityService(ChainState state, WalletService fullNode, int solidifyDepth) {
        this.state = state;
        this.responses = new ChainResponses(state);
        this.fullNode = fullNode;
        this.solidifyDepth = solidifyDepth;
    }

    @Override
    public void getBlock(GrpcAPI.BlockReq request, StreamObserver<Response.BlockExtention> out) {
        Chain.Block solid = state.solidifiedBlock(solidifyDepth);
        fullNode.answerGetBlock(request, solid, solid.getBlockHeader().getRawData().getNumber(), out);
    }

    private long solidifiedNumber() {
        return state.solidifiedBlock(solidifyDepth).getBlockHeader().getRawData().getNumber();
    }

    @Override
    public void getNowBlock(GrpcAPI.EmptyMessage request, StreamObserver<Chain.Block> out) {
        WalletService.reply(out, state.solidifiedBlock(solidifyDepth));
    }

    @Override
    public void getNowBlock2(GrpcAPI.EmptyMessage request, StreamObserver<Response.BlockExtention> out) {
        WalletService.reply(out, responses.blockExtention(state.solidifiedBlock(solidifyDepth)));
    }

    @Override
    public void getBlockByNum(GrpcAPI.NumberMessage request, StreamObserver<Chain.Block> out) {
        WalletService.reply(out, request.getNum() <= solidifiedNumber()
                ? state.block(request.getNum()).orElse(Chain.Block.getDefaultInstance())
                : Chain.Block.getDefaultInstance());
    }

    @Override
    public void getBlockByNum2(GrpcAPI.NumberMessage request, StreamObserver<Response.BlockExtention> out) {
        WalletService.reply(out, request.getNum() <= solidifiedNumber()
                ? state.block(request.getNum()).map(responses::blockExtention).orElse(Response.BlockExtention.getDefaultInstance())
                : Response.BlockExtention.getDefaultInstance());
    }

    @Override
    public void getAccount(GrpcAPI.AccountAddressMessage request, StreamObserver<Response.Account> out) {
        WalletService.reply(out, responses.account(request.getAddress()));
    }

    @Override
    public void getTransactionById(GrpcAPI.BytesMessage request, StreamObserver<Chain.Transaction> out) {
        boolean solid = state.info(request.getValue()).map(i -> i.getBlockNumber() <= solidifiedNumber()).orElse(false);
        WalletService.reply(out, solid ? responses.transaction(request.getValue()) : Chain.Transaction.getDefaultInstance());
    }

    @Override
    public void getTransactionInfoById(GrpcAPI.BytesMessage request, StreamObserver<Response.TransactionInfo> out) {
        WalletService.reply(out, state.info(request.getValue())
                .filter(i -> i.getBlockNumber() <= solidifiedNumber())
                .orElse(Response.TransactionInfo.getDefaultInstance()));
    }

    @Override
    public void triggerConstantContract(Contract.TriggerSmartContract request, StreamObserver<Response.TransactionExtention> out) {
        WalletService.reply(out, fullNode.runConstant(request));
    }
}
