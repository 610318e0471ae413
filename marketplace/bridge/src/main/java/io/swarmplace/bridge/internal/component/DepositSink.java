package io.swarmplace.bridge.internal.component;

import io.swarmplace.wallet.Transfer;

/** Where {@link DepositListener} hands the wallet's transfers: the running bridge (a private service). */
public interface DepositSink {

    void incoming(Transfer transfer);
}
