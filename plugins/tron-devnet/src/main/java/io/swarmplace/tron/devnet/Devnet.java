package io.swarmplace.tron.devnet;

import java.io.IOException;
import java.nio.file.Path;

import io.swarmplace.tron.devnet.internal.RunningDevnet;

/** A running devnet. Closing it stops block production and the gRPC server; the state stays on disk. */
public interface Devnet extends AutoCloseable {

    /** TRC-10 token id of legacy BTT, the only TRC-10 token that exists on the devnet. */
    int BTT_TRC10_TOKEN_ID = 1002000;

    /** Decimals of the devnet's TRC-20 BTT, as on mainnet. */
    int BTT_TRC20_DECIMALS = 18;

    static Devnet start(DevnetConfig config) throws IOException {
        return RunningDevnet.start(config);
    }

    /** The port the gRPC server listens on (resolved when the config asked for 0). */
    int port();

    /** "127.0.0.1:port", usable as both Trident endpoints. */
    default String endpoint() {
        return "127.0.0.1:" + port();
    }

    /** Base58Check address of the devnet's TRC-20 BTT contract. */
    String bttContractAddress();

    /** The BTT contract's address on every devnet (fixed, so a node can name it before reaching one). */
    static String standardBttContractAddress() {
        return RunningDevnet.standardBttContractAddress();
    }

    long latestBlockNumber();

    Path dataDirectory();

    Faucet faucet();

    @Override
    void close();
}
