package io.swarmplace.bridge.internal.component;

import io.swarmplace.wallet.IncomingTransferListener;
import io.swarmplace.wallet.Transfer;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The wallet's whiteboard listener, a component of its own so that there is no reference cycle (bridge →
 * wallet → listeners → bridge) for SCR to trip over. A transfer announced while no bridge runs is not
 * lost: the wallet stored it first, and the bridge's recovery pass at start credits it from the history.
 * It exists only while the bridge is configured (the bridge's PID, required): the wallet connects to its
 * chain when the first listener arrives, and a node without a bridge must not pay for that at startup.
 */
@Component(service = IncomingTransferListener.class, configurationPid = BridgeComponent.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
public class DepositListener implements IncomingTransferListener {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile DepositSink sink;

    @Override
    public void incoming(Transfer transfer) {
        DepositSink current = sink;
        if (current != null) {
            current.incoming(transfer);
        }
    }
}
