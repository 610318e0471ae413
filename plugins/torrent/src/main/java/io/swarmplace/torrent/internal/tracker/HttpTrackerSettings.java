package io.swarmplace.torrent.internal.tracker;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits of the HTTP tracker client.
 *
 * @param connectTimeout how long a TCP connect (and a TLS handshake) may take
 * @param readTimeout the longest silence while a response is awaited
 * @param responseTimeout the longest a whole exchange may take, so a server that drips a byte at a
 *     time cannot hold a request open
 * @param maxResponseBytes the largest response body accepted
 * @param maxRedirects how many redirects are followed
 * @param userAgent the User-Agent header
 */
public record HttpTrackerSettings(
        Duration connectTimeout,
        Duration readTimeout,
        Duration responseTimeout,
        int maxResponseBytes,
        int maxRedirects,
        String userAgent) {

    public static final int DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;

    public HttpTrackerSettings {
        requirePositive("connectTimeout", connectTimeout);
        requirePositive("readTimeout", readTimeout);
        requirePositive("responseTimeout", responseTimeout);
        if (maxResponseBytes <= 0 || maxRedirects < 0) {
            throw new IllegalArgumentException("maxResponseBytes must be positive and maxRedirects not negative");
        }
        Objects.requireNonNull(userAgent, "userAgent");
    }

    /** 15 s to connect, 30 s of silence, 60 s in all, 1 MiB, 3 redirects. */
    public static HttpTrackerSettings defaults(String userAgent) {
        return new HttpTrackerSettings(Duration.ofSeconds(15), Duration.ofSeconds(30), Duration.ofSeconds(60),
                DEFAULT_MAX_RESPONSE_BYTES, 3, userAgent);
    }

    public HttpTrackerSettings withTimeouts(Duration connect, Duration read, Duration response) {
        return new HttpTrackerSettings(connect, read, response, maxResponseBytes, maxRedirects, userAgent);
    }

    public HttpTrackerSettings withMaxResponseBytes(int bytes) {
        return new HttpTrackerSettings(connectTimeout, readTimeout, responseTimeout, bytes, maxRedirects, userAgent);
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
