package io.swarmplace.ledger.internal.engine;

import static io.swarmplace.ledger.TransferResult.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.swarmplace.ledger.Account;
import io.swarmplace.ledger.AccountFlag;
import io.swarmplace.ledger.AccountRole;
import io.swarmplace.ledger.Amounts;
import io.swarmplace.ledger.Asset;
import io.swarmplace.ledger.Balance;
import io.swarmplace.ledger.CreateAccountResult;
import io.swarmplace.ledger.Id128;
import io.swarmplace.ledger.InvalidAmountException;
import io.swarmplace.ledger.PendingStatus;
import io.swarmplace.ledger.Transfer;
import io.swarmplace.ledger.TransferResult;
import io.swarmplace.ledger.UnknownAccountException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The ledger's rules against a real database; run on H2 and on PostgreSQL by the subclasses. Every test
 * uses accounts of its own, and after each one the invariants must hold.
 */
abstract class LedgerContractTest extends LedgerTestBase {

    static SettableClock clock;

    static void open(TestDatabase db) {
        clock = new SettableClock();
        open(db, clock, WriteFaults.NONE, Duration.ofMillis(200));
    }

    static Id128 account(AccountRole role, Asset asset, AccountFlag... flags) {
        Id128 id = Id128.random();
        assertThat(ledger.createAccounts(List.of(Account.of(id, asset, role, flags)))).containsExactly(CreateAccountResult.OK);
        return id;
    }

    static Id128 user(Asset asset) {
        return account(AccountRole.USER, asset, AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS);
    }

    static BigInteger units(long n) {
        return BigInteger.valueOf(n);
    }

    /** A user holding {@code amount}, credited from a fresh custody account. */
    static Id128 fundedUser(long amount) {
        Id128 custody = account(AccountRole.CUSTODY, Asset.BTT);
        Id128 user = user(Asset.BTT);
        assertThat(ledger.createTransfers(List.of(Transfer.of(Id128.random(), custody, user, Asset.BTT, units(amount), 1))))
                .containsExactly(OK);
        return user;
    }

    static Transfer pay(Id128 from, Id128 to, long amount) {
        return Transfer.of(Id128.random(), from, to, Asset.BTT, units(amount), 2);
    }

    static List<TransferResult> submit(Transfer... transfers) {
        return ledger.createTransfers(List.of(transfers));
    }

    @Test
    void accountCreationIsIdempotent() {
        Id128 id = Id128.random();
        Account account = Account.user(id, Asset.BTT);
        assertThat(ledger.createAccounts(List.of(account, account))).containsExactly(CreateAccountResult.OK, CreateAccountResult.EXISTS);
        assertThat(ledger.createAccounts(List.of(Account.of(id, Asset.BTT_TRC10, AccountRole.USER))))
                .containsExactly(CreateAccountResult.EXISTS_WITH_DIFFERENT_FIELDS);
        assertThat(ledger.createAccounts(List.of(Account.of(Id128.random(), Asset.BTT, AccountRole.USER,
                AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS, AccountFlag.CREDITS_MUST_NOT_EXCEED_DEBITS))))
                .containsExactly(CreateAccountResult.FLAGS_ARE_MUTUALLY_EXCLUSIVE);
        assertThat(ledger.lookupAccount(id)).get().satisfies(a -> {
            assertThat(a.sameFieldsAs(account)).isTrue();
            assertThat(a.timestamp()).isPositive();
        });
    }

    @Test
    void aSnapshotIsOneMomentOfTheLedgerWhileTransfersApply() throws Exception {
        Id128 custody = account(AccountRole.CUSTODY, Asset.BTT);
        List<Id128> users = new ArrayList<>();
        List<Transfer> funding = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            users.add(user(Asset.BTT));
            funding.add(Transfer.of(Id128.random(), custody, users.get(i), Asset.BTT, units(1_000), 1));
        }
        assertThat(ledger.createTransfers(funding)).containsOnly(OK);
        ExecutorService payer = Executors.newSingleThreadExecutor();
        Future<Long> paying = payer.submit(() -> {
            java.util.SplittableRandom random = new java.util.SplittableRandom(7);
            long applied = 0;
            for (int batch = 0; batch < 60; batch++) {
                List<Transfer> payments = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    int from = random.nextInt(users.size());
                    payments.add(pay(users.get(from), users.get((from + 1 + random.nextInt(users.size() - 1)) % users.size()),
                            1 + random.nextInt(50)));
                }
                applied += ledger.createTransfers(payments).stream().filter(r -> r == OK).count();
            }
            return applied;
        });
        int snapshots = 0;
        try {
            // Each snapshot must add up although batches commit between and during the reads.
            while (!paying.isDone() && snapshots < 1_000) {
                assertAddsUp(ledger.snapshot(Integer.MAX_VALUE));
                snapshots++;
            }
            assertThat(paying.get(60, TimeUnit.SECONDS)).isPositive();
        } finally {
            payer.shutdownNow();
        }
        assertThat(snapshots).isPositive();
        List<io.swarmplace.ledger.AccountSnapshot> last = ledger.snapshot(Integer.MAX_VALUE);
        assertAddsUp(last);
        for (io.swarmplace.ledger.AccountSnapshot entry : last) {
            if (users.contains(entry.account().id())) {
                assertThat(entry.balance()).isEqualTo(ledger.balance(entry.account().id()));
            }
        }
        assertThat(last).extracting(e -> e.account().id()).containsAll(users);
    }

    /** Per asset, posted nets add up to zero and pending debits equal pending credits. */
    private static void assertAddsUp(List<io.swarmplace.ledger.AccountSnapshot> snapshot) {
        for (Asset asset : Asset.values()) {
            List<Balance> balances = snapshot.stream().filter(e -> e.account().asset() == asset)
                    .map(io.swarmplace.ledger.AccountSnapshot::balance).toList();
            assertThat(balances.stream().map(Balance::net).reduce(BigInteger.ZERO, BigInteger::add)).as("net of %s", asset).isZero();
            assertThat(balances.stream().map(Balance::debitsPending).reduce(BigInteger.ZERO, BigInteger::add))
                    .as("pending of %s", asset)
                    .isEqualTo(balances.stream().map(Balance::creditsPending).reduce(BigInteger.ZERO, BigInteger::add));
        }
    }

    @Test
    void retriedTransfersMoveMoneyOnce() {
        Id128 alice = fundedUser(1_000);
        Id128 bob = user(Asset.BTT);
        Transfer payment = pay(alice, bob, 300);
        assertThat(submit(payment)).containsExactly(OK);
        for (int retry = 0; retry < 3; retry++) {
            assertThat(submit(payment)).containsExactly(EXISTS);
        }
        assertThat(submit(new Transfer(payment.id(), alice, bob, units(301), Id128.ZERO, Asset.BTT, 0, payment.flags(), 2, 0)))
                .containsExactly(EXISTS_WITH_DIFFERENT_FIELDS);
        assertThat(ledger.balance(alice).net()).isEqualTo(units(700));
        assertThat(ledger.balance(bob).net()).isEqualTo(units(300));
        assertThat(ledger.history(bob, 10)).extracting(Transfer::id).containsExactly(payment.id());
    }

    @Test
    void aUserAccountNeverGoesNegative() {
        Id128 alice = fundedUser(100);
        Id128 bob = user(Asset.BTT);
        assertThat(submit(pay(alice, bob, 101), pay(alice, bob, 100), pay(alice, bob, 1)))
                .containsExactly(EXCEEDS_CREDITS, OK, EXCEEDS_CREDITS);
        assertThat(ledger.balance(alice).net()).isZero();
    }

    @Test
    void racingTransfersFromOneAccountNeverOverdrawIt() throws Exception {
        Id128 alice = fundedUser(1_000);
        Id128 bob = user(Asset.BTT);
        int threads = 8;
        int perThread = 40;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Long>> applied = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                applied.add(pool.submit(() -> {
                    long ok = 0;
                    for (int i = 0; i < perThread; i++) {
                        ok += submit(pay(alice, bob, 10)).get(0) == OK ? 1 : 0;
                    }
                    return ok;
                }));
            }
            long total = 0;
            for (Future<Long> f : applied) {
                total += f.get(2, TimeUnit.MINUTES);
            }
            assertThat(total).isEqualTo(100);
        } finally {
            pool.shutdownNow();
        }
        assertThat(ledger.balance(alice).net()).isZero();
        assertThat(ledger.balance(bob).net()).isEqualTo(units(1_000));
    }

    @Test
    void partialPostReleasesTheRest() {
        Id128 buyer = fundedUser(1_000);
        Id128 host = user(Asset.BTT);
        Transfer hold = Transfer.pending(Id128.random(), buyer, host, Asset.BTT, units(400), 0, 3);
        assertThat(submit(hold)).containsExactly(OK);
        Balance held = ledger.balance(buyer);
        assertThat(held.debitsPending()).isEqualTo(units(400));
        assertThat(held.available()).isEqualTo(units(600));
        assertThat(submit(pay(buyer, host, 601))).containsExactly(EXCEEDS_CREDITS);

        assertThat(submit(Transfer.post(Id128.random(), hold.id(), units(401)))).containsExactly(EXCEEDS_PENDING_TRANSFER_AMOUNT);
        Transfer post = Transfer.post(Id128.random(), hold.id(), units(150));
        assertThat(submit(post)).containsExactly(OK);
        assertThat(submit(post)).containsExactly(EXISTS);
        assertThat(submit(Transfer.post(Id128.random(), hold.id(), units(1)))).containsExactly(PENDING_TRANSFER_ALREADY_POSTED);
        assertThat(submit(Transfer.voidPending(Id128.random(), hold.id()))).containsExactly(PENDING_TRANSFER_ALREADY_POSTED);

        assertThat(ledger.pendingStatus(hold.id())).contains(PendingStatus.POSTED);
        assertThat(ledger.balance(buyer)).satisfies(b -> {
            assertThat(b.debitsPending()).isZero();
            assertThat(b.net()).isEqualTo(units(850));
        });
        assertThat(ledger.balance(host).net()).isEqualTo(units(150));
        assertThat(ledger.lookupTransfer(post.id())).get().extracting(Transfer::amount, Transfer::debitAccountId)
                .containsExactly(units(150), buyer);
    }

    @Test
    void voidReleasesEverythingOnce() {
        Id128 buyer = fundedUser(500);
        Id128 host = user(Asset.BTT);
        Transfer hold = Transfer.pending(Id128.random(), buyer, host, Asset.BTT, units(500), 0, 3);
        assertThat(submit(hold, Transfer.voidPending(Id128.random(), hold.id()))).containsExactly(OK, OK);
        assertThat(submit(Transfer.post(Id128.random(), hold.id(), BigInteger.ZERO))).containsExactly(PENDING_TRANSFER_ALREADY_VOIDED);
        assertThat(submit(Transfer.voidPending(Id128.random(), Id128.random()))).containsExactly(PENDING_TRANSFER_NOT_FOUND);
        assertThat(submit(Transfer.voidPending(Id128.random(), hold.id()))).containsExactly(PENDING_TRANSFER_ALREADY_VOIDED);
        assertThat(ledger.balance(buyer).available()).isEqualTo(units(500));
        assertThat(ledger.balance(host).creditsPending()).isZero();
        assertThat(ledger.pendingStatus(hold.id())).contains(PendingStatus.VOIDED);
    }

    @Test
    void pendingTransfersExpireAfterTheirTimeout() {
        Id128 buyer = fundedUser(300);
        Id128 host = user(Asset.BTT);
        Transfer swept = Transfer.pending(Id128.random(), buyer, host, Asset.BTT, units(100), 60, 3);
        Transfer late = Transfer.pending(Id128.random(), buyer, host, Asset.BTT, units(100), 60, 3);
        Transfer lasting = Transfer.pending(Id128.random(), buyer, host, Asset.BTT, units(100), 0, 3);
        assertThat(submit(swept, late, lasting)).containsExactly(OK, OK, OK);
        assertThat(ledger.balance(buyer).available()).isZero();

        clock.advance(Duration.ofSeconds(61));
        // the writer's own sweep (every 200 ms here) releases them; a post after the timeout fails either way
        assertThat(submit(Transfer.post(Id128.random(), late.id(), BigInteger.ZERO))).containsExactly(PENDING_TRANSFER_EXPIRED);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(ledger.pendingStatus(swept.id())).contains(PendingStatus.EXPIRED);
            assertThat(ledger.pendingStatus(late.id())).contains(PendingStatus.EXPIRED);
        });
        assertThat(ledger.expireDue()).isZero();
        assertThat(ledger.pendingStatus(lasting.id())).contains(PendingStatus.PENDING);
        assertThat(submit(Transfer.voidPending(Id128.random(), swept.id()))).containsExactly(PENDING_TRANSFER_EXPIRED);
        assertThat(ledger.balance(buyer).available()).isEqualTo(units(200));
        assertThat(ledger.balance(host).creditsPending()).isEqualTo(units(100));
        assertThat(submit(Transfer.post(Id128.random(), lasting.id(), BigInteger.ZERO))).containsExactly(OK);
    }

    @Test
    void linkedTransfersSucceedOrFailTogether() {
        Id128 buyer = fundedUser(100);
        Id128 host = user(Asset.BTT);
        Id128 fees = account(AccountRole.FEES, Asset.BTT);
        Transfer price = pay(buyer, host, 90).linked();
        Transfer fee = pay(buyer, fees, 20);
        assertThat(submit(price, fee)).containsExactly(LINKED_EVENT_FAILED, EXCEEDS_CREDITS);
        assertThat(ledger.balance(buyer).net()).isEqualTo(units(100));
        assertThat(ledger.lookupTransfer(price.id())).isEmpty();

        Transfer price2 = pay(buyer, host, 90).linked();
        Transfer fee2 = pay(buyer, fees, 10);
        Transfer alone = pay(buyer, host, 1);
        assertThat(submit(price2, fee2, alone)).containsExactly(OK, OK, EXCEEDS_CREDITS);
        assertThat(submit(price2, fee2)).containsExactly(EXISTS, EXISTS);
        Transfer reusedChainId = pay(buyer, fees, 1);
        assertThat(submit(price2, reusedChainId)).containsExactly(EXISTS, LINKED_EVENT_FAILED);
        assertThat(ledger.lookupTransfer(reusedChainId.id())).isEmpty();
        assertThat(ledger.balance(host).net()).isEqualTo(units(90));
        assertThat(ledger.balance(fees).net()).isEqualTo(units(10));

        Transfer open = pay(host, buyer, 5).linked();
        assertThat(submit(pay(host, buyer, 1), open)).containsExactly(OK, LINKED_EVENT_CHAIN_OPEN);
        assertThat(ledger.lookupTransfer(open.id())).isEmpty();
    }

    @Test
    void badInputIsRefusedAndMovesNothing() {
        Id128 alice = fundedUser(100);
        Id128 legacy = user(Asset.BTT_TRC10);
        Id128 nobody = Id128.random();
        assertThat(submit(pay(alice, nobody, 1))).containsExactly(CREDIT_ACCOUNT_NOT_FOUND);
        assertThat(submit(pay(nobody, alice, 1))).containsExactly(DEBIT_ACCOUNT_NOT_FOUND);
        assertThat(submit(pay(alice, legacy, 1))).containsExactly(ACCOUNTS_MUST_HAVE_SAME_ASSET);
        assertThat(submit(Transfer.of(Id128.random(), alice, user(Asset.BTT), Asset.BTT_TRC10, units(1), 0)))
                .containsExactly(TRANSFER_MUST_HAVE_SAME_ASSET_AS_ACCOUNTS);
        assertThat(submit(pay(alice, alice, 1))).containsExactly(ACCOUNTS_MUST_BE_DIFFERENT);
        assertThat(submit(pay(alice, legacy, 0))).containsExactly(AMOUNT_MUST_NOT_BE_ZERO);
        assertThat(submit(Transfer.of(Id128.ZERO, alice, legacy, Asset.BTT, units(1), 0))).containsExactly(ID_MUST_NOT_BE_ZERO);
        assertThatThrownBy(() -> pay(alice, legacy, -1)).isInstanceOf(InvalidAmountException.class)
                .hasMessageContaining("must not be negative");
        assertThatThrownBy(() -> Transfer.of(Id128.random(), alice, legacy, Asset.BTT, Amounts.MAX.add(BigInteger.ONE), 0))
                .isInstanceOf(InvalidAmountException.class).hasMessageContaining("2^128-1");
        assertThatThrownBy(() -> ledger.balance(nobody)).isInstanceOf(UnknownAccountException.class)
                .hasMessageContaining(nobody.toString());

        Id128 whale = user(Asset.BTT);
        Id128 mint = account(AccountRole.CUSTODY, Asset.BTT);
        Id128 mint2 = account(AccountRole.CUSTODY, Asset.BTT);
        assertThat(submit(Transfer.of(Id128.random(), mint, whale, Asset.BTT, Amounts.MAX, 1))).containsExactly(OK);
        assertThat(submit(Transfer.of(Id128.random(), mint2, whale, Asset.BTT, units(1), 1))).containsExactly(OVERFLOWS_CREDITS);
        assertThat(ledger.balance(alice).net()).isEqualTo(units(100));
        assertThat(ledger.balance(whale).net()).isEqualTo(Amounts.MAX);
        assertThat(ledger.balance(mint2).net()).isZero();
    }
}
