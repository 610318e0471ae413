package io.swarmplace.torrent.internal.choke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChokerTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long KB = 1024;

    private final long[] now = {3_600 * SECOND};

    /** The engine side of the test: peers as the choker would see them, updated from each decision. */
    private final class Swarm {
        final Map<String, PeerChokeState<String>> peers = new LinkedHashMap<>();

        Swarm peer(String key, boolean interested, long down, long up) {
            return peer(key, interested, down, up, false, now[0] - 600 * SECOND, false);
        }

        Swarm peer(String key, boolean interested, long down, long up, boolean snubbed, long since, boolean seed) {
            PeerChokeState<String> old = peers.get(key);
            boolean unchoked = old != null && old.unchoked();
            peers.put(key, new PeerChokeState<>(key, interested, true, down, up, snubbed, since, seed, unchoked));
            return this;
        }

        Swarm unchoked(String key) {
            PeerChokeState<String> s = peers.get(key);
            peers.put(key, new PeerChokeState<>(key, s.peerInterested(), s.weAreInterested(), s.downloadRate(),
                    s.uploadRate(), s.snubbed(), s.connectedSinceNanos(), s.seed(), true));
            return this;
        }

        ChokeDecision<String> round(Choker<String> choker, ChokeMode mode) {
            ChokeDecision<String> decision = choker.rechoke(new ArrayList<>(peers.values()), mode);
            for (PeerChokeState<String> s : List.copyOf(peers.values())) {
                boolean unchoked = decision.unchoked().contains(s.peer());
                assertThat(decision.toUnchoke().contains(s.peer())).isEqualTo(unchoked && !s.unchoked());
                assertThat(decision.toChoke().contains(s.peer())).isEqualTo(!unchoked && s.unchoked());
                peers.put(s.peer(), new PeerChokeState<>(s.peer(), s.peerInterested(), s.weAreInterested(),
                        s.downloadRate(), s.uploadRate(), s.snubbed(), s.connectedSinceNanos(), s.seed(), unchoked));
            }
            now[0] += 10 * SECOND;
            return decision;
        }
    }

    private Choker<String> choker(long seed) {
        return new Choker<>(ChokerConfig.DEFAULTS, new Random(seed), () -> now[0]);
    }

    private static Set<String> regular(ChokeDecision<String> decision) {
        Set<String> regular = new HashSet<>(decision.unchoked());
        regular.removeAll(decision.optimistic());
        return regular;
    }

    @Test
    void leechingUnchokesThePeersThatSendUsTheMost() {
        Swarm swarm = new Swarm();
        for (int i = 1; i <= 8; i++) {
            swarm.peer("p" + i, true, i * 10 * KB, 0);
        }
        swarm.peer("uninterested", false, 500 * KB, 0);
        ChokeDecision<String> decision = swarm.round(choker(1), ChokeMode.LEECHING);
        assertThat(regular(decision)).containsExactlyInAnyOrder("p8", "p7", "p6", "p5");
        assertThat(decision.optimistic()).hasSize(1).isSubsetOf("p1", "p2", "p3", "p4");
        assertThat(decision.unchoked()).hasSize(5).doesNotContain("uninterested");
        assertThat(decision.toUnchoke()).isEqualTo(decision.unchoked());
        assertThat(decision.toChoke()).isEmpty();
    }

    @Test
    void peersThatAreNotInterestedOrAreSeedsNeverHoldASlot() {
        Swarm swarm = new Swarm();
        swarm.peer("bored", false, 900 * KB, 900 * KB).unchoked("bored");
        swarm.peer("seed", true, 900 * KB, 0, false, 0, true).unchoked("seed");
        swarm.peer("keen", true, 0, 0);
        Choker<String> choker = choker(2);
        for (ChokeMode mode : ChokeMode.values()) {
            ChokeDecision<String> decision = swarm.round(choker, mode);
            assertThat(decision.unchoked()).containsExactly("keen");
        }
    }

    @Test
    void neverMoreUnchokedThanTheSlots() {
        Swarm swarm = new Swarm();
        Random rates = new Random(3);
        for (int i = 0; i < 30; i++) {
            swarm.peer("p" + i, true, rates.nextInt(100) * KB, rates.nextInt(100) * KB);
        }
        Choker<String> choker = choker(3);
        for (int round = 0; round < 12; round++) {
            ChokeMode mode = round % 2 == 0 ? ChokeMode.LEECHING : ChokeMode.SEEDING;
            ChokeDecision<String> decision = swarm.round(choker, mode);
            assertThat(decision.unchoked()).hasSize(5);
            assertThat(decision.optimistic()).isSubsetOf(decision.unchoked());
        }
        Choker<String> small = new Choker<>(new ChokerConfig(2, 0, 3, Duration.ofSeconds(60), 3, 1), new Random(4),
                () -> now[0]);
        assertThat(swarm.round(small, ChokeMode.LEECHING).unchoked()).hasSize(2);
        Swarm few = new Swarm().peer("only", true, 0, 0);
        assertThat(few.round(choker(5), ChokeMode.LEECHING).unchoked()).containsExactly("only");
    }

    @Test
    void theOptimisticUnchokeRotatesEveryThirdRound() {
        Swarm swarm = new Swarm();
        for (int i = 1; i <= 4; i++) {
            swarm.peer("fast" + i, true, 100 * KB * i, 0);
        }
        for (int i = 1; i <= 6; i++) {
            swarm.peer("idle" + i, true, 0, 0);
        }
        Choker<String> choker = choker(6);
        List<Set<String>> optimistic = new ArrayList<>();
        for (int round = 0; round < 9; round++) {
            ChokeDecision<String> decision = swarm.round(choker, ChokeMode.LEECHING);
            assertThat(regular(decision)).containsExactlyInAnyOrder("fast1", "fast2", "fast3", "fast4");
            assertThat(decision.optimistic()).hasSize(1);
            optimistic.add(decision.optimistic());
        }
        for (int round = 0; round < 9; round++) {
            if (round % 3 == 0 && round > 0) {
                assertThat(optimistic.get(round)).as("rotated at round %d", round).isNotEqualTo(optimistic.get(round - 1));
            } else if (round % 3 != 0) {
                assertThat(optimistic.get(round)).as("kept at round %d", round).isEqualTo(optimistic.get(round - 1));
            }
        }
        assertThat(choker.rounds()).isEqualTo(9);
    }

    @Test
    void anOptimisticPeerThatLeavesOrLosesInterestIsReplacedAtOnce() {
        Swarm swarm = new Swarm();
        for (int i = 1; i <= 4; i++) {
            swarm.peer("fast" + i, true, 100 * KB * i, 0);
        }
        swarm.peer("a", true, 0, 0).peer("b", true, 0, 0).peer("c", true, 0, 0);
        Choker<String> choker = choker(7);
        String first = swarm.round(choker, ChokeMode.LEECHING).optimistic().iterator().next();
        swarm.peer(first, false, 0, 0);
        ChokeDecision<String> second = swarm.round(choker, ChokeMode.LEECHING);
        assertThat(second.optimistic()).hasSize(1).doesNotContain(first);
        assertThat(second.toChoke()).containsExactly(first);
        String replacement = second.optimistic().iterator().next();
        swarm.peers.remove(replacement);
        ChokeDecision<String> third = swarm.round(choker, ChokeMode.LEECHING);
        assertThat(third.optimistic()).hasSize(1).doesNotContain(first, replacement);
    }

    @Test
    void anOptimisticPeerThatProvesFastEarnsARegularSlot() {
        Swarm swarm = new Swarm();
        for (int i = 1; i <= 4; i++) {
            swarm.peer("fast" + i, true, 100 * KB * i, 0);
        }
        swarm.peer("a", true, 0, 0).peer("b", true, 0, 0);
        Choker<String> choker = choker(8);
        String lucky = swarm.round(choker, ChokeMode.LEECHING).optimistic().iterator().next();
        swarm.peer(lucky, true, 1000 * KB, 0);
        ChokeDecision<String> next = swarm.round(choker, ChokeMode.LEECHING);
        assertThat(regular(next)).contains(lucky).doesNotContain("fast1");
        assertThat(next.optimistic()).hasSize(1).doesNotContain(lucky);
    }

    @Test
    void newcomersAreAboutThreeTimesAsLikelyToBeDrawn() {
        Random random = new Random(9);
        Map<String, Integer> draws = new HashMap<>();
        int trials = 4000;
        for (int trial = 0; trial < trials; trial++) {
            Swarm swarm = new Swarm();
            for (int i = 1; i <= 4; i++) {
                swarm.peer("fast" + i, true, 100 * KB * i, 0);
            }
            for (int i = 1; i <= 8; i++) {
                swarm.peer("old" + i, true, 0, 0);
            }
            swarm.peer("new1", true, 0, 0, false, now[0] - 5 * SECOND, false);
            swarm.peer("new2", true, 0, 0, false, now[0] - 50 * SECOND, false);
            Choker<String> choker = new Choker<>(ChokerConfig.DEFAULTS, random, () -> now[0]);
            for (String peer : swarm.round(choker, ChokeMode.LEECHING).optimistic()) {
                draws.merge(peer, 1, Integer::sum);
            }
        }
        double perNewcomer = (draws.getOrDefault("new1", 0) + draws.getOrDefault("new2", 0)) / 2.0;
        double perOld = 0;
        for (int i = 1; i <= 8; i++) {
            perOld += draws.getOrDefault("old" + i, 0);
        }
        perOld /= 8;
        // expected shares 3/14 and 1/14 of the draws: a ratio of 3
        assertThat(perNewcomer / perOld).isBetween(2.6, 3.4);
        assertThat(draws.keySet()).noneMatch(peer -> peer.startsWith("fast"));
    }

    @Test
    void seedingRewardsThePeersThatDownloadFastestFromUs() {
        Swarm swarm = new Swarm();
        for (int i = 1; i <= 8; i++) {
            swarm.peer("p" + i, true, (9 - i) * 100 * KB, i * 10 * KB);
        }
        ChokeDecision<String> decision = swarm.round(choker(10), ChokeMode.SEEDING);
        assertThat(regular(decision)).containsExactlyInAnyOrder("p8", "p7", "p6", "p5");
        assertThat(decision.optimistic()).hasSize(1).isSubsetOf("p1", "p2", "p3", "p4");
    }

    @Test
    void seedingTakesTurnsAmongPeersWithTheSameRate() {
        Swarm swarm = new Swarm();
        for (int i = 1; i <= 12; i++) {
            swarm.peer("p" + i, true, 0, 0);
        }
        Choker<String> choker = choker(11);
        Set<String> served = new HashSet<>();
        List<Set<String>> regulars = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            ChokeDecision<String> decision = swarm.round(choker, ChokeMode.SEEDING);
            regulars.add(regular(decision));
            served.addAll(decision.unchoked());
        }
        // 12 idle peers, 4 regular slots: three rounds give each one a turn
        assertThat(served).hasSize(12);
        assertThat(regulars.get(0)).doesNotContainAnyElementsOf(regulars.get(1));
        // a newcomer (never unchoked) goes ahead of the peers that already had a turn
        swarm.peer("newcomer", true, 0, 0, false, now[0], false);
        assertThat(regular(swarm.round(choker, ChokeMode.SEEDING))).contains("newcomer");
    }

    @Test
    void aSnubbedPeerIsNotRewardedForItsRateButAFreedSlotGoesOptimistic() {
        Swarm swarm = new Swarm();
        swarm.peer("snubber", true, 900 * KB, 0, true, now[0] - 600 * SECOND, false);
        swarm.peer("a", true, 300 * KB, 0).peer("b", true, 200 * KB, 0).peer("c", true, 100 * KB, 0);
        swarm.peer("slow1", true, 10, 0).peer("slow2", true, 0, 0).peer("slow3", true, 0, 0);
        Set<String> optimisticSeen = new HashSet<>();
        for (long seed = 0; seed < 40; seed++) {
            Swarm copy = new Swarm();
            copy.peers.putAll(swarm.peers);
            ChokeDecision<String> decision = copy.round(choker(seed), ChokeMode.LEECHING);
            assertThat(regular(decision)).containsExactlyInAnyOrder("a", "b", "c");
            // the regular slot nobody earned became a second optimistic slot
            assertThat(decision.optimistic()).hasSize(2);
            optimisticSeen.addAll(decision.optimistic());
        }
        assertThat(optimisticSeen).contains("snubber", "slow1", "slow2", "slow3");
    }

    @Test
    void peersBelowTheReciprocationRateDoNotEarnRegularSlots() {
        Swarm swarm = new Swarm();
        swarm.peer("trickle", true, 1000, 0).peer("real", true, 2 * KB, 0);
        ChokeDecision<String> decision = swarm.round(choker(12), ChokeMode.LEECHING);
        assertThat(regular(decision)).containsExactly("real");
        assertThat(decision.optimistic()).containsExactly("trickle");
    }

    @Test
    void equalRatesPreferPeersWeWantSomethingFromThenTheAlreadyUnchoked() {
        Swarm swarm = new Swarm();
        for (String key : List.of("x1", "x2", "x3", "x4", "x5", "x6")) {
            swarm.peer(key, true, 50 * KB, 0);
        }
        swarm.unchoked("x5").unchoked("x6");
        PeerChokeState<String> x1 = swarm.peers.get("x1");
        swarm.peers.put("x1", new PeerChokeState<>("x1", true, false, x1.downloadRate(), 0, false,
                x1.connectedSinceNanos(), false, false));
        ChokeDecision<String> decision = swarm.round(choker(13), ChokeMode.LEECHING);
        assertThat(decision.unchoked()).startsWith("x5", "x6", "x2", "x3");
    }

    @Test
    void aSnapshotWithAPeerTwiceIsRefused() {
        PeerChokeState<String> a = new PeerChokeState<>("a", true, true, 0, 0, false, 0, false, false);
        assertThatThrownBy(() -> choker(14).rechoke(List.of(a, a), ChokeMode.LEECHING))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a appears twice");
        assertThatThrownBy(() -> new PeerChokeState<>("a", true, true, -1, 0, false, 0, false, false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ChokerConfig(4, 1, 0, Duration.ZERO, 3, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
