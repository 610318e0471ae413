package io.swarmplace.plugins.internal.download;

import java.net.URI;

/** How one HTTP exchange ended: the body is on disk, or the server sent us elsewhere. */
sealed interface FetchOutcome {

    record Saved(long bytes) implements FetchOutcome {}

    record Redirected(URI location) implements FetchOutcome {}
}
