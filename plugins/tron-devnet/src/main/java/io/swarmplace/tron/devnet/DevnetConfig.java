package io.swarmplace.tron.devnet;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How a devnet runs.
 *
 * @param port          TCP port on 127.0.0.1 for both the Wallet and WalletSolidity services; 0 picks a free one
 * @param dataDirectory where the chain state survives restarts
 * @param blockInterval time between blocks (TRON: 3 s)
 * @param solidifyDepth a block counts as solidified once this many blocks follow it
 */
public record DevnetConfig(int port, Path dataDirectory, Duration blockInterval, int solidifyDepth) {

    public static final Duration TRON_BLOCK_INTERVAL = Duration.ofSeconds(3);

    public DevnetConfig {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(blockInterval, "blockInterval");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        if (blockInterval.toMillis() < 10) {
            throw new IllegalArgumentException("blockInterval must be at least 10 ms, was " + blockInterval);
        }
        if (solidifyDepth < 0) {
            throw new IllegalArgumentException("solidifyDepth must be >= 0, was " + solidifyDepth);
        }
    }

    public static DevnetConfig defaults(Path dataDirectory) {
        return new DevnetConfig(50051, dataDirectory, TRON_BLOCK_INTERVAL, 19);
    }
}
