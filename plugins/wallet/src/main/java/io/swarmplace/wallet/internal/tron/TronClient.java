package io.swarmplace.wallet.internal.tron;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.ConnectivityState;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.swarmplace.wallet.Balances;
import io.swarmplace.wallet.NetworkUnavailableException;
import io.swarmplace.wallet.Token;
import io.swarmplace.wallet.TokenAmount;
import io.swarmplace.wallet.TransferRejectedException;
import io.swarmplace.wallet.TronAddress;
import io.swarmplace.wallet.WalletException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.tron.trident.abi.FunctionEncoder;
import org.tron.trident.abi.TypeReference;
import org.tron.trident.abi.datatypes.Address;
import org.tron.trident.abi.datatypes.Bool;
import org.tron.trident.abi.datatypes.Function;
import org.tron.trident.abi.datatypes.generated.Uint256;
import org.tron.trident.core.ApiWrapper;
import org.tron.trident.core.NodeType;
import org.tron.trident.core.key.KeyPair;
import org.tron.trident.proto.Chain;
import org.tron.trident.proto.Contract;
import org.tron.trident.proto.Response;

/**
 * Everything the wallet asks a TRON network, through Trident's ApiWrapper over gRPC. gRPC failures
 * become {@link NetworkUnavailableException} or {@link TransferRejectedException} with messages a user
 * can act on; nothing here holds a key longer than one call.
 */
public final class TronClient implements AutoCloseable {

    /** keccak256("transfer(address,uint256)")[0..4]: the only TRC-20 call the wallet makes or recognizes. */
    private static final String TRC20_TRANSFER_SELECTOR = "a9059cbb";
    private static final String BTT_TRC10_ID = Long.toString(Token.BTT_TRC10_TOKEN_ID);
    /** TRON burns 1,000 sun per bandwidth byte once the free points are spent (chain parameter getTransactionFee). */
    private static final long DEFAULT_SUN_PER_BYTE = 1_000;
    private static final long DEFAULT_SUN_PER_ENERGY = 420;
    /** Burnt by a TRX or TRC-10 transfer that creates its recipient's account (getCreateNewAccountFeeInSystemContract). */
    private static final long DEFAULT_NEW_ACCOUNT_SUN = 1_000_000;
    /** Burnt instead of such a transfer's bandwidth unless staked bandwidth covers it (getCreateAccountFee). */
    private static final long DEFAULT_NEW_ACCOUNT_BANDWIDTH_SUN = 100_000;

    private static final long RECONNECT_CHECK_MILLIS = 20;
    private static final Duration PRICES_FOR = Duration.ofMinutes(10);

    /**
     * What the chain burns: per bandwidth byte, per energy unit, for creating an account, and instead of
     * the bandwidth of a transfer that creates one.
     */
    public record FeePrices(long sunPerByte, long sunPerEnergy, long newAccountSun, long newAccountBandwidthSun) {}

    private record CachedPrices(FeePrices prices, long readAtNanos) {}

    private final TronEndpoints endpoints;
    private final ApiWrapper api;
    private final int timeoutMillis;
    private volatile CachedPrices prices;

    public TronClient(TronEndpoints endpoints, int timeoutMillis, String apiKey) {
        this.endpoints = endpoints;
        this.timeoutMillis = timeoutMillis;
        // ApiWrapper insists on a key of its own; it never signs with it: signTransaction(tx, key) names the key.
        String unusedKey = KeyPair.generate().toPrivateKey();
        this.api = apiKey.isBlank()
                ? new ApiWrapper(endpoints.fullNode(), endpoints.solidityNode(), unusedKey, timeoutMillis)
                : withApiKey(endpoints, unusedKey, apiKey);
    }

    private static ApiWrapper withApiKey(TronEndpoints endpoints, String key, String apiKey) {
        return new ApiWrapper(endpoints.fullNode(), endpoints.solidityNode(), key, apiKey);
    }

    public TronEndpoints endpoints() {
        return endpoints;
    }

    /**
     * Whether {@code address} is a TRON account: one that has received TRX or a TRC-10 token. A TRX or
     * TRC-10 transfer to an address that is not creates the account, and its sender pays for that.
     */
    public boolean isAccount(TronAddress address) throws WalletException {
        return !call("read the account " + address, () -> api.getAccount(address.base58())).getAddress().isEmpty();
    }

    public Balances balances(TronAddress account) throws WalletException {
        Response.Account state = call("read the balance of " + account, () -> api.getAccount(account.base58()));
        long trc10 = state.getAssetV2Map().getOrDefault(BTT_TRC10_ID, 0L);
        BigInteger trc20 = endpoints.bttContract().isPresent() ? trc20Balance(account) : BigInteger.ZERO;
        return new Balances(account, TokenAmount.ofUnits(Token.TRX, state.getBalance()),
                TokenAmount.ofUnits(Token.BTT, trc20), TokenAmount.ofUnits(Token.BTT_TRC10, trc10));
    }

    private BigInteger trc20Balance(TronAddress account) throws WalletException {
        Response.TransactionExtention result = call("read the BTT balance of " + account, () -> api.triggerConstantContract(
                account.base58(), bttContract(), new Function("balanceOf", List.of(new Address(account.base58())),
                        List.of(new TypeReference<Uint256>() { }))));
        requireSuccess(result.getResult(), "balanceOf");
        return result.getConstantResultCount() == 0 ? BigInteger.ZERO : new BigInteger(1, result.getConstantResult(0).toByteArray());
    }

    /** An unsigned transaction moving {@code amount}, referencing the network's latest block. */
    public Chain.Transaction buildTransfer(TronAddress from, TronAddress to, TokenAmount amount, long feeLimitSun)
            throws WalletException {
        String what = "build the transfer of " + amount;
        return switch (amount.token()) {
            case TRX -> call(what, () -> api.transfer(from.base58(), to.base58(), amount.units().longValueExact())).getTransaction();
            case BTT_TRC10 -> call(what, () -> api.transferTrc10(from.base58(), to.base58(),
                    (int) Token.BTT_TRC10_TOKEN_ID, amount.units().longValueExact())).getTransaction();
            case BTT -> call(what, () -> api.triggerCall(from.base58(), bttContract(), trc20Transfer(to, amount.units()))
                    .setFeeLimit(feeLimitSun).build());
        };
    }

    /** Energy a TRC-20 transfer uses, as the network's estimateEnergy says. */
    public long estimateEnergy(TronAddress from, TronAddress to, BigInteger units) throws WalletException {
        Response.EstimateEnergyMessage estimate = call("estimate the energy of a BTT transfer",
                () -> api.estimateEnergy(from.base58(), bttContract(), trc20Transfer(to, units)));
        requireSuccess(estimate.getResult(), "estimateEnergy");
        return estimate.getEnergyRequired();
    }

    /** What an account can use without burning TRX: its free and staked bandwidth left, its staked energy left. */
    public record Resources(long freeBandwidth, long stakedBandwidth, long stakedEnergy) {}

    public Resources resources(TronAddress account) throws WalletException {
        Response.AccountResourceMessage resources = call("read the bandwidth and energy of " + account,
                () -> api.getAccountResource(account.base58()));
        return new Resources(Math.max(0, resources.getFreeNetLimit() - resources.getFreeNetUsed()),
                Math.max(0, resources.getNetLimit() - resources.getNetUsed()),
                Math.max(0, resources.getEnergyLimit() - resources.getEnergyUsed()));
    }

    /** TRON's bandwidth of a transaction: its bytes without the result, plus 64. */
    public long bandwidthOf(Chain.Transaction signed) {
        return api.estimateBandwidth(signed);
    }

    /**
     * What the chain burns for a transfer, from its parameters. They change only by a
     * committee proposal, at a maintenance period (every 6 hours on TRON), so they are read again at most
     * every {@link #PRICES_FOR} rather than once more for every send.
     */
    public FeePrices feePrices() throws WalletException {
        CachedPrices cached = prices;
        if (cached != null && System.nanoTime() - cached.readAtNanos() < PRICES_FOR.toNanos()) {
            return cached.prices();
        }
        FeePrices read = readFeePrices();
        prices = new CachedPrices(read, System.nanoTime());
        return read;
    }

    private FeePrices readFeePrices() throws WalletException {
        Response.ChainParameters parameters = call("read the chain parameters", api::getChainParameters);
        long perByte = DEFAULT_SUN_PER_BYTE;
        long perEnergy = DEFAULT_SUN_PER_ENERGY;
        long newAccount = DEFAULT_NEW_ACCOUNT_SUN;
        long newAccountBandwidth = DEFAULT_NEW_ACCOUNT_BANDWIDTH_SUN;
        for (Response.ChainParameters.ChainParameter parameter : parameters.getChainParameterList()) {
            switch (parameter.getKey()) {
                case "getTransactionFee" -> perByte = parameter.getValue();
                case "getEnergyFee" -> perEnergy = parameter.getValue();
                case "getCreateNewAccountFeeInSystemContract" -> newAccount = parameter.getValue();
                case "getCreateAccountFee" -> newAccountBandwidth = parameter.getValue();
                default -> { }
            }
        }
        return new FeePrices(perByte, perEnergy, newAccount, newAccountBandwidth);
    }

    public Chain.Transaction sign(Chain.Transaction unsigned, KeyPair key) {
        return api.signTransaction(unsigned, key);
    }

    public static String txidOf(Chain.Transaction transaction) {
        return HexFormat.of().formatHex(ApiWrapper.calculateTransactionHash(transaction));
    }

    /**
     * Broadcasts a signed transaction. A duplicate counts as accepted: the network already has this very
     * transaction, which is what a retry after a lost answer looks like.
     */
    public void broadcast(Chain.Transaction signed) throws WalletException {
        try {
            call("broadcast transaction " + txidOf(signed), () -> api.broadcastTransaction(signed));
        } catch (TransferRejectedException rejected) {
            if (!rejected.getMessage().contains("DUP_TRANSACTION_ERROR")) {
                throw rejected;
            }
        }
    }

    /** The receipt once the transaction is in a solidified block; empty before. */
    public Optional<Response.TransactionInfo> solidifiedInfo(String txid) throws WalletException {
        return receipt(txid, NodeType.SOLIDITY_NODE);
    }

    /** The receipt once the transaction is in any block, solidified or not; empty before. */
    public Optional<Response.TransactionInfo> includedInfo(String txid) throws WalletException {
        return receipt(txid, NodeType.FULL_NODE);
    }

    private Optional<Response.TransactionInfo> receipt(String txid, NodeType node) throws WalletException {
        try {
            Response.TransactionInfo info = call("look up transaction " + txid, () -> api.getTransactionInfoById(txid, node));
            return info.getBlockNumber() > 0 ? Optional.of(info) : Optional.empty();
        } catch (TransferRejectedException notFound) {
            return Optional.empty(); // Trident reports an unknown receipt as an exception
        }
    }

    public long solidifiedBlockNumber() throws WalletException {
        return call("read the solidified block", () -> api.getNowBlock2(NodeType.SOLIDITY_NODE))
                .getBlockHeader().getRawData().getNumber();
    }

    /** Transfers of TRX, legacy BTT and BTT into any of {@code accounts} in solidified block {@code number}. */
    public List<SeenTransfer> transfersIn(long number, java.util.Set<TronAddress> accounts) throws WalletException {
        Response.BlockExtention block = call("read block " + number, () -> api.getBlockByNum(number, NodeType.SOLIDITY_NODE));
        List<SeenTransfer> seen = new ArrayList<>();
        for (Response.TransactionExtention tx : block.getTransactionsList()) {
            Chain.Transaction transaction = tx.getTransaction();
            if (transaction.getRawData().getContractCount() != 1) {
                continue;
            }
            decode(transaction.getRawData().getContract(0))
                    .filter(transfer -> accounts.contains(transfer.to()))
                    .map(transfer -> transfer.in(txidOf(transaction), number))
                    .ifPresent(seen::add);
        }
        return seen;
    }

    /** Whether the transaction executed; a reverted TRC-20 call is in a block yet moved nothing. */
    public static boolean succeeded(Response.TransactionInfo info) {
        return info.getResult() != Response.TransactionInfo.code.FAILED
                && (!info.hasReceipt() || info.getReceipt().getResult() == Chain.Transaction.Result.contractResult.SUCCESS
                        || info.getReceipt().getResult() == Chain.Transaction.Result.contractResult.DEFAULT);
    }

    private Optional<SeenTransfer> decode(Chain.Transaction.Contract contract) {
        try {
            Any parameter = contract.getParameter();
            switch (contract.getType()) {
                case TransferContract: {
                    Contract.TransferContract trx = parameter.unpack(Contract.TransferContract.class);
                    return Optional.of(new SeenTransfer(address(trx.getOwnerAddress()), address(trx.getToAddress()),
                            TokenAmount.ofUnits(Token.TRX, trx.getAmount()), "", 0));
                }
                case TransferAssetContract: {
                    Contract.TransferAssetContract asset = parameter.unpack(Contract.TransferAssetContract.class);
                    if (!asset.getAssetName().toStringUtf8().equals(BTT_TRC10_ID)) {
                        return Optional.empty();
                    }
                    return Optional.of(new SeenTransfer(address(asset.getOwnerAddress()), address(asset.getToAddress()),
                            TokenAmount.ofUnits(Token.BTT_TRC10, asset.getAmount()), "", 0));
                }
                case TriggerSmartContract: {
                    Contract.TriggerSmartContract call = parameter.unpack(Contract.TriggerSmartContract.class);
                    if (endpoints.bttContract().isEmpty()
                            || !address(call.getContractAddress()).equals(TronAddress.parse(endpoints.bttContract().get()))) {
                        return Optional.empty();
                    }
                    return decodeTrc20Transfer(address(call.getOwnerAddress()), call.getData());
                }
                default:
                    return Optional.empty();
            }
        } catch (InvalidProtocolBufferException | IllegalArgumentException malformed) {
            return Optional.empty(); // not a transfer we can read: not ours to report
        }
    }

    private static Optional<SeenTransfer> decodeTrc20Transfer(TronAddress from, ByteString data) {
        String hex = HexFormat.of().formatHex(data.toByteArray());
        if (hex.length() != 8 + 64 + 64 || !hex.startsWith(TRC20_TRANSFER_SELECTOR)) {
            return Optional.empty();
        }
        // ABI words: the 20-byte EVM address right-aligned in 32 bytes, then the uint256 amount.
        TronAddress to = TronAddress.ofHex("41" + hex.substring(8 + 24, 8 + 64));
        BigInteger units = new BigInteger(hex.substring(8 + 64), 16);
        return Optional.of(new SeenTransfer(from, to, TokenAmount.ofUnits(Token.BTT, units), "", 0));
    }

    private static TronAddress address(ByteString bytes) {
        return TronAddress.ofBytes(bytes.toByteArray());
    }

    private static Function trc20Transfer(TronAddress to, BigInteger units) {
        return new Function("transfer", List.of(new Address(to.base58()), new Uint256(units)), List.of(new TypeReference<Bool>() { }));
    }

    static String encodedTransfer(TronAddress to, BigInteger units) {
        return FunctionEncoder.encode(trc20Transfer(to, units));
    }

    private String bttContract() throws WalletException {
        return endpoints.bttContract().orElseThrow(() -> new WalletException("BTT's TRC-20 contract on " + endpoints.name()
                + " is not configured: set bttContract in io.swarmplace.wallet.cfg"));
    }

    private static void requireSuccess(Response.TransactionReturn result, String what) throws WalletException {
        if (result.getCode() != Response.TransactionReturn.response_code.SUCCESS) {
            throw new TransferRejectedException(what + " refused by the network: " + result.getCode() + " "
                    + result.getMessage().toStringUtf8());
        }
    }

    @FunctionalInterface
    private interface Call<T> {
        T run() throws Exception;
    }

    /**
     * Runs one gRPC call, turning gRPC's failures into the wallet's. Every call the wallet makes is a
     * read or the broadcast of an already signed transaction, so one that found the network unreachable
     * is tried once more when the connection comes back within the timeout (gRPC fails calls at once
     * while it backs off from a refused connection).
     */
    private <T> T call(String what, Call<T> call) throws WalletException {
        try {
            return attempt(what, call);
        } catch (NetworkUnavailableException unreachable) {
            if (!reconnected()) {
                throw unreachable;
            }
            return attempt(what, call);
        }
    }

    private <T> T attempt(String what, Call<T> call) throws WalletException {
        try {
            return call.run();
        } catch (WalletException e) {
            throw e;
        } catch (Exception e) {
            StatusRuntimeException grpc = grpcCause(e);
            if (grpc != null) {
                throw translate(what, grpc);
            }
            // Trident reports the node's refusals (TRON codes such as SIGERROR) as plain exceptions.
            throw new TransferRejectedException("cannot " + what + ": " + e.getMessage(), e);
        }
    }

    private boolean reconnected() {
        api.channel.resetConnectBackoff();
        api.channelSolidity.resetConnectBackoff();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (System.nanoTime() - deadline < 0) {
            if (api.channel.getState(true) == ConnectivityState.READY
                    && api.channelSolidity.getState(true) == ConnectivityState.READY) {
                return true;
            }
            try {
                Thread.sleep(RECONNECT_CHECK_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private WalletException translate(String what, StatusRuntimeException e) {
        Status.Code code = e.getStatus().getCode();
        if (code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED || code == Status.Code.CANCELLED) {
            return new NetworkUnavailableException("cannot " + what + ": the TRON network " + endpoints
                    + " is unreachable (" + code + "). Is the devnet running, or the network reachable?", e);
        }
        return new TransferRejectedException("cannot " + what + ": " + endpoints.name() + " answered " + e.getStatus(), e);
    }

    private static StatusRuntimeException grpcCause(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof StatusRuntimeException grpc) {
                return grpc;
            }
        }
        return null;
    }

    @Override
    public void close() {
        api.close();
    }
}
