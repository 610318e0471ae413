package io.swarmplace.dht.internal.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.swarmplace.dht.AnnounceResult;
import io.swarmplace.dht.PeerLookup;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * 200 of our nodes on loopback ports in one JVM, each bootstrapped from one random earlier node: every
 * announced info-hash is found by get_peers lookups from random other nodes.
 */
class DhtNetworkTest {

    private static final int NODES = 200;
    private static final int INFO_HASHES = 20;
    private static final int LOOKUPS_PER_HASH = 5;

    @Test
    void everyAnnouncedInfoHashIsFoundFromRandomNodes() throws Exception {
        Random random = new Random(20260501L);
        try (LoopbackNodes network = new LoopbackNodes(2)) {
            DhtSettings settings = DhtSettings.loopback().withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(10));
            List<DhtRuntime> nodes = new ArrayList<>();
            nodes.add(network.start(settings));
            for (int i = 1; i < NODES; i++) {
                DhtRuntime known = nodes.get(random.nextInt(nodes.size()));
                nodes.add(network.start(settings.withBootstrap(known.reachableAddress())));
            }
            // Usually a few seconds; the bound is generous because the tables fill through bucket
            // refreshes, which slow down on a loaded 2-core machine.
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> nodes.stream().allMatch(node -> node.routingTable().size() >= 8));

            List<byte[]> infoHashes = new ArrayList<>();
            List<CompletableFuture<AnnounceResult>> announces = new ArrayList<>();
            for (int i = 0; i < INFO_HASHES; i++) {
                byte[] infoHash = new byte[20];
                random.nextBytes(infoHash);
                infoHashes.add(infoHash);
                announces.add(nodes.get(random.nextInt(NODES)).announce(infoHash, 10_000 + i));
            }
            for (CompletableFuture<AnnounceResult> announce : announces) {
                assertThat(announce.get(15, TimeUnit.SECONDS).announcedTo()).hasSizeGreaterThanOrEqualTo(4);
            }

            List<CompletableFuture<PeerLookup>> lookups = new ArrayList<>();
            List<Integer> expectedPorts = new ArrayList<>();
            for (int i = 0; i < INFO_HASHES; i++) {
                for (int j = 0; j < LOOKUPS_PER_HASH; j++) {
                    lookups.add(nodes.get(random.nextInt(NODES)).getPeers(infoHashes.get(i)));
                    expectedPorts.add(10_000 + i);
                }
            }
            int answeredTotal = 0;
            for (int i = 0; i < lookups.size(); i++) {
                PeerLookup found = lookups.get(i).get(15, TimeUnit.SECONDS);
                assertThat(found.peers())
                        .as("lookup %d for %s", i, HexFormat.of().formatHex(infoHashes.get(i / LOOKUPS_PER_HASH)))
                        .contains(new InetSocketAddress("127.0.0.1", expectedPorts.get(i)));
                answeredTotal += found.nodesAnswered();
            }
            System.out.printf("DhtNetworkTest: %d nodes, %d lookups, %.1f nodes answered per lookup, %d datagrams in total%n",
                    NODES, lookups.size(), answeredTotal / (double) lookups.size(),
                    nodes.stream().mapToLong(n -> n.stats().messagesIn()).sum());
        }
    }
}
