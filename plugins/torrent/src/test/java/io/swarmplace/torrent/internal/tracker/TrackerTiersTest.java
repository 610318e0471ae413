package io.swarmplace.torrent.internal.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TrackerTiersTest {

    private static final URI A = URI.create("http://a.example/announce");
    private static final URI B = URI.create("http://b.example/announce");
    private static final URI C = URI.create("udp://c.example:6969");
    private static final URI D = URI.create("http://d.example/announce");
    private static final URI E = URI.create("udp://e.example:80");

    @Test
    void eachTierIsShuffledOnceAndKeepsItsMembers() {
        List<List<URI>> announceList = List.of(List.of(A, B, C), List.of(D, E));
        List<List<URI>> orders = IntStream.range(0, 40)
                .mapToObj(seed -> new TrackerTiers(announceList, new Random(seed)).tiers().get(0)).distinct().toList();

        assertThat(orders).as("some seeds shuffle tier 1 differently").hasSizeGreaterThan(1)
                .allSatisfy(order -> assertThat(order).containsExactlyInAnyOrder(A, B, C));
        TrackerTiers tiers = new TrackerTiers(announceList, new Random(3));
        assertThat(tiers.tryOrder().subList(0, 3)).containsExactlyInAnyOrder(A, B, C);
        assertThat(tiers.tryOrder().subList(3, 5)).containsExactlyInAnyOrder(D, E);
        assertThat(tiers.tryOrder()).as("the order stays until a tracker is promoted").isEqualTo(tiers.tryOrder());
    }

    @Test
    void aTrackerThatAnsweredMovesToTheFrontOfItsOwnTierOnly() {
        TrackerTiers tiers = new TrackerTiers(List.of(List.of(A, B, C), List.of(D, E)), new Random(1));
        List<URI> secondTier = tiers.tiers().get(1);
        URI last = tiers.tiers().get(0).get(2);

        tiers.promote(last);

        assertThat(tiers.tiers().get(0).get(0)).isEqualTo(last);
        assertThat(tiers.tiers().get(1)).isEqualTo(secondTier);

        URI secondOfTierTwo = secondTier.get(1);
        tiers.promote(secondOfTierTwo);
        assertThat(tiers.tryOrder().get(3)).isEqualTo(secondOfTierTwo);
        assertThat(tiers.tryOrder().get(0)).as("tier 1 still comes first").isEqualTo(last);
    }

    @Test
    void duplicatesAndEmptyTiersAreDropped() {
        TrackerTiers tiers = new TrackerTiers(List.of(List.of(), List.of(A), List.of(A, B), List.of()), new Random(1));

        assertThat(tiers.tiers()).containsExactly(List.of(A), List.of(B));
        assertThat(tiers.tierOf(B)).isEqualTo(1);
        assertThat(tiers.tierOf(C)).isEqualTo(-1);
    }

    @Test
    void backoffDoublesFromTheFirstWaitUpToTheMaximum() {
        AnnounceBackoff backoff = new AnnounceBackoff(Duration.ofSeconds(30), Duration.ofMinutes(5));

        assertThat(IntStream.rangeClosed(1, 7).mapToObj(backoff::after).map(Duration::toSeconds).toList())
                .containsExactly(30L, 60L, 120L, 240L, 300L, 300L, 300L);
        assertThat(AnnounceBackoff.defaults().after(1_000_000)).isEqualTo(Duration.ofMinutes(30));
        assertThatThrownBy(() -> backoff.after(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AnnounceBackoff(Duration.ofMinutes(2), Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
