package io.swarmplace.ledger.hub.internal.client;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * @param attempts how often one call is sent before it fails (reconnecting in between); retries reuse the
 *     caller's ids, so a transfer that did arrive answers EXISTS
 */
public record HubClientSettings(InetSocketAddress hub, Duration requestTimeout, int attempts, Duration retryDelay,
        int maxFrameBytes) {

    public static HubClientSettings of(InetSocketAddress hub) {
        return new HubClientSettings(hub, Duration.ofSeconds(10), 5, Duration.ofMillis(200), 64 << 20);
    }

    public HubClientSettings withRetries(int newAttempts, Duration newDelay, Duration timeout) {
        return new HubClientSettings(hub, timeout, newAttempts, newDelay, maxFrameBytes);
    }
}
