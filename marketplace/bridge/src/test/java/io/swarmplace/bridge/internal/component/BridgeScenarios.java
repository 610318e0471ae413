package io.swarmplace.bridge.internal.component;

import static io.swarmplace.bridge.internal.component.BridgeNode.*;
import static io.swarmplace.testing.FrameworkTestSupport.call;
import static io.swarmplace.testing.FrameworkTestSupport.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.swarmplace.bridge.internal.engine.FaultPoint;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user does with the bridge, run by {@link BridgeBundleIT} (ledger on H2) and
 * {@link BridgeBundlePostgresIT} (ledger on PostgreSQL), each booting its own node first.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class BridgeScenarios {

    private static final BigInteger BTT = BridgeNode.BTT;
    private static final String PASSPHRASE = BridgeNode.PASSPHRASE;
    private static final Duration WAIT = BridgeNode.WAIT;


    @TempDir
    static Path temp;

    @AfterAll
    static void shutdown() throws Exception {
        BridgeNode.shutdown();
    }

    @Test
    @Order(1)
    void creditsADepositOnceAfterSolidificationEvenWhenSeenAgain() throws Exception {
        String user = ledger("open", "user", "BTT");
        String address = depositAddress(user);
        assertThat(depositAddress(user)).isEqualTo(address);

        String txid = deposit(address, "100");
        await().atMost(WAIT).until(() -> balance(user), BTT.multiply(BigInteger.valueOf(100))::equals);
        assertThat(bridge("deposits")).contains(txid, "100 BTT", "to " + user);

        // The wallet announcing the same transaction again (as after a crash) credits nothing.
        Object seen = ((List<?>) invoke(wallet(), "history", walletAddress(address))).stream()
                .filter(t -> call(t, "txid").equals(txid)).findFirst().orElseThrow();
        Object listener = service(context, "io.swarmplace.wallet.IncomingTransferListener").orElseThrow();
        invoke(listener, "incoming", seen);
        // ... and neither does a restart, whose recovery pass reads the wallet's history again.
        restartBridge(Optional.empty());
        assertThat(bridge("verify")).contains("OK: the ledger and the chain agree");
        assertThat(balance(user)).isEqualTo(BTT.multiply(BigInteger.valueOf(100)));
        assertThat(ledger("history", user).lines().filter(l -> l.contains("+")).count()).isEqualTo(1);
        // The deposit address holds no TRX: custody pays the sweep's fee, the deposit is swept to custody, and
        // the holdings stay the same.
        await().atMost(WAIT).until(() -> chainBtt(custodyAddress()).compareTo(BTT.multiply(BigInteger.valueOf(100))) >= 0);
        assertThat(bridge("verify")).contains("OK: the ledger and the chain agree");
    }

    @Test
    @Order(2)
    void holdsBttSentStraightToCustodyInSuspense() throws Exception {
        String txid = deposit(custodyAddress(), "7");
        String suspense = custodyLine("Suspense account");
        await().atMost(WAIT).until(() -> balance(suspense), BTT.multiply(BigInteger.valueOf(7))::equals);
        assertThat(bridge("deposits")).contains(txid, "SUSPENSE");
        assertThat(bridge("verify")).contains("OK: the ledger and the chain agree");
    }

    @Test
    @Order(3)
    void withdrawsEndToEndAndARetryNeverPaysTwice() throws Exception {
        String user = funded("50");
        String destination = invoke(wallet(), "createAccount", (Object) "outside".toCharArray()).toString();

        assertThat(bridge("withdraw", user, destination, "20", "w-1")).contains("w-1");
        awaitSettled("w-1");
        assertThat(chainBtt(destination)).isEqualTo(BTT.multiply(BigInteger.valueOf(20)));
        assertThat(balance(user)).isEqualTo(BTT.multiply(BigInteger.valueOf(30)));

        assertThat(bridge("withdraw", user, destination, "20", "w-1")).contains("SETTLED");
        assertThat(bridge("withdraw", user, destination, "21", "w-1")).contains("Error:", "already used");
        assertThat(bridge("withdraw", user, destination, "31", "w-2")).contains("REJECTED");
        assertThat(chainBtt(destination)).isEqualTo(BTT.multiply(BigInteger.valueOf(20)));
        assertThat(balance(user)).isEqualTo(BTT.multiply(BigInteger.valueOf(30)));
        assertThat(bridge("verify")).contains("OK: the ledger and the chain agree");
    }

    @Test
    @Order(4)
    void voidsAWithdrawalTheChainCannotPayAndGivesTheFundsBack() throws Exception {
        String user = funded("10");
        String destination = invoke(wallet(), "createAccount", (Object) "outside".toCharArray()).toString();
        // Someone with the custody key moves its BTT away: the bridge notices and cannot pay.
        Object custody = walletAddress(custodyAddress());
        BigInteger held = chainBtt(custodyAddress());
        invoke(wallet(), "unlock", custody, PASSPHRASE.toCharArray(), Duration.ofMinutes(1));
        Object drain = send(custody, walletAddress(destination), held, "drain");
        awaitConfirmed(drain);
        assertThat(bridge("verify")).contains("MISMATCH", "less than the ledger owes", "NOT OK");

        assertThat(bridge("withdraw", user, destination, "10", "w-void")).contains("VOIDED", "cannot pay");
        assertThat(balance(user)).isEqualTo(BTT.multiply(BigInteger.valueOf(10)));
        assertThat(ledger("balance", user)).containsPattern("debits pending:\\s+0");

        invoke(faucet(), "mintBttTrc20", custodyAddress(), held); // the money comes back
        assertThat(bridge("verify")).contains("OK: the ledger and the chain agree");
    }

    @Test
    @Order(5)
    void publishesReservesWhoseProofsAUserCanCheck() throws Exception {
        String user = funded("3");
        String reserves = bridge("reserves");
        assertThat(reserves).contains("Root: ", "swarmplace-reserves-1");
        assertThat(temp.resolve("data/bridge/reserves/latest.json")).exists();
        String proof = bridge("proof", user);
        String check = proof.lines().filter(l -> l.startsWith("Check: ")).findFirst().orElseThrow();
        String root = line(proof, "Root");
        String path = line(proof, "Path");
        assertThat(bridge("checkproof", user, BTT.multiply(BigInteger.valueOf(3)).toString(), root, path)).startsWith("VALID");
        assertThat(bridge("checkproof", user, BTT.multiply(BigInteger.valueOf(4)).toString(), root, path)).startsWith("INVALID");
        assertThat(check).contains(root);
    }

    /** Stops the bridge dead between every two steps of a deposit, restarts it, and checks nothing is lost or doubled. */
    @Test
    @Order(6)
    void aDepositInterruptedAtAnyStepIsCreditedExactlyOnceAfterARestart() throws Exception {
        for (FaultPoint point : List.of(FaultPoint.DEPOSIT_BEFORE_CREDIT, FaultPoint.DEPOSIT_AFTER_CREDIT,
                FaultPoint.DEPOSIT_AFTER_RECORD)) {
            String user = ledger("open", "user", "BTT");
            String address = depositAddress(user);
            restartBridge(Optional.of(point));
            String txid = deposit(address, "5");
            awaitCrash(point);
            restartBridge(Optional.empty());
            await().atMost(WAIT).until(() -> balance(user), BTT.multiply(BigInteger.valueOf(5))::equals);
            assertThat(bridge("deposits")).as(point.name()).contains(txid);
            assertThat(bridge("verify")).as(point.name()).contains("OK: the ledger and the chain agree");
        }
    }

    @Test
    @Order(7)
    void aWithdrawalInterruptedAtAnyStepPaysExactlyOnceAfterARestart() throws Exception {
        for (FaultPoint point : List.of(FaultPoint.WITHDRAW_AFTER_RECORD, FaultPoint.WITHDRAW_AFTER_RESERVE,
                FaultPoint.WITHDRAW_AFTER_SEND, FaultPoint.WITHDRAW_AFTER_CONFIRM, FaultPoint.WITHDRAW_AFTER_POST)) {
            String user = funded("9");
            String destination = invoke(wallet(), "createAccount", (Object) "outside".toCharArray()).toString();
            restartBridge(Optional.of(point));
            String request = "crash-" + point;
            bridgeAllowingCrash("withdraw", user, destination, "4", request);
            awaitCrash(point);
            restartBridge(Optional.empty());
            awaitSettled(request);
            assertThat(chainBtt(destination)).as(point.name()).isEqualTo(BTT.multiply(BigInteger.valueOf(4)));
            assertThat(balance(user)).as(point.name()).isEqualTo(BTT.multiply(BigInteger.valueOf(5)));
            assertThat(bridge("withdraw", user, destination, "4", request)).as(point.name()).contains("SETTLED");
            assertThat(chainBtt(destination)).as(point.name()).isEqualTo(BTT.multiply(BigInteger.valueOf(4)));
            assertThat(bridge("verify")).as(point.name()).contains("OK: the ledger and the chain agree");
        }
    }
}
