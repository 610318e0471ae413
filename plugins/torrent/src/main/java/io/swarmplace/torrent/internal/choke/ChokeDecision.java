package io.swarmplace.torrent.internal.choke;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The outcome of one rechoke. Sets iterate in a deterministic order (regular slots by rank, then
 * optimistic picks in draw order).
 *
 * @param unchoked every peer that is to be unchoked after this round (regular and optimistic)
 * @param optimistic the subset of {@code unchoked} that holds an optimistic slot
 * @param toUnchoke peers currently choked that must be sent UNCHOKE
 * @param toChoke peers currently unchoked that must be sent CHOKE
 */
public record ChokeDecision<P>(Set<P> unchoked, Set<P> optimistic, Set<P> toUnchoke, Set<P> toChoke) {

    public ChokeDecision {
        unchoked = frozen(unchoked);
        optimistic = frozen(optimistic);
        toUnchoke = frozen(toUnchoke);
        toChoke = frozen(toChoke);
    }

    private static <P> Set<P> frozen(Set<P> set) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(set));
    }
}
