package io.swarmplace.plugins.internal.download;

import java.time.Duration;

/**
 * What a download may cost: how long connecting and each silence may last, and how many bytes it may
 * bring. Both come from the plugin manager's configuration, so messages name those settings.
 *
 * @param timeout connect timeout and read timeout (longest time without data)
 * @param maxBytes the largest body accepted
 */
record DownloadLimits(Duration timeout, long maxBytes) {

    /** "30 s" or "1.5 s", as the user configured it (whole seconds in practice). */
    String timeoutText() {
        long millis = timeout.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    String maxSizeText() {
        long mib = maxBytes / (1024 * 1024);
        return mib > 0 ? mib + " MiB" : maxBytes / 1024 + " KiB";
    }
}
