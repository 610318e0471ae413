package io.swarmplace.wallet.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swarmplace.tron.devnet.Devnet;
import io.swarmplace.tron.devnet.DevnetConfig;
import io.swarmplace.wallet.AccountLockedException;
import io.swarmplace.wallet.InsufficientBalanceException;
import io.swarmplace.wallet.InsufficientFeeException;
import io.swarmplace.wallet.NetworkUnavailableException;
import io.swarmplace.wallet.Token;
import io.swarmplace.wallet.TokenAmount;
import io.swarmplace.wallet.Transfer;
import io.swarmplace.wallet.TransferRejectedException;
import io.swarmplace.wallet.TransferRequest;
import io.swarmplace.wallet.TransferStatus;
import io.swarmplace.wallet.TronAddress;
import io.swarmplace.wallet.WalletException;
import io.swarmplace.wallet.WrongPassphraseException;
import io.swarmplace.wallet.internal.keystore.ScryptCost;
import io.swarmplace.wallet.internal.tron.TronClient;
import io.swarmplace.wallet.internal.tron.TronEndpoints;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tron.trident.core.key.KeyPair;
import org.tron.trident.proto.Chain;

/**
 * The wallet engine against a devnet in this JVM, through Trident over gRPC on 127.0.0.1: bad input,
 * an unreachable network, retries that must not send twice, and a transaction signed by the wrong key.
 */
class WalletEngineTest {

    private static final char[] PASSPHRASE = "correct horse battery staple".toCharArray();
    private static final Duration CONFIRMATION = Duration.ofSeconds(20);

    @TempDir
    static Path temp;

    private static Devnet devnet;
    private static int port;
    private static TronClient client;
    private static WalletEngine wallet;
    private static TronAddress alice;
    private static TronAddress bob;

    @BeforeAll
    static void start() throws Exception {
        devnet = Devnet.start(devnetConfig(0));
        port = devnet.port();
        client = new TronClient(new TronEndpoints("devnet", devnet.endpoint(), devnet.endpoint(),
                Optional.of(devnet.bttContractAddress())), 2_000, "");
        wallet = new WalletEngine(OfflineWallet.open(temp, ScryptCost.LIGHT, Duration.ofMinutes(1), Clock.systemUTC()), client,
                new WalletSettings(Duration.ofMinutes(1), 100_000_000L, Duration.ofMillis(50), 100), Clock.systemUTC());
        alice = wallet.createAccount(PASSPHRASE);
        bob = wallet.createAccount(PASSPHRASE);
        devnet.faucet().mintTrx(alice.base58(), 1_000_000_000L);
        devnet.faucet().mintBttTrc20(alice.base58(), BigInteger.TEN.pow(21));
        devnet.faucet().mintBttTrc10(alice.base58(), 10_000_000L);
        wallet.unlock(alice, PASSPHRASE, null);
    }

    /** A second wallet on the same devnet, its keystore in {@code folder}. */
    private static WalletEngine walletIn(String folder) throws WalletException {
        return walletIn(folder, client);
    }

    private static WalletEngine walletIn(String folder, TronClient network) throws WalletException {
        return new WalletEngine(OfflineWallet.open(temp.resolve(folder), ScryptCost.LIGHT, Duration.ofMinutes(1), Clock.systemUTC()),
                network, new WalletSettings(Duration.ofMinutes(1), 100_000_000L, Duration.ofMillis(50), 100), Clock.systemUTC());
    }

    private static TronAddress unlockedNewAccount(WalletEngine wallet) throws WalletException {
        TronAddress account = wallet.createAccount(PASSPHRASE);
        wallet.unlock(account, PASSPHRASE, null);
        return account;
    }

    private static DevnetConfig devnetConfig(int port) {
        return new DevnetConfig(port, temp.resolve("chain"), Duration.ofMillis(100), 1);
    }

    @AfterAll
    static void stop() {
        client.close();
        devnet.close();
    }

    @Test
    void theFirstAccountIsTheDefaultAndAnyAddressHasBalances() throws Exception {
        assertThat(wallet.accounts()).containsExactly(alice, bob);
        assertThat(wallet.defaultAccount()).isEqualTo(alice);
        assertThat(wallet.balances(TronAddress.parse(KeyPair.generate().toBase58CheckAddress())).btt().units()).isZero();
    }

    @Test
    void refusesAWrongPassphraseAndALockedAccount() throws Exception {
        assertThatThrownBy(() -> wallet.unlock(bob, "wrong".toCharArray(), null)).isInstanceOf(WrongPassphraseException.class);
        assertThatThrownBy(() -> wallet.send(TransferRequest.of(bob, alice, TokenAmount.parse("1", Token.TRX))))
                .isInstanceOf(AccountLockedException.class).hasMessageContaining("unlock");
        assertThat(wallet.history(bob)).noneMatch(t -> t.from().equals(bob));
    }

    @Test
    void refusesAnOverdraftBeforeSigningAnything() throws Exception {
        TransferRequest tooMuch = TransferRequest.of(alice, bob, TokenAmount.parse("1000000", Token.BTT));
        assertThatThrownBy(() -> wallet.send(tooMuch)).isInstanceOf(InsufficientBalanceException.class)
                .hasMessageContaining("less than the 1000000 BTT to send");
        assertThat(wallet.history(alice)).noneMatch(t -> t.reference().equals(tooMuch.reference()));
    }

    @Test
    void refusesASendWhoseFeeTheTrxHeldCannotBurnAndNamesTheShortfall() throws Exception {
        WalletEngine own = walletIn("fees");
        TronAddress erin = unlockedNewAccount(own);
        devnet.faucet().mintBttTrc20(erin.base58(), BigInteger.TEN.pow(19));
        devnet.faucet().mintTrx(erin.base58(), 1_000_000L);
        // 10 BTT and 1 TRX: the BTT is there, the 6.153 TRX of energy a TRC-20 transfer burns is not.
        TransferRequest btt = TransferRequest.of(erin, bob, TokenAmount.parse("5", Token.BTT));
        assertThatThrownBy(() -> own.send(btt)).isInstanceOf(InsufficientFeeException.class)
                .hasMessageContaining("holds 1 TRX but this transfer needs 6.153 TRX")
                .hasMessageContaining("6.153 TRX burnt for 14650 energy").hasMessageContaining("short by 5.153 TRX")
                .satisfies(e -> assertThat(((InsufficientFeeException) e).shortfall()).isEqualTo(TokenAmount.parse("5.153", Token.TRX)));
        assertThat(own.history(erin)).isEmpty();

        devnet.faucet().mintTrx(erin.base58(), 10_000_000L);
        Transfer sent = own.send(btt);
        assertThat(own.awaitConfirmation(sent.txid(), CONFIRMATION).status()).isEqualTo(TransferStatus.CONFIRMED);
        // The devnet burnt the energy; the free daily bandwidth paid for the bytes.
        assertThat(own.balances(erin).trx()).isEqualTo(TokenAmount.parse("4.847", Token.TRX));
    }

    @Test
    void aTransferThatCreatesItsRecipientsAccountCountsTheCreationFee() throws Exception {
        WalletEngine own = walletIn("creation");
        TronAddress frank = unlockedNewAccount(own);
        devnet.faucet().mintTrx(frank.base58(), 2_000_000L);
        TronAddress fresh = TronAddress.parse(KeyPair.generate().toBase58CheckAddress());

        var creating = own.estimateFee(TransferRequest.of(frank, fresh, TokenAmount.parse("1", Token.TRX)));
        assertThat(creating.createsAccount()).isTrue();
        assertThat(creating.maxFee()).isEqualTo(TokenAmount.parse("1.1", Token.TRX));
        assertThat(own.estimateFee(TransferRequest.of(frank, alice, TokenAmount.parse("1", Token.TRX))).createsAccount()).isFalse();

        // 2 TRX: enough to send 1 and for an ordinary transfer's bandwidth, not for creating an account as well.
        TransferRequest tooMuch = TransferRequest.of(frank, fresh, TokenAmount.parse("1", Token.TRX));
        assertThatThrownBy(() -> own.send(tooMuch)).isInstanceOf(InsufficientFeeException.class)
                .hasMessageContaining("holds 2 TRX but this transfer needs 2.1 TRX")
                .hasMessageContaining("1 TRX burnt to create the account " + fresh).hasMessageContaining("short by 0.1 TRX");
        assertThat(own.history(frank)).isEmpty();
        assertThat(client.isAccount(fresh)).isFalse();

        Transfer sent = own.send(TransferRequest.of(frank, fresh, TokenAmount.parse("0.5", Token.TRX)));
        assertThat(own.awaitConfirmation(sent.txid(), CONFIRMATION).status()).isEqualTo(TransferStatus.CONFIRMED);
        assertThat(client.isAccount(fresh)).isTrue();
        assertThat(own.balances(frank).trx()).isEqualTo(TokenAmount.parse("0.4", Token.TRX));
        assertThat(own.balances(fresh).trx()).isEqualTo(TokenAmount.parse("0.5", Token.TRX));
    }

    @Test
    void estimatesTheFeeOfATrc20TransferBeforeSending() throws Exception {
        var fee = wallet.estimateFee(TransferRequest.of(alice, bob, TokenAmount.parse("1", Token.BTT)));
        assertThat(fee.energy()).isPositive();
        assertThat(fee.bandwidth()).isGreaterThan(200);
        assertThat(fee.maxFee().units()).isEqualTo(BigInteger.valueOf(fee.bandwidth() * 1_000 + fee.energy() * 420));
    }

    @Test
    void sendingAReferenceAgainNeverSendsTwice() throws Exception {
        TransferRequest request = TransferRequest.of(alice, bob, TokenAmount.parse("0.25", Token.BTT_TRC10));
        long before = bobTrc10();
        Transfer first = wallet.send(request);
        Transfer again = wallet.send(request);
        assertThat(again.txid()).isEqualTo(first.txid());
        assertThat(wallet.awaitConfirmation(first.txid(), CONFIRMATION).status()).isEqualTo(TransferStatus.CONFIRMED);
        assertThat(wallet.send(request).status()).isEqualTo(TransferStatus.CONFIRMED);
        assertThat(bobTrc10()).isEqualTo(before + 250_000);
        assertThatThrownBy(() -> wallet.send(new TransferRequest(alice, bob, TokenAmount.parse("0.5", Token.BTT_TRC10),
                request.reference()))).hasMessageContaining("already used");
    }

    @Test
    void aTransactionSignedByAnotherKeyIsRejectedByTheDevnet() throws Exception {
        Chain.Transaction forged = client.sign(client.buildTransfer(alice, bob, TokenAmount.parse("1", Token.TRX), 0),
                KeyPair.generate());
        assertThatThrownBy(() -> client.broadcast(forged)).isInstanceOf(TransferRejectedException.class)
                .hasMessageContaining("SIGERROR");
    }

    @Test
    void anUnreachableNetworkKeepsTheSignedTransferAndARetryBroadcastsTheSameOne() throws Exception {
        TronAddress carol = TronAddress.parse(KeyPair.generate().toBase58CheckAddress());
        TransferRequest request = TransferRequest.of(alice, carol, TokenAmount.parse("3", Token.BTT));
        // The crash window: signed and stored, then the network is gone before the broadcast.
        String txid = wallet.signAndStore(request).txid();
        devnet.close();
        try {
            assertThatThrownBy(() -> wallet.send(request)).isInstanceOf(NetworkUnavailableException.class)
                    .hasMessageContaining("unreachable").hasMessageContaining(txid).hasMessageContaining(request.reference());
            assertThat(wallet.history(carol)).singleElement().satisfies(t ->
                    assertThat(t.status()).isEqualTo(TransferStatus.SIGNED));
        } finally {
            devnet = Devnet.start(devnetConfig(port));
        }
        Transfer sent = wallet.send(request);
        assertThat(sent.txid()).isEqualTo(txid);
        assertThat(wallet.awaitConfirmation(txid, CONFIRMATION).status()).isEqualTo(TransferStatus.CONFIRMED);
        assertThat(wallet.send(request).txid()).isEqualTo(txid);
        assertThat(wallet.history(carol)).hasSize(1);
        assertThat(wallet.balances(carol).btt()).isEqualTo(TokenAmount.parse("3", Token.BTT));
    }

    @Test
    void aPendingTransferTheNetworkForgotIsBroadcastAgainAndConfirms() throws Exception {
        // A chain that makes no block for an hour, so the transfer stays in its pool; its saved state from
        // before the broadcast is what a node killed at that moment restarts from (the embedded devnet
        // stops with the node): the transaction is gone, and only the wallet still has it.
        Path chain = temp.resolve("forgetful");
        Devnet slow = Devnet.start(new DevnetConfig(0, chain, Duration.ofHours(1), 1));
        int slowPort = slow.port();
        Path snapshot = chain.resolve("chain.snapshot");
        Path saved = temp.resolve("forgetful-chain.snapshot");
        TronClient slowClient = new TronClient(new TronEndpoints("devnet", slow.endpoint(), slow.endpoint(),
                Optional.of(slow.bttContractAddress())), 2_000, "");
        Devnet restarted = null;
        try {
            WalletEngine sender = walletIn("forgetful-wallet", slowClient);
            TronAddress grace = unlockedNewAccount(sender);
            slow.faucet().mintTrx(grace.base58(), 10_000_000L);
            slow.faucet().mintTrx(bob.base58(), 1_000_000L);
            Files.copy(snapshot, saved);
            Transfer pending = sender.send(TransferRequest.of(grace, bob, TokenAmount.parse("2", Token.TRX)));
            assertThat(pending.status()).isEqualTo(TransferStatus.PENDING);
            slow.close();
            Files.copy(saved, snapshot, StandardCopyOption.REPLACE_EXISTING);
            restarted = Devnet.start(new DevnetConfig(slowPort, chain, Duration.ofMillis(100), 1));
            assertThat(slowClient.includedInfo(pending.txid())).isEmpty();

            // What a restarted node does: a new engine over the same wallet folder asks after the transfer.
            WalletEngine afterRestart = walletIn("forgetful-wallet", slowClient);
            Transfer confirmed = afterRestart.awaitConfirmation(pending.txid(), CONFIRMATION);
            assertThat(confirmed.status()).isEqualTo(TransferStatus.CONFIRMED);
            assertThat(afterRestart.balances(bob).trx()).isEqualTo(TokenAmount.parse("3", Token.TRX));
            assertThat(afterRestart.history(grace)).singleElement().satisfies(t -> assertThat(t.txid()).isEqualTo(pending.txid()));
        } finally {
            slowClient.close();
            if (restarted != null) {
                restarted.close();
            } else {
                slow.close();
            }
        }
    }

    @Test
    void aTransferThatExpiredOutsideAnyBlockEndsFailedInsteadOfPendingForever() throws Exception {
        MovableClock clock = new MovableClock();
        Path other = temp.resolve("expiring");
        WalletEngine expiring = new WalletEngine(OfflineWallet.open(other, ScryptCost.LIGHT, Duration.ofMinutes(1), clock), client,
                new WalletSettings(Duration.ofMinutes(1), 100_000_000L, Duration.ofMillis(50), 100), clock);
        TronAddress dave = expiring.createAccount(PASSPHRASE);
        devnet.faucet().mintTrx(dave.base58(), 10_000_000L);
        expiring.unlock(dave, PASSPHRASE, null);
        String txid = expiring.signAndStore(TransferRequest.of(dave, bob, TokenAmount.parse("1", Token.TRX))).txid();

        assertThatThrownBy(() -> expiring.awaitConfirmation(txid, Duration.ofMillis(200)))
                .isInstanceOf(io.swarmplace.wallet.ConfirmationTimeoutException.class);
        clock.advance(Duration.ofMinutes(10));
        Transfer failed = expiring.awaitConfirmation(txid, Duration.ofSeconds(5));
        assertThat(failed.status()).isEqualTo(TransferStatus.FAILED);
        assertThat(failed.failure()).contains("expired");
        assertThat(expiring.balances(dave).trx()).isEqualTo(TokenAmount.parse("10", Token.TRX));
    }

    /** The wall clock, moved forward on demand. */
    private static final class MovableClock extends Clock {
        private volatile Duration offset = Duration.ZERO;

        void advance(Duration by) {
            offset = offset.plus(by);
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public java.time.Instant instant() {
            return Clock.systemUTC().instant().plus(offset);
        }
    }

    private long bobTrc10() throws WalletException {
        return wallet.balances(bob).bttTrc10().units().longValueExact();
    }
}
