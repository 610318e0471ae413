package io.swarmplace.bridge.internal.component;

import static io.swarmplace.bridge.internal.component.BridgeNode.BTT;
import static org.awaitility.Awaitility.await;

import io.swarmplace.bridge.internal.engine.FaultPoint;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A node in a JVM of its own, for {@link BridgeProcessKillIT}: {@code <dir> crash <POINT>} funds a user and
 * starts a deposit or a withdrawal with the bridge set to stop at POINT and wait there to be killed;
 * {@code <dir> check} restarts the node over the same data, lets the recovery pass finish, and prints what
 * the user, the destination and the chain hold.
 */
public final class BridgeNodeProcess {

    private BridgeNodeProcess() {}

    public static void main(String[] args) {
        try {
            run(args);
            System.exit(0);
        } catch (Throwable failed) {
            failed.printStackTrace();
            System.exit(1); // Felix's threads would keep a failed JVM alive
        }
    }

    private static void run(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Path scenario = dir.resolve("scenario.txt");
        if (args[1].equals("crash")) {
            FaultPoint point = FaultPoint.valueOf(args[2]);
            BridgeNode.boot(dir, Optional.of(point), "hang");
            boolean deposit = point.name().startsWith("DEPOSIT");
            String user = deposit ? BridgeNode.ledger("open", "user", "BTT") : BridgeNode.funded("9");
            String destination = BridgeNode.wallet().getClass().getMethod("createAccount", char[].class)
                    .invoke(BridgeNode.wallet(), (Object) "outside".toCharArray()).toString();
            Files.write(scenario, List.of(point.name(), user, destination));
            if (deposit) {
                BridgeNode.deposit(BridgeNode.depositAddress(user), "5");
            } else {
                BridgeNode.bridge("withdraw", user, destination, "4", "killed");
            }
            Thread.sleep(Long.MAX_VALUE); // until killed
        }
        List<String> lines = Files.readAllLines(scenario);
        String user = lines.get(1);
        String destination = lines.get(2);
        BridgeNode.boot(dir, Optional.empty(), "");
        if (lines.get(0).startsWith("DEPOSIT")) {
            await().atMost(BridgeNode.WAIT).until(() -> BridgeNode.balance(user).signum() > 0);
        } else {
            BridgeNode.awaitSettled("killed");
        }
        System.out.println("user=" + BridgeNode.balance(user));
        System.out.println("destination=" + BridgeNode.chainBtt(destination));
        System.out.println("withdrawals=" + BridgeNode.bridge("withdrawals").replace('\n', '|'));
        System.out.println("deposits=" + BridgeNode.bridge("deposits").replace('\n', '|'));
        System.out.println("verify=" + BridgeNode.bridge("verify").replace('\n', '|'));
        BridgeNode.shutdown();
    }

    static BigInteger btt(long whole) {
        return BTT.multiply(BigInteger.valueOf(whole));
    }
}
