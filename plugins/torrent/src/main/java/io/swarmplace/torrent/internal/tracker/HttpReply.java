package io.swarmplace.torrent.internal.tracker;

import java.util.Optional;

/** One HTTP response as far as the tracker client needs it: status, Location of a redirect, body. */
record HttpReply(int status, String reason, Optional<String> location, byte[] body) {

    boolean isRedirect() {
        return (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) && location.isPresent();
    }
}
