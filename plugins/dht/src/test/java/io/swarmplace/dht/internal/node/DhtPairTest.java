package io.swarmplace.dht.internal.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.swarmplace.dht.AnnounceResult;
import io.swarmplace.dht.DhtContact;
import io.swarmplace.dht.DhtTimeoutException;
import io.swarmplace.dht.DhtUnavailableException;
import io.swarmplace.dht.PeerLookup;
import io.swarmplace.dht.internal.krpc.NodeContact;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two or three of our nodes on loopback: bootstrap, ping, announce and get_peers, restart from a saved table. */
class DhtPairTest {

    private static final byte[] INFO_HASH = "0123456789abcdefghij".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    @TempDir
    Path temp;

    @Test
    void aNodeBootstrapsFromAnotherAndBothTablesGainTheOther() throws Exception {
        try (LoopbackNodes nodes = new LoopbackNodes(1)) {
            DhtRuntime a = nodes.start();
            DhtRuntime b = nodes.start(a.reachableAddress());
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(b.routingTable()).extracting(NodeContact::address).contains(a.reachableAddress());
                // a learns b from b's queries: it pings b back, and b's answer lets it in.
                assertThat(a.routingTable()).extracting(NodeContact::address).contains(b.reachableAddress());
            });
            DhtContact pinged = b.ping(a.reachableAddress()).get(5, TimeUnit.SECONDS);
            assertThat(pinged.nodeIdHex()).isEqualTo(a.nodeId().hex());
            assertThat(a.stats().messagesIn()).isPositive();
            assertThat(a.stats().routingTableNodes()).isEqualTo(1);
        }
    }

    @Test
    void theRoutingTableIsSavedWhileTheNodeRuns() throws Exception {
        Path state = temp.resolve("periodic.dat");
        try (LoopbackNodes nodes = new LoopbackNodes(1)) {
            DhtRuntime a = nodes.start();
            DhtRuntime b = nodes.start(DhtSettings.loopback().withBootstrap(a.reachableAddress()).withStateFile(state)
                    .withSaveInterval(Duration.ofMillis(200)));
            await().atMost(Duration.ofSeconds(10)).until(() -> java.nio.file.Files.exists(state)
                    && new io.swarmplace.dht.internal.routing.RoutingStateFile(state).load().map(saved -> saved.nodes().size())
                            .orElse(0) == 1);
            assertThat(new io.swarmplace.dht.internal.routing.RoutingStateFile(state).load().orElseThrow().id())
                    .isEqualTo(b.nodeId());
        }
    }

    @Test
    void anAnnouncedPeerIsFoundByAnotherNode() throws Exception {
        try (LoopbackNodes nodes = new LoopbackNodes(1)) {
            DhtRuntime a = nodes.start();
            DhtRuntime b = nodes.start(a.reachableAddress());
            DhtRuntime c = nodes.start(a.reachableAddress());
            await().atMost(Duration.ofSeconds(10)).until(() -> a.routingTable().size() == 2);
            AnnounceResult announced = b.announce(INFO_HASH, 51413).get(10, TimeUnit.SECONDS);
            assertThat(announced.announcedTo()).isNotEmpty();
            assertThat(announced.refusedBy()).isZero();

            PeerLookup found = c.getPeers(INFO_HASH).get(10, TimeUnit.SECONDS);
            assertThat(found.peers()).contains(new InetSocketAddress("127.0.0.1", 51413));
            assertThat(found.nodesAnswered()).isPositive();

            AnnounceResult implied = c.announce(INFO_HASH, 0).get(10, TimeUnit.SECONDS);
            assertThat(implied.announcedTo()).isNotEmpty();
            PeerLookup both = b.getPeers(INFO_HASH).get(10, TimeUnit.SECONDS);
            assertThat(both.peers()).contains(new InetSocketAddress("127.0.0.1", 51413), c.reachableAddress());
        }
    }

    @Test
    void aPingToNobodyTimesOutAndAStoppedNodeRefuses() throws Exception {
        try (LoopbackNodes nodes = new LoopbackNodes(1); DatagramSocket silent = new DatagramSocket(0,
                java.net.InetAddress.getLoopbackAddress())) {
            DhtRuntime a = nodes.start(DhtSettings.loopback().withTimeouts(Duration.ofMillis(300), Duration.ofSeconds(2)));
            assertThatThrownBy(() -> a.ping((InetSocketAddress) silent.getLocalSocketAddress()).get(5, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(DhtTimeoutException.class);
            a.close();
            assertThatThrownBy(() -> a.getPeers(INFO_HASH).get(5, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(DhtUnavailableException.class);
            assertThatThrownBy(() -> a.getPeers(new byte[19])).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("20 bytes");
        }
    }

    @Test
    void theRoutingTableIsSavedOnStopAndRestoredOnStart() throws Exception {
        Path state = temp.resolve("dht").resolve("routing.dat");
        try (LoopbackNodes nodes = new LoopbackNodes(1)) {
            DhtRuntime a = nodes.start();
            DhtRuntime b = nodes.start(DhtSettings.loopback().withBootstrap(a.reachableAddress()).withStateFile(state));
            await().atMost(Duration.ofSeconds(10)).until(() -> !b.routingTable().isEmpty());
            String id = b.nodeId().hex();
            b.close();
            assertThat(state).exists();

            // No bootstrap nodes this time: the saved table is all it has.
            DhtRuntime again = nodes.start(DhtSettings.loopback().withStateFile(state));
            assertThat(again.nodeId().hex()).isEqualTo(id);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(again.routingTable()).extracting(NodeContact::address).contains(a.reachableAddress()));
        }
    }
}
