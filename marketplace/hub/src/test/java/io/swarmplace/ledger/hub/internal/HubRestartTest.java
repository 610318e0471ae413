package io.swarmplace.ledger.hub.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.swarmplace.ledger.Account;
import io.swarmplace.ledger.AccountFlag;
import io.swarmplace.ledger.AccountRole;
import io.swarmplace.ledger.Asset;
import io.swarmplace.ledger.CreateAccountResult;
import io.swarmplace.ledger.Id128;
import io.swarmplace.ledger.Transfer;
import io.swarmplace.ledger.TransferResult;
import io.swarmplace.ledger.hub.HubError;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import io.swarmplace.ledger.hub.internal.client.HubClient;
import io.swarmplace.ledger.hub.internal.client.HubClientSettings;
import io.swarmplace.ledger.hub.internal.server.HubServerSettings;
import io.swarmplace.ledger.hub.internal.wire.HubTls;
import java.net.InetSocketAddress;
import io.swarmplace.ledger.hub.internal.client.RemoteLedger;
import io.swarmplace.ledger.hub.internal.server.HubServer;
import io.swarmplace.ledger.hub.internal.wire.HubResponse;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hub restarting under its clients, and limiting how fast one address may ask. */
class HubRestartTest {

    @TempDir
    static Path directory;

    static HubFixture hub;

    @BeforeAll
    static void start() {
        hub = new HubFixture(directory, settings -> settings);
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    @Test
    void aClientRetryingThroughAHubRestartMovesMoneyOnce() throws Exception {
        RemoteLedger operator = hub.remote(hub.operator);
        KeyPair aliceKey = HubFixture.newKey();
        RemoteLedger alice = new RemoteLedger(hub.client(aliceKey,
                HubClientSettings.of(hub.address()).withRetries(40, Duration.ofMillis(50), Duration.ofSeconds(5))));
        Id128 custody = Id128.random();
        Id128 aliceAccount = Id128.random();
        assertThat(operator.createAccounts(List.of(Account.of(custody, Asset.BTT, AccountRole.CUSTODY,
                AccountFlag.CREDITS_MUST_NOT_EXCEED_DEBITS)))).containsExactly(CreateAccountResult.OK);
        assertThat(alice.createAccounts(List.of(Account.user(aliceAccount, Asset.BTT)))).containsExactly(CreateAccountResult.OK);
        Transfer deposit = Transfer.of(Id128.random(), custody, aliceAccount, Asset.BTT, BigInteger.valueOf(1_000), 1);
        assertThat(operator.createTransfers(List.of(deposit))).containsExactly(TransferResult.OK);
        byte[] capturedBeforeRestart = RawHubConnection.signed(aliceKey, RawHubConnection.request(1, System.currentTimeMillis(),
                "ACCOUNTS", RawHubConnection.JSON.createObjectNode().put("limit", 1)));

        hub.stopServer();
        Transfer pay = Transfer.of(Id128.random(), aliceAccount, custody, Asset.BTT, BigInteger.valueOf(250), 2);
        // sent while the hub is down: the client reconnects until it is back
        CompletableFuture<List<TransferResult>> whileDown = CompletableFuture.supplyAsync(() -> alice.createTransfers(List.of(pay)));
        Thread.sleep(300);
        assertThat(whileDown).isNotDone();
        hub.startServer();
        assertThat(whileDown.get()).containsExactly(TransferResult.OK);
        // the same id again, as a node whose answer was lost would send it
        assertThat(alice.createTransfers(List.of(pay))).containsExactly(TransferResult.EXISTS);

        assertThat(hub.local.balance(aliceAccount).net()).isEqualTo(BigInteger.valueOf(750));
        assertThat(hub.local.verify().violations()).isEmpty();
        // ownership and sequences survived the restart
        assertThat(alice.balance(aliceAccount).net()).isEqualTo(BigInteger.valueOf(750));
        try (RawHubConnection raw = new RawHubConnection(hub.address())) {
            HubResponse replay = raw.exchange(capturedBeforeRestart);
            assertThat(replay.status()).isEqualTo(HubError.REPLAYED_SEQUENCE.name());
        }
    }

    @Test
    void aHubServesOverTlsWithItsOwnCertificate() throws Exception {
        SelfSignedCertificate certificate = new SelfSignedCertificate("localhost");
        try (HubServer secure = HubServer.start(hub.local, HubServerSettings.loopback(directory.resolve("tls"), new byte[0]),
                HubTls.server(certificate.certificate().toPath(), certificate.privateKey().toPath()), Clock.systemUTC());
                HubClient client = new HubClient(HubClientSettings.of(new InetSocketAddress("localhost", secure.address().getPort())),
                        HubFixture.newKey(), HubTls.client(certificate.certificate().toPath()), Clock.systemUTC())) {
            RemoteLedger remote = new RemoteLedger(client);
            Id128 account = Id128.random();
            assertThat(remote.createAccounts(List.of(Account.user(account, Asset.BTT)))).containsExactly(CreateAccountResult.OK);
            assertThat(remote.balance(account)).isEqualTo(hub.local.balance(account));
            assertThat(secure.status().tls()).isTrue();
        } finally {
            certificate.delete();
        }
    }

    @Test
    void anAddressAskingTooFastIsRateLimited() throws Exception {
        try (HubServer limited = HubServer.start(hub.local, HubServerSettings
                .loopback(directory.resolve("limited"), new byte[0]).withRateLimit(0.001, 3), null, Clock.systemUTC());
                RawHubConnection raw = new RawHubConnection(limited.address())) {
            KeyPair key = HubFixture.newKey();
            long now = System.currentTimeMillis();
            var arguments = RawHubConnection.JSON.createObjectNode().put("limit", 1);
            for (int sequence = 1; sequence <= 3; sequence++) {
                assertThat(raw.exchange(RawHubConnection.signed(key, RawHubConnection.request(sequence, now, "ACCOUNTS", arguments))).ok())
                        .isTrue();
            }
            HubResponse fourth = raw.exchange(RawHubConnection.signed(key, RawHubConnection.request(4, now, "ACCOUNTS", arguments)));
            assertThat(fourth.status()).isEqualTo(HubError.RATE_LIMITED.name());
            assertThat(fourth.sequence()).isEqualTo(4);
        }
        assertThat(hub.local.verify().violations()).isEmpty();
    }
}
