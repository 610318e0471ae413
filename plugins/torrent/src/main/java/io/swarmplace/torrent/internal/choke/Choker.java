package io.swarmplace.torrent.internal.choke;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Decides which peers we upload to; the engine calls {@link #rechoke} every 10 s with a snapshot.
 *
 * <p>Only peers that are interested in us and are not seeds can hold a slot; every other peer that
 * is unchoked gets choked.
 *
 * <ul>
 *   <li><b>Regular slots</b> ({@code regularSlots}, default 4) go by rank. Leeching (tit-for-tat):
 *       the peers that send to us fastest, at least {@code minReciprocationRate}; a snubbed peer is
 *       never ranked, whatever its average rate says, because it is not sending now. Ties go to the
 *       peer we are interested in, then to the one already unchoked (no needless churn). Seeding
 *       (libtorrent's fastest_upload): the peers that take from us fastest; ties, which are common
 *       because choked peers have no upload rate, go to the peer that has waited longest since its
 *       last unchoke, so idle peers take turns and newcomers (never unchoked) come first.
 *   <li><b>Optimistic slots</b> ({@code optimisticSlots}, default 1) are drawn at random among the
 *       interested peers that are choked, a newcomer (connected less than {@code newcomerWindow})
 *       {@code newcomerWeight} (3) times as likely; the draw is kept for {@code
 *       optimisticEveryRounds} rounds (30 s) and replaced early only if its peer leaves, loses
 *       interest or earns a regular slot.
 *   <li><b>Anti-snubbing</b>, as in the original client (which "doesn't upload to a snubbed peer
 *       except as an optimistic unchoke"): regular slots that no peer earns, typically because the
 *       peers that used to feed us snub us, become extra optimistic slots. So a snubbed peer is
 *       reachable only through an optimistic slot, and being snubbed widens the random search for a
 *       better partner, which is how downloads recover quickly.
 * </ul>
 *
 * <p>State kept between rounds: the round number, the current optimistic picks and when each peer
 * was last unchoked (pruned to the peers of the latest snapshot). Randomness and time are injected,
 * so a seeded {@link Random} and a fake clock make every decision reproducible. Not thread-safe: one
 * choker per torrent, called from its event loop. Cost per round O(n log n) in the snapshot size.
 */
public final class Choker<P> {

    private final ChokerConfig config;
    private final Random random;
    private final LongSupplier nanoClock;
    private final Set<P> optimistic = new LinkedHashSet<>();
    private final Map<P, Long> lastUnchokedRound = new HashMap<>();
    private long round;

    public Choker(ChokerConfig config, Random random, LongSupplier nanoClock) {
        this.config = config;
        this.random = random;
        this.nanoClock = nanoClock;
    }

    /** Decides this round's unchokes; {@code peers} is every connected peer of the torrent. */
    public ChokeDecision<P> rechoke(List<PeerChokeState<P>> peers, ChokeMode mode) {
        long now = nanoClock.getAsLong();
        boolean rotate = round % config.optimisticEveryRounds() == 0;
        Map<P, PeerChokeState<P>> byPeer = index(peers);

        List<PeerChokeState<P>> candidates = new ArrayList<>();
        for (PeerChokeState<P> state : peers) {
            if (state.peerInterested() && !state.seed()) {
                candidates.add(state);
            }
        }

        Set<P> regular = new LinkedHashSet<>();
        for (PeerChokeState<P> state : rank(candidates, mode)) {
            if (regular.size() == config.regularSlots()) {
                break;
            }
            regular.add(state.peer());
        }

        int optimisticWanted = config.optimisticSlots() + (config.regularSlots() - regular.size());
        Set<P> chosenOptimistic = new LinkedHashSet<>();
        if (!rotate) {
            for (P kept : optimistic) {
                PeerChokeState<P> state = byPeer.get(kept);
                if (chosenOptimistic.size() < optimisticWanted && state != null
                        && state.peerInterested() && !state.seed() && !regular.contains(kept)) {
                    chosenOptimistic.add(kept);
                }
            }
        }
        List<PeerChokeState<P>> fresh = new ArrayList<>();
        List<PeerChokeState<P>> fallback = new ArrayList<>();
        for (PeerChokeState<P> state : candidates) {
            P peer = state.peer();
            if (regular.contains(peer) || chosenOptimistic.contains(peer)) {
                continue;
            }
            boolean heldSlot = state.unchoked() || optimistic.contains(peer);
            (heldSlot ? fallback : fresh).add(state);
        }
        draw(fresh, optimisticWanted, chosenOptimistic, now);
        draw(fallback, optimisticWanted, chosenOptimistic, now);

        Set<P> unchoked = new LinkedHashSet<>(regular);
        unchoked.addAll(chosenOptimistic);
        Set<P> toUnchoke = new LinkedHashSet<>();
        Set<P> toChoke = new LinkedHashSet<>();
        for (PeerChokeState<P> state : peers) {
            boolean keep = unchoked.contains(state.peer());
            if (keep && !state.unchoked()) {
                toUnchoke.add(state.peer());
            } else if (!keep && state.unchoked()) {
                toChoke.add(state.peer());
            }
        }

        lastUnchokedRound.keySet().retainAll(byPeer.keySet());
        for (P peer : unchoked) {
            lastUnchokedRound.put(peer, round);
        }
        optimistic.clear();
        optimistic.addAll(chosenOptimistic);
        round++;
        return new ChokeDecision<>(unchoked, chosenOptimistic, toUnchoke, toChoke);
    }

    /** Rounds decided so far. */
    public long rounds() {
        return round;
    }

    private List<PeerChokeState<P>> rank(List<PeerChokeState<P>> candidates, ChokeMode mode) {
        List<PeerChokeState<P>> ranked = new ArrayList<>();
        Comparator<PeerChokeState<P>> order;
        if (mode == ChokeMode.LEECHING) {
            for (PeerChokeState<P> state : candidates) {
                if (!state.snubbed() && state.downloadRate() >= config.minReciprocationRate()) {
                    ranked.add(state);
                }
            }
            order = Comparator.<PeerChokeState<P>>comparingLong(PeerChokeState::downloadRate).reversed()
                    .thenComparing(PeerChokeState::weAreInterested, Comparator.reverseOrder())
                    .thenComparing(PeerChokeState::unchoked, Comparator.reverseOrder());
        } else {
            ranked.addAll(candidates);
            order = Comparator.<PeerChokeState<P>>comparingLong(PeerChokeState::uploadRate).reversed()
                    .thenComparingLong(state -> lastUnchokedRound.getOrDefault(state.peer(), -1L));
        }
        ranked.sort(order); // stable: full ties keep snapshot order
        return ranked;
    }

    /** Weighted draw without replacement from {@code pool} until {@code chosen} holds {@code wanted}. */
    private void draw(List<PeerChokeState<P>> pool, int wanted, Set<P> chosen, long now) {
        List<PeerChokeState<P>> left = new ArrayList<>(pool);
        while (chosen.size() < wanted && !left.isEmpty()) {
            long totalWeight = 0;
            for (PeerChokeState<P> state : left) {
                totalWeight += weight(state, now);
            }
            long ticket = (long) (random.nextDouble() * totalWeight);
            int pick = left.size() - 1;
            for (int i = 0; i < left.size(); i++) {
                ticket -= weight(left.get(i), now);
                if (ticket < 0) {
                    pick = i;
                    break;
                }
            }
            chosen.add(left.remove(pick).peer());
        }
    }

    private int weight(PeerChokeState<P> state, long now) {
        boolean newcomer = now - state.connectedSinceNanos() < config.newcomerWindow().toNanos();
        return newcomer ? config.newcomerWeight() : 1;
    }

    private Map<P, PeerChokeState<P>> index(List<PeerChokeState<P>> peers) {
        Map<P, PeerChokeState<P>> byPeer = new HashMap<>();
        for (PeerChokeState<P> state : peers) {
            if (byPeer.put(state.peer(), state) != null) {
                throw new IllegalArgumentException("peer " + state.peer() + " appears twice in the choke snapshot");
            }
        }
        return byPeer;
    }
}
