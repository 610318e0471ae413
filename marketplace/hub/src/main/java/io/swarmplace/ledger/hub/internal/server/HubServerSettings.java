package io.swarmplace.ledger.hub.internal.server;

import java.nio.file.Path;
import java.time.Duration;

/**
 * @param port 0 picks a free port
 * @param operatorKey the operator's raw ed25519 public key; empty: no operator (nobody opens non-USER accounts)
 * @param dataDirectory where the hub keeps its own files (sequences.log, accounts.log)
 */
public record HubServerSettings(String host, int port, int maxFrameBytes, Duration timestampWindow, double requestsPerSecond,
        double requestBurst, byte[] operatorKey, Path dataDirectory, int ledgerThreads) {

    public HubServerSettings {
        if (maxFrameBytes < 1024) {
            throw new IllegalArgumentException("maxFrameBytes must be at least 1024, not " + maxFrameBytes);
        }
        if (requestsPerSecond <= 0) {
            throw new IllegalArgumentException("requestsPerSecond must be above 0, not " + requestsPerSecond);
        }
        operatorKey = operatorKey.clone();
    }

    public static HubServerSettings loopback(Path dataDirectory, byte[] operatorKey) {
        return new HubServerSettings("127.0.0.1", 0, 4 << 20, Duration.ofSeconds(30), 1_000_000, 1_000_000, operatorKey,
                dataDirectory, 16);
    }

    public HubServerSettings withRateLimit(double perSecond, double burst) {
        return new HubServerSettings(host, port, maxFrameBytes, timestampWindow, perSecond, burst, operatorKey, dataDirectory,
                ledgerThreads);
    }

    public HubServerSettings withPort(int newPort) {
        return new HubServerSettings(host, newPort, maxFrameBytes, timestampWindow, requestsPerSecond, requestBurst, operatorKey,
                dataDirectory, ledgerThreads);
    }
}
