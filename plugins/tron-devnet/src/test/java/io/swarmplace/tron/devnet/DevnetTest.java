package io.swarmplace.tron.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tron.trident.abi.TypeReference;
import org.tron.trident.abi.datatypes.Address;
import org.tron.trident.abi.datatypes.Bool;
import org.tron.trident.abi.datatypes.Function;
import org.tron.trident.abi.datatypes.generated.Uint256;
import org.tron.trident.core.ApiWrapper;
import org.tron.trident.core.NodeType;
import org.tron.trident.core.key.KeyPair;
import org.tron.trident.proto.Chain;
import org.tron.trident.proto.Response;

/** Drives an in-JVM devnet with Trident's real ApiWrapper over gRPC on 127.0.0.1. */
class DevnetTest {

    private static final long TRX = 1_000_000L;
    private static final BigInteger BTT = BigInteger.TEN.pow(18);

    @TempDir
    Path data;

    private Devnet devnet;
    private final KeyPair alice = KeyPair.generate();
    private final KeyPair bob = KeyPair.generate();
    private ApiWrapper aliceWallet;

    @BeforeEach
    void start() throws Exception {
        devnet = Devnet.start(config());
        devnet.faucet().mintTrx(alice.toBase58CheckAddress(), 100 * TRX);
        devnet.faucet().mintBttTrc10(alice.toBase58CheckAddress(), 5_000_000);
        devnet.faucet().mintBttTrc20(alice.toBase58CheckAddress(), BTT.multiply(BigInteger.valueOf(1_000)));
        devnet.faucet().mintTrx(bob.toBase58CheckAddress(), TRX);
        aliceWallet = wallet(alice);
    }

    private DevnetConfig config() {
        return new DevnetConfig(0, data, Duration.ofMillis(150), 1);
    }

    private ApiWrapper wallet(KeyPair owner) {
        return new ApiWrapper(devnet.endpoint(), devnet.endpoint(), owner.toPrivateKey());
    }

    @AfterEach
    void stop() {
        if (aliceWallet != null) {
            aliceWallet.close();
        }
        if (devnet != null) {
            devnet.close();
        }
    }

    @Test
    void transfersTrxTrc10AndTrc20BttBetweenAccounts() throws Exception {
        String a = alice.toBase58CheckAddress();
        String b = bob.toBase58CheckAddress();

        String trxTx = aliceWallet.broadcastTransaction(aliceWallet.signTransaction(aliceWallet.transfer(a, b, 7 * TRX)));
        String trc10Tx = aliceWallet.broadcastTransaction(aliceWallet.signTransaction(
                aliceWallet.transferTrc10(a, b, Devnet.BTT_TRC10_TOKEN_ID, 1_234_567)));
        Chain.Transaction call = aliceWallet.triggerCall(a, devnet.bttContractAddress(), transfer(b, BTT.multiply(BigInteger.valueOf(250))))
                .setFeeLimit(100_000_000).build();
        String trc20Tx = aliceWallet.broadcastTransaction(aliceWallet.signTransaction(call));

        Response.TransactionInfo trc20Info = awaitSolidified(trc20Tx);
        long fees = awaitSolidified(trxTx).getFee() + awaitSolidified(trc10Tx).getFee() + trc20Info.getFee();

        // Nobody stakes on the devnet: the TRC-20 call's energy is paid by burning TRX.
        assertThat(trc20Info.getReceipt().getEnergyFee()).isEqualTo(14_650 * 420L);
        assertThat(fees).isGreaterThanOrEqualTo(14_650 * 420L);
        assertThat(aliceWallet.getAccount(a).getBalance()).isEqualTo(93 * TRX - fees);
        assertThat(aliceWallet.getAccount(b).getBalance()).isEqualTo(8 * TRX);
        assertThat(aliceWallet.getAccount(a).getAssetV2Map()).containsEntry("1002000", 5_000_000L - 1_234_567);
        assertThat(aliceWallet.getAccount(b).getAssetV2Map()).containsEntry("1002000", 1_234_567L);
        assertThat(trc20Balance(a)).isEqualTo(BTT.multiply(BigInteger.valueOf(750)));
        assertThat(trc20Balance(b)).isEqualTo(BTT.multiply(BigInteger.valueOf(250)));
        assertThat(decimals()).isEqualTo(18);

        assertThat(trc20Info.getLogCount()).isEqualTo(1);
        Response.TransactionInfo.Log log = trc20Info.getLog(0);
        assertThat(HexFormat.of().formatHex(log.getTopics(0).toByteArray()))
                .isEqualTo("ddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef");
        assertThat(HexFormat.of().formatHex(log.getTopics(1).toByteArray())).endsWith(alice.toHexAddress().substring(2));
        assertThat(HexFormat.of().formatHex(log.getTopics(2).toByteArray())).endsWith(bob.toHexAddress().substring(2));
        assertThat(new BigInteger(1, log.getData().toByteArray())).isEqualTo(BTT.multiply(BigInteger.valueOf(250)));
        assertThat(trc20Info.getBlockNumber()).isPositive();
    }

    @Test
    void chargesBandwidthBeyondTheDailyFreeAllowanceAndEnergyInTrxAsTronDoes() throws Exception {
        KeyPair carol = KeyPair.generate();
        String c = carol.toBase58CheckAddress();
        String b = bob.toBase58CheckAddress();
        devnet.faucet().mintBttTrc10(c, 1_000);
        devnet.faucet().mintBttTrc20(c, BTT.multiply(BigInteger.TEN));
        ApiWrapper carolWallet = wallet(carol);
        try {
            // Without TRX, a TRC-20 call runs out of energy: in a block, failed, nothing moved, nothing to burn.
            Chain.Transaction call = carolWallet.triggerCall(c, devnet.bttContractAddress(), transfer(b, BTT))
                    .setFeeLimit(100_000_000).build();
            Response.TransactionInfo outOfEnergy = awaitSolidified(carolWallet.broadcastTransaction(carolWallet.signTransaction(call)));
            assertThat(outOfEnergy.getResult()).isEqualTo(Response.TransactionInfo.code.FAILED);
            assertThat(outOfEnergy.getReceipt().getResult()).isEqualTo(Chain.Transaction.Result.contractResult.OUT_OF_ENERGY);
            assertThat(trc20Balance(c)).isEqualTo(BTT.multiply(BigInteger.TEN));
            long used = carolWallet.getAccountResource(c).getFreeNetUsed();
            assertThat(used).isEqualTo(outOfEnergy.getReceipt().getNetUsage()).isPositive();

            // TRC-10 sends use the free bandwidth until the day's 600 bytes are gone; then, without TRX, they are refused.
            String refusal = null;
            long lastBytes = 0;
            for (int sent = 0; sent < 5 && refusal == null; sent++) {
                Chain.Transaction send = carolWallet.signTransaction(carolWallet.transferTrc10(c, b, Devnet.BTT_TRC10_TOKEN_ID, 1));
                lastBytes = carolWallet.estimateBandwidth(send);
                try {
                    assertThat(awaitSolidified(carolWallet.broadcastTransaction(send)).getFee()).isZero();
                } catch (RuntimeException refused) {
                    refusal = refused.getMessage();
                }
            }
            assertThat(refusal).contains("BANDWITH_ERROR", "Account resource insufficient");
            assertThat(carolWallet.getAccountResource(c).getFreeNetLimit()).isEqualTo(600);
            assertThat(600 - carolWallet.getAccountResource(c).getFreeNetUsed()).isLessThan(lastBytes);

            // With TRX, the bytes beyond the allowance burn 1,000 sun each, and a TRC-20 call 420 sun per energy.
            devnet.faucet().mintTrx(c, 10 * TRX);
            Chain.Transaction paid = carolWallet.signTransaction(carolWallet.transferTrc10(c, b, Devnet.BTT_TRC10_TOKEN_ID, 1));
            Response.TransactionInfo burnt = awaitSolidified(carolWallet.broadcastTransaction(paid));
            assertThat(burnt.getReceipt().getNetFee()).isEqualTo(carolWallet.estimateBandwidth(paid) * 1_000).isEqualTo(burnt.getFee());
            Chain.Transaction trc20 = carolWallet.signTransaction(carolWallet.triggerCall(c, devnet.bttContractAddress(),
                    transfer(b, BTT)).setFeeLimit(100_000_000).build());
            Response.TransactionInfo energy = awaitSolidified(carolWallet.broadcastTransaction(trc20));
            assertThat(energy.getResult()).isEqualTo(Response.TransactionInfo.code.SUCESS);
            assertThat(energy.getFee()).isEqualTo(14_650 * 420L + carolWallet.estimateBandwidth(trc20) * 1_000);
            assertThat(carolWallet.getAccount(c).getBalance()).isEqualTo(10 * TRX - burnt.getFee() - energy.getFee());
            assertThat(trc20Balance(c)).isEqualTo(BTT.multiply(BigInteger.valueOf(9)));
        } finally {
            carolWallet.close();
        }
    }

    @Test
    void aTrxOrTrc10TransferToAnAddressThatIsNoAccountCreatesItAndBurnsTheCreationFee() throws Exception {
        String a = alice.toBase58CheckAddress();
        String b = bob.toBase58CheckAddress();
        KeyPair dave = KeyPair.generate();
        String d = dave.toBase58CheckAddress();
        String e = KeyPair.generate().toBase58CheckAddress();
        String f = KeyPair.generate().toBase58CheckAddress();
        // A TRC-20 balance lives in the contract: it makes no account, and an address that is none cannot send.
        devnet.faucet().mintBttTrc20(d, BTT);
        assertThat(aliceWallet.getAccount(d).getAddress().isEmpty()).isTrue();
        ApiWrapper daveWallet = wallet(dave);
        try {
            Chain.Transaction fromNoAccount = daveWallet.signTransaction(daveWallet.triggerCall(d, devnet.bttContractAddress(),
                    transfer(a, BTT)).setFeeLimit(100_000_000).build());
            assertThatThrownBy(() -> daveWallet.broadcastTransaction(fromNoAccount))
                    .hasMessageContaining("CONTRACT_VALIDATE_ERROR").hasMessageContaining("does not exist");
        } finally {
            daveWallet.close();
        }
        assertThat(trc20Balance(d)).isEqualTo(BTT);
        long aliceBefore = aliceWallet.getAccount(a).getBalance();
        long freeUsedBefore = aliceWallet.getAccountResource(a).getFreeNetUsed();

        Response.TransactionInfo creating = awaitSolidified(
                aliceWallet.broadcastTransaction(aliceWallet.signTransaction(aliceWallet.transfer(a, d, 2 * TRX))));
        // 1 TRX for the account, 0.1 TRX instead of the bandwidth: the free allowance does not pay for creating accounts.
        assertThat(creating.getFee()).isEqualTo(1_100_000);
        assertThat(creating.getReceipt().getNetFee()).isEqualTo(100_000);
        assertThat(aliceWallet.getAccountResource(a).getFreeNetUsed()).isEqualTo(freeUsedBefore);
        assertThat(aliceWallet.getAccount(a).getBalance()).isEqualTo(aliceBefore - 2 * TRX - 1_100_000);
        assertThat(aliceWallet.getAccount(d).getAddress().isEmpty()).isFalse();
        assertThat(aliceWallet.getAccount(d).getBalance()).isEqualTo(2 * TRX);

        Response.TransactionInfo existing = awaitSolidified(
                aliceWallet.broadcastTransaction(aliceWallet.signTransaction(aliceWallet.transfer(a, d, TRX))));
        assertThat(existing.getFee()).isZero();
        Response.TransactionInfo trc10 = awaitSolidified(aliceWallet.broadcastTransaction(aliceWallet.signTransaction(
                aliceWallet.transferTrc10(a, e, Devnet.BTT_TRC10_TOKEN_ID, 10))));
        assertThat(trc10.getFee()).isEqualTo(1_100_000);
        assertThat(aliceWallet.getAccount(e).getAssetV2Map()).containsEntry("1002000", 10L);
        assertThat(aliceWallet.getAccount(a).getBalance()).isEqualTo(aliceBefore - 3 * TRX - 2_200_000);

        // Bob's 1 TRX cannot pay for creating an account next to what he sends: refused, nothing changes.
        ApiWrapper bobWallet = wallet(bob);
        try {
            Chain.Transaction poor = bobWallet.signTransaction(bobWallet.transfer(b, f, TRX / 2));
            assertThatThrownBy(() -> bobWallet.broadcastTransaction(poor))
                    .hasMessageContaining("CONTRACT_VALIDATE_ERROR").hasMessageContaining("create account " + f);
        } finally {
            bobWallet.close();
        }
        assertThat(aliceWallet.getAccount(b).getBalance()).isEqualTo(TRX);
        assertThat(aliceWallet.getAccount(f).getAddress().isEmpty()).isTrue();
    }

    @Test
    void rejectsForgedExpiredDuplicateOverdraftAndUnknownTokenTransactionsWithoutChangingBalances() throws Exception {
        String a = alice.toBase58CheckAddress();
        String b = bob.toBase58CheckAddress();
        Balances before = balances();

        Chain.Transaction forged = aliceWallet.signTransaction(aliceWallet.transfer(a, b, TRX).getTransaction(), bob);
        assertRejected(forged, "SIGERROR");

        Chain.Transaction unsigned = aliceWallet.transfer(a, b, TRX).getTransaction();
        Chain.Transaction expired = aliceWallet.signTransaction(unsigned.toBuilder().setRawData(unsigned.getRawData().toBuilder()
                .setExpiration(System.currentTimeMillis() - 1_000)).build());
        assertRejected(expired, "TRANSACTION_EXPIRATION_ERROR");

        Chain.Transaction badReference = aliceWallet.signTransaction(unsigned.toBuilder().setRawData(unsigned.getRawData().toBuilder()
                .setRefBlockHash(com.google.protobuf.ByteString.copyFrom(new byte[8]))).build());
        assertRejected(badReference, "TAPOS_ERROR");

        assertRejected(aliceWallet.signTransaction(aliceWallet.transfer(a, b, 101 * TRX)), "CONTRACT_VALIDATE_ERROR");
        assertRejected(aliceWallet.signTransaction(aliceWallet.transferTrc10(a, b, 1_000_001, 1)), "CONTRACT_VALIDATE_ERROR");
        assertRejected(aliceWallet.signTransaction(aliceWallet.transferTrc10(a, b, Devnet.BTT_TRC10_TOKEN_ID, 5_000_001)),
                "CONTRACT_VALIDATE_ERROR");

        // An overdraft of TRC-20 BTT is refused when the node builds the call.
        Response.TransactionExtention overdraft = aliceWallet.blockingStub.triggerContract(
                org.tron.trident.proto.Contract.TriggerSmartContract.newBuilder()
                        .setOwnerAddress(hexAddress(b)).setContractAddress(hexAddress(devnet.bttContractAddress()))
                        .setData(encodedTransfer(a, BigInteger.ONE)).build());
        assertThat(overdraft.getResult().getResult()).isFalse();
        assertThat(overdraft.getResult().getCode().name()).isEqualTo("CONTRACT_VALIDATE_ERROR");

        // Neither is a call to an address that holds no contract.
        Response.TransactionExtention noContract = aliceWallet.blockingStub.triggerContract(
                org.tron.trident.proto.Contract.TriggerSmartContract.newBuilder()
                        .setOwnerAddress(hexAddress(a)).setContractAddress(hexAddress(b))
                        .setData(encodedTransfer(b, BigInteger.ONE)).build());
        assertThat(noContract.getResult().getCode().name()).isEqualTo("CONTRACT_VALIDATE_ERROR");

        Chain.Transaction once = aliceWallet.signTransaction(aliceWallet.transfer(a, b, TRX));
        String txid = aliceWallet.broadcastTransaction(once);
        assertRejected(once, "DUP_TRANSACTION_ERROR");
        awaitSolidified(txid);

        Balances after = balances();
        assertThat(after.trx(a)).isEqualTo(before.trx(a) - TRX);
        assertThat(after.trx(b)).isEqualTo(before.trx(b) + TRX);
        assertThat(after.trc10()).isEqualTo(before.trc10());
        assertThat(after.trc20()).isEqualTo(before.trc20());
        assertThat(after.trx(a) + after.trx(b)).isEqualTo(before.trx(a) + before.trx(b));
    }

    @Test
    void restartKeepsBalancesBlocksTransactionInfosAndFreeBandwidthUsed() throws Exception {
        String a = alice.toBase58CheckAddress();
        String b = bob.toBase58CheckAddress();
        Chain.Transaction call = aliceWallet.triggerCall(a, devnet.bttContractAddress(), transfer(b, BTT))
                .setFeeLimit(100_000_000).build();
        String txid = aliceWallet.broadcastTransaction(aliceWallet.signTransaction(call));
        Response.TransactionInfo info = awaitSolidified(txid);
        long height = devnet.latestBlockNumber();
        Balances before = balances();
        long freeBandwidthUsed = aliceWallet.getAccountResource(a).getFreeNetUsed();
        assertThat(freeBandwidthUsed).as("alice's free bandwidth used by the call").isPositive();

        aliceWallet.close();
        devnet.close();
        devnet = Devnet.start(config());
        aliceWallet = wallet(alice);

        assertThat(devnet.latestBlockNumber()).isGreaterThanOrEqualTo(height);
        assertThat(balances()).isEqualTo(before);
        // The day's free bandwidth is not handed out again by a restart (it recovers only with time).
        assertThat(aliceWallet.getAccountResource(a).getFreeNetUsed()).isPositive().isLessThanOrEqualTo(freeBandwidthUsed);
        assertThat(aliceWallet.getTransactionInfoById(txid)).isEqualTo(info);
        Response.BlockExtention block = aliceWallet.getBlockByNum(info.getBlockNumber());
        assertThat(block.getTransactionsList()).anySatisfy(tx ->
                assertThat(HexFormat.of().formatHex(tx.getTxid().toByteArray())).isEqualTo(txid));

        // The restarted chain accepts transactions referencing its restored blocks.
        String next = aliceWallet.broadcastTransaction(aliceWallet.signTransaction(aliceWallet.transfer(a, b, TRX)));
        awaitSolidified(next);
        assertThat(aliceWallet.getAccount(b).getBalance()).isEqualTo(before.trx(b) + TRX);
    }

    private record Balances(long trxA, long trxB, List<Long> trc10, List<BigInteger> trc20, String a) {
        long trx(String address) {
            return address.equals(a) ? trxA : trxB;
        }
    }

    private Balances balances() {
        String a = alice.toBase58CheckAddress();
        String b = bob.toBase58CheckAddress();
        return new Balances(aliceWallet.getAccount(a).getBalance(), aliceWallet.getAccount(b).getBalance(),
                List.of(aliceWallet.getAccount(a).getAssetV2Map().getOrDefault("1002000", 0L),
                        aliceWallet.getAccount(b).getAssetV2Map().getOrDefault("1002000", 0L)),
                List.of(trc20Balance(a), trc20Balance(b)), a);
    }

    private void assertRejected(Chain.Transaction tx, String code) {
        assertThatThrownBy(() -> aliceWallet.broadcastTransaction(tx)).hasMessageContaining(code);
    }

    private Response.TransactionInfo awaitSolidified(String txid) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                Response.TransactionInfo info = aliceWallet.getTransactionInfoById(txid, NodeType.SOLIDITY_NODE);
                if (info.getBlockNumber() > 0) {
                    return info;
                }
            } catch (Exception notYet) {
                // Trident reports a missing receipt as an exception: keep polling
            }
            Thread.sleep(50);
        }
        throw new AssertionError("transaction " + txid + " was not solidified within 10 s");
    }

    private static Function transfer(String to, BigInteger amount) {
        return new Function("transfer", List.of(new Address(to), new Uint256(amount)), List.of(new TypeReference<Bool>() { }));
    }

    private BigInteger trc20Balance(String owner) {
        Response.TransactionExtention result = aliceWallet.triggerConstantContract(owner, devnet.bttContractAddress(),
                new Function("balanceOf", List.of(new Address(owner)), List.of(new TypeReference<Uint256>() { })));
        return new BigInteger(1, result.getConstantResult(0).toByteArray());
    }

    private int decimals() {
        Response.TransactionExtention result = aliceWallet.triggerConstantContract(alice.toBase58CheckAddress(),
                devnet.bttContractAddress(), new Function("decimals", List.of(), List.of(new TypeReference<Uint256>() { })));
        return new BigInteger(1, result.getConstantResult(0).toByteArray()).intValueExact();
    }

    private static com.google.protobuf.ByteString hexAddress(String base58) {
        return ApiWrapper.parseAddress(base58);
    }

    private static com.google.protobuf.ByteString encodedTransfer(String to, BigInteger amount) {
        return com.google.protobuf.ByteString.fromHex(
                org.tron.trident.abi.FunctionEncoder.encode(transfer(to, amount)));
    }
}
