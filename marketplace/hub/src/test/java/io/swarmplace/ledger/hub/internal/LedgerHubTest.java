package io.swarmplace.ledger.hub.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swarmplace.ledger.Account;
import io.swarmplace.ledger.AccountFlag;
import io.swarmplace.ledger.AccountRole;
import io.swarmplace.ledger.Asset;
import io.swarmplace.ledger.Balance;
import io.swarmplace.ledger.CreateAccountResult;
import io.swarmplace.ledger.Id128;
import io.swarmplace.ledger.PendingStatus;
import io.swarmplace.ledger.Transfer;
import io.swarmplace.ledger.TransferResult;
import io.swarmplace.ledger.UnknownAccountException;
import io.swarmplace.ledger.hub.HubError;
import io.swarmplace.ledger.hub.HubException;
import io.swarmplace.ledger.hub.internal.client.RemoteLedger;
import io.swarmplace.ledger.hub.internal.wire.Ed25519;
import io.swarmplace.ledger.hub.internal.wire.HubResponse;
import io.swarmplace.ledger.internal.store.DatabaseSettings;
import java.math.BigInteger;
import io.swarmplace.ledger.hub.internal.client.HubClient;
import io.swarmplace.ledger.hub.internal.client.HubClientSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hub and its clients over 127.0.0.1: remote calls answer as local ones, and hostile requests move
 * nothing. Run on the ledger's embedded H2 ({@link H2LedgerHubTest}) and on PostgreSQL
 * ({@link PostgresLedgerHubTest}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LedgerHubTest {

    HubFixture hub;
    final KeyPair aliceKey = HubFixture.newKey();
    final KeyPair bobKey = HubFixture.newKey();
    final KeyPair malloryKey = HubFixture.newKey();
    RemoteLedger operator;
    RemoteLedger alice;
    RemoteLedger bob;
    RemoteLedger mallory;
    static final Id128 CUSTODY = Id128.random();

    /** The ledger's database for this class. */
    abstract DatabaseSettings database(Path directory) throws Exception;

    @BeforeAll
    void start(@TempDir Path directory) throws Exception {
        hub = new HubFixture(database(directory), directory, settings -> settings);
        operator = hub.remote(hub.operator);
        alice = hub.remote(aliceKey);
        bob = hub.remote(bobKey);
        mallory = hub.remote(malloryKey);
        assertThat(operator.createAccounts(List.of(Account.of(CUSTODY, Asset.BTT, AccountRole.CUSTODY,
                AccountFlag.CREDITS_MUST_NOT_EXCEED_DEBITS)))).containsExactly(CreateAccountResult.OK);
    }

    @AfterAll
    void stop() throws Exception {
        if (hub != null) {
            hub.close();
        }
        dropDatabase();
    }

    void dropDatabase() throws Exception {}

    /** A USER account opened by {@code owner} through the hub, funded with {@code amount} by the operator. */
    Id128 fundedAccount(RemoteLedger owner, long amount) {
        Id128 account = Id128.random();
        assertThat(owner.createAccounts(List.of(Account.user(account, Asset.BTT)))).containsExactly(CreateAccountResult.OK);
        if (amount > 0) {
            assertThat(operator.createTransfers(List.of(Transfer.of(Id128.random(), CUSTODY, account, Asset.BTT,
                    BigInteger.valueOf(amount), 1)))).containsExactly(TransferResult.OK);
        }
        return account;
    }

    void assertNothingMoved(Id128 account, Balance before) {
        assertThat(hub.local.balance(account)).isEqualTo(before);
        assertThat(hub.local.verify().violations()).isEmpty();
    }

    @Test
    void remoteCallsAnswerAsTheLocalLedger() {
        Id128 aliceAccount = fundedAccount(alice, 1_000);
        Id128 bobAccount = fundedAccount(bob, 0);

        Transfer pay = Transfer.of(Id128.random(), aliceAccount, bobAccount, Asset.BTT, BigInteger.valueOf(100), 7);
        assertThat(alice.createTransfers(List.of(pay))).containsExactly(TransferResult.OK);
        assertThat(alice.createTransfers(List.of(pay))).containsExactly(TransferResult.EXISTS);
        assertThat(hub.local.createTransfers(List.of(pay))).containsExactly(TransferResult.EXISTS);

        Transfer reserve = Transfer.pending(Id128.random(), aliceAccount, bobAccount, Asset.BTT, BigInteger.valueOf(300), 0, 8);
        Transfer postPart = Transfer.post(Id128.random(), reserve.id(), BigInteger.valueOf(200));
        Transfer reserveAgain = Transfer.pending(Id128.random(), aliceAccount, bobAccount, Asset.BTT, BigInteger.valueOf(50), 0, 8);
        assertThat(alice.createTransfers(List.of(reserve, reserveAgain))).containsExactly(TransferResult.OK, TransferResult.OK);
        assertThat(alice.pendingStatus(reserve.id())).contains(PendingStatus.PENDING);
        assertThat(alice.createTransfers(List.of(postPart))).containsExactly(TransferResult.OK);
        // the seller (credited side) may release a reservation; it moves nothing
        assertThat(bob.createTransfers(List.of(Transfer.voidPending(Id128.random(), reserveAgain.id()))))
                .containsExactly(TransferResult.OK);
        // a pending transfer and its post, linked in one batch
        Transfer hold = Transfer.pending(Id128.random(), aliceAccount, bobAccount, Asset.BTT, BigInteger.valueOf(10), 0, 8).linked();
        assertThat(alice.createTransfers(List.of(hold, Transfer.post(Id128.random(), hold.id(), BigInteger.ZERO))))
                .containsExactly(TransferResult.OK, TransferResult.OK);
        Transfer tooMuch = Transfer.of(Id128.random(), aliceAccount, bobAccount, Asset.BTT, BigInteger.valueOf(10_000), 7);
        assertThat(alice.createTransfers(List.of(tooMuch))).containsExactly(TransferResult.EXCEEDS_CREDITS);

        assertThat(alice.balance(aliceAccount)).isEqualTo(hub.local.balance(aliceAccount));
        assertThat(alice.balance(aliceAccount).available()).isEqualTo(BigInteger.valueOf(690));
        assertThat(bob.balance(bobAccount).net()).isEqualTo(BigInteger.valueOf(310));
        assertThat(alice.history(aliceAccount, 100)).isEqualTo(hub.local.history(aliceAccount, 100));
        assertThat(bob.history(bobAccount, 100)).isEqualTo(hub.local.history(bobAccount, 100));
        assertThat(alice.lookupTransfer(pay.id())).isEqualTo(hub.local.lookupTransfer(pay.id()));
        assertThat(alice.lookupAccount(aliceAccount)).isEqualTo(hub.local.lookupAccount(aliceAccount));
        assertThat(alice.pendingStatus(reserve.id())).contains(PendingStatus.POSTED);
        assertThat(bob.pendingStatus(reserveAgain.id())).contains(PendingStatus.VOIDED);
        assertThat(alice.accounts(10)).extracting(Account::id).containsExactly(aliceAccount);
        assertThat(operator.snapshot(1_000)).isEqualTo(hub.local.snapshot(1_000))
                .anySatisfy(e -> assertThat(e.balance()).isEqualTo(hub.local.balance(aliceAccount)));
        assertThatThrownBy(() -> alice.snapshot(1_000)).isInstanceOf(HubException.class).hasMessageContaining("OPERATOR_ONLY");
        assertThat(operator.verify().holds()).isTrue();
        assertThatThrownBy(() -> alice.balance(Id128.random())).isInstanceOf(HubException.class)
                .hasMessageContaining("NOT_ACCOUNT_OWNER");
    }

    @Test
    void aKeyCannotTouchAnotherKeysAccounts() {
        Id128 aliceAccount = fundedAccount(alice, 500);
        Id128 malloryAccount = fundedAccount(mallory, 0);
        Balance before = hub.local.balance(aliceAccount);

        assertRefused(() -> mallory.createTransfers(List.of(Transfer.of(Id128.random(), aliceAccount, malloryAccount,
                Asset.BTT, BigInteger.TEN, 1))), HubError.NOT_ACCOUNT_OWNER);
        Transfer reserve = Transfer.pending(Id128.random(), aliceAccount, CUSTODY, Asset.BTT, BigInteger.TEN, 0, 1);
        assertThat(alice.createTransfers(List.of(reserve))).containsExactly(TransferResult.OK);
        Balance reserved = hub.local.balance(aliceAccount);
        assertRefused(() -> mallory.createTransfers(List.of(Transfer.post(Id128.random(), reserve.id(), BigInteger.ZERO))),
                HubError.NOT_ACCOUNT_OWNER);
        assertRefused(() -> mallory.createTransfers(List.of(Transfer.voidPending(Id128.random(), reserve.id()))),
                HubError.NOT_ACCOUNT_OWNER);
        // a decoy "pending" with alice's pending id, debiting mallory's own account, then a post of that id
        Transfer decoy = Transfer.pending(reserve.id(), malloryAccount, aliceAccount, Asset.BTT, BigInteger.ONE, 0, 1).linked();
        assertRefused(() -> mallory.createTransfers(List.of(decoy, Transfer.post(Id128.random(), reserve.id(), BigInteger.ZERO))),
                HubError.NOT_ACCOUNT_OWNER);
        assertRefused(() -> mallory.createTransfers(List.of(Transfer.pending(Id128.random(), malloryAccount, aliceAccount,
                Asset.BTT, BigInteger.ONE, 0, 1), Transfer.post(Id128.random(), reserve.id(), BigInteger.ZERO))),
                HubError.NOT_ACCOUNT_OWNER);
        assertRefused(() -> mallory.balance(aliceAccount), HubError.NOT_ACCOUNT_OWNER);
        assertRefused(() -> mallory.history(aliceAccount, 10), HubError.NOT_ACCOUNT_OWNER);
        assertRefused(() -> mallory.lookupTransfer(reserve.id()), HubError.NOT_ACCOUNT_OWNER);
        // claiming alice's account by "opening" it again
        assertRefused(() -> mallory.createAccounts(List.of(Account.user(aliceAccount, Asset.BTT))), HubError.NOT_ACCOUNT_OWNER);
        assertRefused(() -> mallory.createAccounts(List.of(Account.of(Id128.random(), Asset.BTT, AccountRole.FEES))),
                HubError.OPERATOR_ONLY);
        assertRefused(() -> mallory.verify(), HubError.OPERATOR_ONLY);
        // an account opened on the hub's own node is nobody's to claim
        Id128 localAccount = Id128.random();
        hub.local.createAccounts(List.of(Account.user(localAccount, Asset.BTT)));
        assertRefused(() -> mallory.createAccounts(List.of(Account.user(localAccount, Asset.BTT))), HubError.NOT_ACCOUNT_OWNER);

        assertNothingMoved(aliceAccount, reserved);
        assertThat(before.creditsPosted()).isEqualTo(reserved.creditsPosted());
        assertThat(alice.pendingStatus(reserve.id())).contains(PendingStatus.PENDING);
    }

    @Test
    void forgedReplayedAndStaleRequestsAreRefused() throws Exception {
        Id128 aliceAccount = fundedAccount(alice, 500);
        Id128 malloryAccount = fundedAccount(mallory, 0);
        Balance before = hub.local.balance(aliceAccount);
        byte[] aliceRaw = Ed25519.raw(aliceKey.getPublic());
        var steal = RawHubConnection.JSON.createObjectNode().set("transfers", RawHubConnection.JSON.valueToTree(List.of(
                Transfer.of(Id128.random(), aliceAccount, malloryAccount, Asset.BTT, BigInteger.valueOf(100), 1))));
        long now = System.currentTimeMillis();
        try (RawHubConnection raw = new RawHubConnection(hub.address())) {
            assertRefusedAndNothingMoved(raw.exchange(RawHubConnection.signed(malloryKey, aliceRaw,
                    RawHubConnection.request(10, now, "CREATE_TRANSFERS", steal))), HubError.BAD_SIGNATURE, aliceAccount, before);

            // a key of its own, so its sequences stay clear of the honest clients'
            KeyPair rawKey = HubFixture.newKey();
            var accountsArgs = RawHubConnection.JSON.createObjectNode().put("limit", 10);
            byte[] read = RawHubConnection.signed(rawKey, RawHubConnection.request(20, now, "ACCOUNTS", accountsArgs));
            assertThat(raw.exchange(read).ok()).isTrue();
            HubResponse replayed = assertRefusedAndNothingMoved(raw.exchange(read), HubError.REPLAYED_SEQUENCE, aliceAccount, before);
            assertThat(replayed.message()).contains("not above");
            byte[] replayedSteal = RawHubConnection.signed(rawKey, RawHubConnection.request(20, now, "CREATE_TRANSFERS", steal));
            assertRefusedAndNothingMoved(raw.exchange(replayedSteal), HubError.REPLAYED_SEQUENCE, aliceAccount, before);

            assertRefusedAndNothingMoved(raw.exchange(RawHubConnection.signed(rawKey,
                    RawHubConnection.request(30, now - 600_000, "CREATE_TRANSFERS", steal))), HubError.TIMESTAMP_OUT_OF_WINDOW,
                    aliceAccount, before);
            assertRefusedAndNothingMoved(raw.exchange(RawHubConnection.signed(rawKey,
                    RawHubConnection.request(40, now, "DELETE_EVERYTHING", accountsArgs))), HubError.UNKNOWN_OPERATION,
                    aliceAccount, before);
            assertRefusedAndNothingMoved(raw.exchange(RawHubConnection.signed(rawKey, RawHubConnection.request(50, now,
                    "CREATE_TRANSFERS", RawHubConnection.JSON.createObjectNode().put("transfers", "lots")))),
                    HubError.INVALID_ARGUMENT, aliceAccount, before);
            // a signed request of a key that owns nothing, debiting alice
            assertRefusedAndNothingMoved(raw.exchange(RawHubConnection.signed(rawKey,
                    RawHubConnection.request(60, now, "CREATE_TRANSFERS", steal))), HubError.NOT_ACCOUNT_OWNER, aliceAccount, before);

            assertRefusedAndNothingMoved(raw.exchange(RawHubConnection.frame(aliceRaw, new byte[64], "not json".getBytes())),
                    HubError.MALFORMED_REQUEST, aliceAccount, before);
            assertRefusedAndNothingMoved(raw.exchange(new byte[] {1, 2, 3}), HubError.MALFORMED_REQUEST, aliceAccount, before);
            byte[] versionTwo = RawHubConnection.frame(aliceRaw, new byte[64], "{}".getBytes());
            versionTwo[0] = 2;
            assertRefusedAndNothingMoved(raw.exchange(versionTwo), HubError.UNSUPPORTED_VERSION, aliceAccount, before);
        }
        assertNothingMoved(aliceAccount, before);
        // the server is still up and the honest client still works
        assertThat(alice.balance(aliceAccount)).isEqualTo(before);
    }

    @Test
    void anOversizedFrameIsRefusedAndItsConnectionClosed() throws Exception {
        Id128 aliceAccount = fundedAccount(alice, 10);
        Balance before = hub.local.balance(aliceAccount);
        try (RawHubConnection raw = new RawHubConnection(hub.address())) {
            raw.sendLengthOnly(64 << 20);
            HubResponse refused = raw.read();
            assertThat(refused.status()).isEqualTo(HubError.FRAME_TOO_LARGE.name());
            assertThat(raw.closedByHub()).isTrue();
        }
        assertNothingMoved(aliceAccount, before);
        assertThat(alice.balance(aliceAccount)).isEqualTo(before);
        assertThat(hub.server().status().refused()).isPositive();
    }

    @Test
    void aClientWhoseClockSteppedBackContinuesAboveTheHubsLastSequence() {
        KeyPair shared = HubFixture.newKey();
        Id128 account = fundedAccount(hub.remote(shared), 0);
        // the same key file on a node whose clock is 10 s behind: its own numbering starts below the hub's record
        try (HubClient behind = new HubClient(HubClientSettings.of(hub.address()), shared, null,
                Clock.offset(Clock.systemUTC(), Duration.ofSeconds(-10)))) {
            assertThat(new RemoteLedger(behind).balance(account)).isEqualTo(hub.local.balance(account));
        }
    }

    @Test
    void unknownAccountsAnswerAsLocally() {
        Id128 missing = Id128.random();
        assertThatThrownBy(() -> operator.balance(missing)).isInstanceOf(UnknownAccountException.class);
        assertThat(operator.lookupAccount(missing)).isEmpty();
    }

    private HubResponse assertRefusedAndNothingMoved(HubResponse response, HubError error, Id128 account, Balance before) {
        assertThat(response.status()).as(response.message()).isEqualTo(error.name());
        assertThat(response.message()).isNotBlank();
        assertNothingMoved(account, before);
        return response;
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, HubError error) {
        assertThatThrownBy(call).isInstanceOfSatisfying(HubException.class, e -> assertThat(e.error()).isEqualTo(error));
    }
}
