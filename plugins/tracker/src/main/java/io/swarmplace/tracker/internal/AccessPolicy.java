package io.swarmplace.tracker.internal;

import java.util.Set;

/** Which torrents the tracker serves: any (open) or only those listed (whitelist). */
record AccessPolicy(Mode mode, Set<InfoHashKey> allowed) {

    enum Mode { OPEN, WHITELIST }

    AccessPolicy {
        allowed = Set.copyOf(allowed);
    }

    static AccessPolicy open() {
        return new AccessPolicy(Mode.OPEN, Set.of());
    }

    static AccessPolicy whitelist(Set<InfoHashKey> allowed) {
        return new AccessPolicy(Mode.WHITELIST, allowed);
    }

    boolean allows(InfoHashKey infoHash) {
        return mode == Mode.OPEN || allowed.contains(infoHash);
    }
}
