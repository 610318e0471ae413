package io.swarmplace.wallet.internal.component;

import io.swarmplace.tron.devnet.Devnet;
import io.swarmplace.wallet.WalletException;
import java.util.Optional;

/**
 * The devnet the wallet runs in this node, for the faucet command: a bundle-private service of the wallet
 * component, because the devnet starts only with the wallet's chain side, on first use.
 */
public interface LocalDevnet {

    /** The wallet's own devnet, started now if it was not yet; empty when the wallet uses another network. */
    Optional<Devnet> ownDevnet() throws WalletException;
}
