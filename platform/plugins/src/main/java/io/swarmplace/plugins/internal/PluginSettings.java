package io.swarmplace.plugins.internal;

import java.time.Duration;

/**
 * The plugin manager's tunables as plain values, so tests and the configuration both produce them.
 *
 * @param downloadTimeout how long connecting to and reading from a download may take
 * @param maxArtifactBytes the largest jar or index accepted
 * @param refreshTimeout how long to wait for the framework to refresh packages after a change
 */
public record PluginSettings(Duration downloadTimeout, long maxArtifactBytes, Duration refreshTimeout) {

    public static final PluginSettings DEFAULTS = from(30, 256, 30);

    public static PluginSettings from(PluginsConfig config) {
        return from(config.download_timeout_seconds(), config.max_artifact_size_mib(), config.refresh_timeout_seconds());
    }

    static PluginSettings from(int downloadSeconds, int maxMib, int refreshSeconds) {
        return new PluginSettings(
                Duration.ofSeconds(Math.max(1, downloadSeconds)),
                Math.max(1, maxMib) * 1024L * 1024L,
                Duration.ofSeconds(Math.max(1, refreshSeconds)));
    }
}
