package io.swarmplace.tron.devnet.internal;

import java.time.Clock;
import java.time.Duration;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import org.tron.trident.api.GrpcAPI;
import org.tron.trident.api.WalletGrpc;
import org.tron.trident.proto.Chain;
import org.tron.trident.proto.Common;
import org.tron.trident.proto.Contract;
import org.tron.trident.proto.Response;
import org.tron.trident.proto.Response.TransactionReturn.response_code;

/** The full-node Wallet service: the RPCs Trident's ApiWrapper uses; every other one answers UNIMPLEMENTED. */
final class WalletService extends WalletGrpc.WalletImplBase {

    /** What java-tron gives transactions it builds for a client. */
    private static final Duration NODE_BUILT_EXPIRATION = Duration.ofSeconds(60);

    private final ChainState state;
    private final ChainResponses responses;
    private final TransactionPool pool;
    private final TransactionExecutor executor;
    private final BttTrc20Contract btt;
    private final Clock clock;

    WalletService(ChainState state, TransactionPool pool, TransactionExecutor executor, BttTrc20Contract btt, Clock clock) {
        this.state = state;
        this.responses = new ChainResponses(state);
        this.pool = pool;
        this.executor = executor;
        this.btt = btt;
        this.clock = clock;
    }

    @Override
    public void getNowBlock(GrpcAPI.EmptyMessage request, StreamObserver<Chain.Block> out) {
        reply(out, state.latestBlock());
    }

    @Override
    public void getNowBlock2(GrpcAPI.EmptyMessage request, StreamObserver<Response.BlockExtention> out) {
        reply(out, responses.blockExtention(state.latestBlock()));
    }

    @Override
    public void getBlockByNum(GrpcAPI.NumberMessage request, StreamObserver<Chain.Block> out) {
        reply(out, state.block(request.getNum()).orElse(Chain.Block.getDefaultInstance()));
    }

    @Override
    public void getBlockByNum2(GrpcAPI.NumberMessage request, StreamObserver<Response.BlockExtention> out) {
        reply(out, state.block(request.getNum()).map(responses::blockExtention)
                .orElse(Response.BlockExtention.getDefaultInstance()));
    }

    @Override
    public void getBlock(GrpcAPI.BlockReq request, StreamObserver<Response.BlockExtention> out) {
        answerGetBlock(request, state.latestBlock(), Long.MAX_VALUE, out);
    }

    /** getBlock for both services: the solidity one passes its newest block and hides later ones. */
    void answerGetBlock(GrpcAPI.BlockReq request, Chain.Block newest, long highestVisible,
                        StreamObserver<Response.BlockExtention> out) {
        String idOrNum = request.getIdOrNum();
        Chain.Block block;
        if (idOrNum.isEmpty()) {
            block = newest;
        } else if (idOrNum.length() == 64) {
            block = blockById(ByteString.fromHex(idOrNum));
        } else {
            try {
                block = state.block(Long.parseLong(idOrNum)).orElse(null);
            } catch (NumberFormatException e) {
                out.onError(Status.INVALID_ARGUMENT.withDescription("id_or_num is neither a block number nor a 64-hex block id: "
                        + idOrNum).asRuntimeException());
                return;
            }
        }
        if (block != null && block.getBlockHeader().getRawData().getNumber() > highestVisible) {
            block = null;
        }
        if (block == null) {
            out.onError(Status.NOT_FOUND.withDescription("no block " + idOrNum).asRuntimeException());
            return;
        }
        Response.BlockExtention ext = responses.blockExtention(block);
        if (!request.getDetail()) {
            ext = ext.toBuilder().clearTransactions().build();
        }
        reply(out, ext);
    }

    private Chain.Block blockById(ByteString id) {
        long number = java.nio.ByteBuffer.wrap(id.substring(0, 8).toByteArray()).getLong();
        return state.block(number).filter(b -> BlockIds.idOf(b.getBlockHeader()).equals(id)).orElse(null);
    }

    @Override
    public void getAccount(GrpcAPI.AccountAddressMessage request, StreamObserver<Response.Account> out) {
        reply(out, responses.account(request.getAddress()));
    }

    /** Every account's free bandwidth and what it used of it; nobody stakes on the devnet, so no other resources. */
    @Override
    public void getAccountResource(GrpcAPI.AccountAddressMessage request, StreamObserver<Response.AccountResourceMessage> out) {
        reply(out, Response.AccountResourceMessage.newBuilder()
                .setFreeNetLimit(Fees.FREE_BANDWIDTH_PER_DAY)
                .setFreeNetUsed(state.freeBandwidthUsed(request.getAddress(), clock.millis()))
                .build());
    }

    @Override
    public void broadcastTransaction(Chain.Transaction request, StreamObserver<Response.TransactionReturn> out) {
        Response.TransactionReturn.Builder result = Response.TransactionReturn.newBuilder();
        try {
            pool.accept(request);
            result.setResult(true).setCode(response_code.SUCCESS);
        } catch (TransactionRejectedException e) {
            result.setResult(false).setCode(e.code()).setMessage(ByteString.copyFromUtf8(e.getMessage()));
        }
        reply(out, result.build());
    }

    @Override
    public void getTransactionById(GrpcAPI.BytesMessage request, StreamObserver<Chain.Transaction> out) {
        reply(out, responses.transaction(request.getValue()));
    }

    @Override
    public void getTransactionInfoById(GrpcAPI.BytesMessage request, StreamObserver<Response.TransactionInfo> out) {
        reply(out, responses.info(request.getValue()));
    }

    @Override
    public void getChainParameters(GrpcAPI.EmptyMessage request, StreamObserver<Response.ChainParameters> out) {
        reply(out, Response.ChainParameters.newBuilder()
                .addChainParameter(parameter("getMaintenanceTimeInterval", 21_600_000))
                .addChainParameter(parameter("getTransactionFee", Fees.SUN_PER_BANDWIDTH_BYTE))
                .addChainParameter(parameter("getEnergyFee", Fees.SUN_PER_ENERGY))
                .addChainParameter(parameter("getCreateAccountFee", Fees.NEW_ACCOUNT_BANDWIDTH_SUN))
                .addChainParameter(parameter("getCreateNewAccountFeeInSystemContract", Fees.NEW_ACCOUNT_SUN))
                .addChainParameter(parameter("getFreeNetLimit", Fees.FREE_BANDWIDTH_PER_DAY))
                .addChainParameter(parameter("getAllowTvmTransferTrc10", 1))
                .build());
    }

    private static Response.ChainParameters.ChainParameter parameter(String key, long value) {
        return Response.ChainParameters.ChainParameter.newBuilder().setKey(key).setValue(value).build();
    }

    @Override
    public void triggerConstantContract(Contract.TriggerSmartContract request, StreamObserver<Response.TransactionExtention> out) {
        reply(out, runConstant(request));
    }

    /** Like java-tron, the answer carries a ready-to-sign transaction too: Trident's triggerCall builds on it. */
    Response.TransactionExtention runConstant(Contract.TriggerSmartContract request) {
        Response.TransactionExtention.Builder ext = Response.TransactionExtention.newBuilder();
        try {
            executor.requireBttContract(request.getContractAddress());
            BttTrc20Contract.Outcome outcome;
            synchronized (state) {
                outcome = btt.call(state, request.getOwnerAddress(), request.getData(), false);
            }
            Chain.Transaction tx = nodeBuiltTransaction(request);
            ext.setTransaction(tx).setTxid(TransactionPool.txidOf(tx))
                    .addConstantResult(ByteString.copyFrom(outcome.returned())).setEnergyUsed(outcome.energyUsed())
                    .setResult(Response.TransactionReturn.newBuilder().setResult(true).setCode(response_code.SUCCESS));
        } catch (TransactionRejectedException e) {
            ext.setResult(rejection(e));
        }
        return ext.build();
    }

    @Override
    public void triggerContract(Contract.TriggerSmartContract request, StreamObserver<Response.TransactionExtention> out) {
        Response.TransactionExtention.Builder ext = Response.TransactionExtention.newBuilder();
        try {
            executor.requireBttContract(request.getContractAddress());
            synchronized (state) {
                // A dry run so that an obviously failing call is refused before the client signs it.
                btt.call(state, request.getOwnerAddress(), request.getData(), false);
            }
            Chain.Transaction tx = nodeBuiltTransaction(request);
            ext.setTransaction(tx).setTxid(TransactionPool.txidOf(tx))
                    .setResult(Response.TransactionReturn.newBuilder().setResult(true).setCode(response_code.SUCCESS));
        } catch (TransactionRejectedException e) {
            ext.setResult(rejection(e));
        }
        reply(out, ext.build());
    }

    private Chain.Transaction nodeBuiltTransaction(Contract.TriggerSmartContract request) {
        return Chain.Transaction.newBuilder().setRawData(referencedRaw()
                .addContract(Chain.Transaction.Contract.newBuilder()
                        .setType(Chain.Transaction.Contract.ContractType.TriggerSmartContract)
                        .setParameter(Any.pack(request)))).build();
    }

    private Chain.Transaction.raw.Builder referencedRaw() {
        Chain.Block latest = state.latestBlock();
        long now = clock.millis();
        return Chain.Transaction.raw.newBuilder()
                .setRefBlockBytes(BlockIds.refBlockBytes(latest.getBlockHeader().getRawData().getNumber()))
                .setRefBlockHash(BlockIds.refBlockHash(BlockIds.idOf(latest.getBlockHeader())))
                .setTimestamp(now)
                .setExpiration(now + NODE_BUILT_EXPIRATION.toMillis());
    }

    @Override
    public void estimateEnergy(Contract.TriggerSmartContract request, StreamObserver<Response.EstimateEnergyMessage> out) {
        Response.TransactionExtention result = runConstant(request);
        Response.EstimateEnergyMessage.Builder estimate = Response.EstimateEnergyMessage.newBuilder()
                .setResult(result.getResult());
        if (result.getResult().getResult()) {
            estimate.setEnergyRequired(Math.max(result.getEnergyUsed(), BttTrc20Contract.ENERGY_PER_TRANSFER));
        }
        reply(out, estimate.build());
    }

    @Override
    public void getContract(GrpcAPI.BytesMessage request, StreamObserver<Common.SmartContract> out) {
        if (!btt.address().equals(request.getValue())) {
            reply(out, Common.SmartContract.getDefaultInstance()); // java-tron answers an empty contract
            return;
        }
        reply(out, Common.SmartContract.newBuilder()
                .setContractAddress(btt.address())
                .setOriginAddress(btt.address())
                .setName("BitTorrent")
                .setConsumeUserResourcePercent(100)
                .build());
    }

    static Response.TransactionReturn rejection(TransactionRejectedException e) {
        return Response.TransactionReturn.newBuilder().setResult(false).setCode(e.code())
                .setMessage(ByteString.copyFromUtf8(e.getMessage())).build();
    }

    static <T> void reply(StreamObserver<T> out, T value) {
        out.onNext(value);
        out.onCompleted();
    }
}
