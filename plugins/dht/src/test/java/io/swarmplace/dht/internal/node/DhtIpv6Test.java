package io.swarmplace.dht.internal.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.swarmplace.dht.PeerLookup;
import io.swarmplace.dht.internal.krpc.CompactFormats;
import io.swarmplace.dht.internal.krpc.NodeContact;
import io.swarmplace.dht.internal.routing.RoutingStateFile;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * BEP 32: our nodes bound to ::1 route among themselves through {@code nodes6}, store IPv6 contacts in their
 * tables and state files, and find an IPv6 peer; an IPv4 node next to them keeps to its own family.
 */
class DhtIpv6Test {

    private static final InetAddress IPV6_LOOPBACK = LoopbackNodes.IPV6_LOOPBACK;

    @TempDir
    Path temp;

    @BeforeAll
    static void needsIpv6Loopback() {
        LoopbackNodes.assumeIpv6Loopback("IPv6 DHT test");
    }

    @Test
    void ipv6NodesRouteThroughNodes6AndFindAnIpv6Peer() throws Exception {
        Path state = temp.resolve("v6.dat");
        try (LoopbackNodes nodes = new LoopbackNodes(1)) {
            DhtSettings v6 = DhtSettings.loopback().withBindAddress("::1");
            List<DhtRuntime> ours = new ArrayList<>();
            ours.add(nodes.start(v6));
            for (int i = 1; i < 6; i++) {
                DhtSettings settings = v6.withBootstrap(ours.get(i - 1).reachableAddress());
                ours.add(nodes.start(i == 5 ? settings.withStateFile(state) : settings));
            }
            DhtRuntime v4 = nodes.start(DhtSettings.loopback().withBootstrap(ours.get(0).reachableAddress()));
            LoopbackNodes.refreshUntil(ours, node -> node.routingTable().size() >= 4, Duration.ofSeconds(30));
            for (DhtRuntime node : ours) {
                assertThat(node.reachableAddress().getAddress()).isEqualTo(IPV6_LOOPBACK);
                assertThat(node.routingTable()).allMatch(contact -> CompactFormats.isIpv6(contact.address()));
            }
            assertThat(v4.routingTable()).as("an IPv4 socket cannot reach IPv6 nodes").isEmpty();

            byte[] infoHash = new byte[20];
            infoHash[0] = 6;
            assertThat(ours.get(1).announce(infoHash, 6006).get(10, TimeUnit.SECONDS).announcedTo()).isNotEmpty();
            PeerLookup found = ours.get(4).getPeers(infoHash).get(10, TimeUnit.SECONDS);
            assertThat(found.peers()).contains(new InetSocketAddress(IPV6_LOOPBACK, 6006));

            ours.get(5).close();
            List<NodeContact> saved = new RoutingStateFile(state).load().orElseThrow().nodes();
            assertThat(saved).isNotEmpty().allMatch(contact -> CompactFormats.isIpv6(contact.address()));
        }
    }
}
