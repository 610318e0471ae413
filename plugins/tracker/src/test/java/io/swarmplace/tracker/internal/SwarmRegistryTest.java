package io.swarmplace.tracker.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swarmplace.tracker.SwarmStats;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SwarmRegistryTest {

    private final ManualClock clock = new ManualClock();
    private final TrackerStatistics statistics = new TrackerStatistics();

    private SwarmRegistry registry(TestConfig config) {
        return new SwarmRegistry(config.settings(), statistics, clock, new Random(3));
    }

    private static AnnounceRequest announce(int torrent, int peer, long left, AnnounceEvent event) {
        return new AnnounceRequest(InfoHashKey.of(Announces.hash(torrent)), Announces.peerId(peer),
                PeerAddress.of(new byte[] {10, 0, (byte) (peer >> 8), (byte) peer}, 6881), 0, 0, left, event, -1);
    }

    private static String hex(int torrent) {
        return InfoHashKey.of(Announces.hash(torrent)).hex();
    }

    @Test
    void peersExpireAfterThePeerExpiryAndEmptySwarmsGoInOpenMode() {
        SwarmRegistry registry = registry(TestConfig.loopback().with("announceInterval", 100).with("peerExpiry", 0));
        registry.announce(announce(1, 1, 0, AnnounceEvent.STARTED));
        clock.advance(Duration.ofSeconds(150));
        registry.announce(announce(1, 2, 5, AnnounceEvent.STARTED));

        clock.advance(Duration.ofSeconds(51)); // peer 1 is 201 s old, peer 2 51 s: expiry is 2 × 100 s
        registry.expire();

        assertThat(registry.swarm(InfoHashKey.of(Announces.hash(1)))).hasValue(new SwarmStats(hex(1), 0, 1, 0));
        assertThat(statistics.peersExpired.sum()).isEqualTo(1);
        assertThat(registry.peerCount()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(200));
        registry.expire();

        assertThat(registry.swarms()).isEmpty();
        assertThat(registry.torrentCount()).isZero();
        assertThat(registry.peerCount()).isZero();
    }

    @Test
    void aPeerThatKeepsAnnouncingNeverExpires() {
        SwarmRegistry registry = registry(TestConfig.loopback().with("announceInterval", 100));
        for (int i = 0; i < 10; i++) {
            registry.announce(announce(1, 1, 0, AnnounceEvent.NONE));
            clock.advance(Duration.ofSeconds(150));
            registry.expire();
        }
        assertThat(registry.swarms()).extracting(SwarmStats::seeders).containsExactly(1);
    }

    @Test
    void whitelistModeKeepsEmptySwarmsAndTheirCompletedCount() {
        SwarmRegistry registry = registry(TestConfig.loopback().with("mode", "whitelist")
                .with("allowedInfoHashes", new String[] {hex(1)}).with("announceInterval", 100));
        registry.announce(announce(1, 1, 0, AnnounceEvent.COMPLETED));
        clock.advance(Duration.ofSeconds(1000));
        registry.expire();

        assertThat(registry.swarms()).containsExactly(new SwarmStats(hex(1), 0, 0, 1));
    }

    @Test
    void theTorrentLimitRefusesNewTorrentsButServesKnownOnes() {
        SwarmRegistry registry = registry(TestConfig.loopback().with("maxTorrents", 2));
        registry.announce(announce(1, 1, 0, AnnounceEvent.STARTED));
        registry.announce(announce(2, 1, 0, AnnounceEvent.STARTED));

        assertThatThrownBy(() -> registry.announce(announce(3, 1, 0, AnnounceEvent.STARTED)))
                .isInstanceOf(TrackerRequestException.class)
                .hasMessage("this tracker already tracks its limit of 2 torrents; try again later");
        assertThat(registry.announce(announce(2, 2, 0, AnnounceEvent.STARTED)).seeders()).isEqualTo(2);
        assertThat(registry.announce(announce(3, 1, 0, AnnounceEvent.STOPPED)).peers())
                .as("a stop for an unknown torrent creates nothing").isEmpty();
        assertThat(registry.torrentCount()).isEqualTo(2);
    }

    @Test
    void peerLimitsAnswerButDoNotRemember() {
        SwarmRegistry registry = registry(TestConfig.loopback().with("maxPeersPerTorrent", 3).with("maxPeers", 5));
        for (int peer = 1; peer <= 5; peer++) {
            registry.announce(announce(1, peer, 0, AnnounceEvent.STARTED));
        }
        AnnounceReply extra = registry.announce(announce(2, 10, 5, AnnounceEvent.STARTED));
        registry.announce(announce(2, 11, 5, AnnounceEvent.STARTED));
        AnnounceReply overTotal = registry.announce(announce(3, 12, 5, AnnounceEvent.STARTED));

        assertThat(registry.swarm(InfoHashKey.of(Announces.hash(1))).orElseThrow().seeders()).isEqualTo(3);
        assertThat(extra.peers()).isEmpty();
        assertThat(registry.peerCount()).isEqualTo(5);
        assertThat(overTotal.leechers()).isZero();
        assertThat(statistics.peersNotStored.sum()).isEqualTo(3);

        registry.announce(announce(1, 1, 0, AnnounceEvent.STOPPED));
        registry.announce(announce(3, 12, 5, AnnounceEvent.STARTED));
        assertThat(registry.swarm(InfoHashKey.of(Announces.hash(3))).orElseThrow().leechers())
                .as("room made by a stop is used").isEqualTo(1);
    }

    @Test
    void aLeecherThatStopsWithNothingLeftCountsAsCompleted() {
        SwarmRegistry registry = registry(TestConfig.loopback());
        registry.announce(announce(1, 1, 10, AnnounceEvent.STARTED));
        registry.announce(announce(1, 1, 0, AnnounceEvent.STOPPED));
        registry.announce(announce(1, 2, 10, AnnounceEvent.STARTED));
        registry.announce(announce(1, 2, 0, AnnounceEvent.NONE));
        registry.announce(announce(1, 2, 0, AnnounceEvent.COMPLETED));
        registry.announce(announce(1, 3, 0, AnnounceEvent.STOPPED));

        assertThat(registry.swarms()).containsExactly(new SwarmStats(hex(1), 1, 0, 2));
    }

    @Test
    void aCompletionIsCountedOncePerPeerEvenIfTheLimitKeptItOut() {
        SwarmRegistry registry = registry(TestConfig.loopback().with("maxPeersPerTorrent", 1));
        registry.announce(announce(1, 1, 10, AnnounceEvent.STARTED));
        registry.announce(announce(1, 1, 0, AnnounceEvent.COMPLETED));
        registry.announce(announce(1, 1, 0, AnnounceEvent.COMPLETED));
        registry.announce(announce(1, 2, 0, AnnounceEvent.COMPLETED));

        assertThat(registry.swarms()).containsExactly(new SwarmStats(hex(1), 1, 0, 2));
    }

    @Test
    void generatedAnnouncesKeepTheRegistryConsistentWithASimpleModel() {
        Random random = new Random(42);
        SwarmRegistry registry = registry(TestConfig.loopback().with("announceInterval", 60).with("maxPeersPerReply", 7));
        Map<Integer, Map<Integer, long[]>> model = new HashMap<>(); // torrent → peer → {seeder?1:0, lastSeenMillis}
        Map<Integer, Long> completed = new HashMap<>();
        Map<Integer, Long> lastActivity = new HashMap<>(); // torrents the registry holds → last announce
        long now = 0;
        for (int step = 0; step < 20_000; step++) {
            int torrent = random.nextInt(4);
            int peer = random.nextInt(40);
            long left = random.nextInt(3) == 0 ? 0 : random.nextInt(1000);
            AnnounceEvent event = AnnounceEvent.values()[random.nextInt(AnnounceEvent.values().length)];
            AnnounceReply reply = registry.announce(announce(torrent, peer, left, event));

            if (event != AnnounceEvent.STOPPED || lastActivity.containsKey(torrent)) {
                lastActivity.put(torrent, now);
            }
            Map<Integer, long[]> peers = model.computeIfAbsent(torrent, t -> new HashMap<>());
            long[] known = peers.get(peer);
            boolean knownLeecher = known != null && known[0] == 0;
            if (event == AnnounceEvent.COMPLETED && (known == null || knownLeecher) || knownLeecher && left == 0) {
                completed.merge(torrent, 1L, Long::sum);
            }
            if (event == AnnounceEvent.STOPPED) {
                peers.remove(peer);
            } else {
                peers.put(peer, new long[] {left == 0 ? 1 : 0, now});
            }
            long seeders = peers.values().stream().filter(p -> p[0] == 1).count();
            assertThat(reply.seeders()).isEqualTo(seeders);
            assertThat(reply.leechers()).isEqualTo(peers.size() - seeders);
            assertThat(reply.peers()).hasSizeLessThanOrEqualTo(7)
                    .noneMatch(view -> view.address().equals(announce(torrent, peer, 0, event).peer()))
                    .doesNotHaveDuplicates();
            if (left == 0) {
                // Leechers come before seeders for a peer with nothing left.
                boolean seederSeen = false;
                for (var view : reply.peers()) {
                    long[] listed = peers.get(addressToPeer(view));
                    boolean seeder = listed != null && listed[0] == 1;
                    assertThat(seederSeen && !seeder).as("a leecher listed after a seeder").isFalse();
                    seederSeen |= seeder;
                }
            }
            if (random.nextInt(500) == 0) {
                long advance = random.nextInt(200_000);
                clock.advance(Duration.ofMillis(advance));
                now += advance;
                registry.expire();
                long cutoff = now - 120_000;
                model.values().forEach(map -> map.values().removeIf(p -> p[1] < cutoff));
                // open mode drops a swarm left empty and idle, and its completed count with it
                for (var swarms = lastActivity.entrySet().iterator(); swarms.hasNext(); ) {
                    Map.Entry<Integer, Long> swarm = swarms.next();
                    if (model.get(swarm.getKey()).isEmpty() && swarm.getValue() < cutoff) {
                        swarms.remove();
                        completed.remove(swarm.getKey());
                    }
                }
            }
        }
        long modelPeers = model.values().stream().mapToLong(Map::size).sum();
        assertThat(registry.peerCount()).isEqualTo(modelPeers);
        assertThat(registry.torrentCount()).isEqualTo(lastActivity.size());
        assertThat(statistics.peersExpired.sum()).isPositive();
        for (SwarmStats stats : registry.swarms()) {
            int torrent = List.of(0, 1, 2, 3).stream().filter(t -> hex(t).equals(stats.infoHash())).findFirst().orElseThrow();
            assertThat(stats.completed()).isEqualTo(completed.getOrDefault(torrent, 0L));
        }
    }

    private static int addressToPeer(PeerView view) {
        byte[] ip = view.address().ip();
        return (ip[2] & 0xff) << 8 | (ip[3] & 0xff);
    }
}
