package io.swarmplace.bridge.internal.component;

import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;

/**
 * The packaged bridge in a real Felix with the ledger (H2), the wallet and its in-process devnet (a block
 * every 100 ms, solidified one block later). Everything a user does goes through the bridge: and ledger:
 * shell commands; the chain side (a customer's own wallet, the faucet) through the wallet and devnet
 * services. The bundles' classes are not the test's, so they are called by reflection.
 */
class BridgeBundleIT extends BridgeScenarios {

    @BeforeAll
    static void boot() throws Exception {
        BridgeNode.boot(temp, Optional.empty(), "");
    }
}
