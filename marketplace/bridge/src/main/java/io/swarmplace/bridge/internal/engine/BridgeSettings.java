package io.swarmplace.bridge.internal.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * @param custodyAddress the wallet account holding the ledger's BTT; empty: the bridge creates one once
 * @param passphrase unlocks the custody and deposit addresses in the wallet
 * @param faultPoint where to simulate a crash (tests only)
 * @param hangAtFault wait there to be killed instead of throwing (tests only)
 */
public record BridgeSettings(Path folder, Optional<String> custodyAddress, char[] passphrase, Duration pollInterval,
        Optional<FaultPoint> faultPoint, boolean hangAtFault) {
}
