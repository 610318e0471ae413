package io.swarmplace.dht.internal.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.swarmplace.bencode.BDictionary;
import io.swarmplace.bencode.BList;
import io.swarmplace.bencode.BString;
import io.swarmplace.bencode.BValue;
import io.swarmplace.bencode.BencodeDecoder;
import io.swarmplace.dht.DhtStats;
import io.swarmplace.dht.PeerLookup;
import io.swarmplace.dht.internal.krpc.CompactFormats;
import io.swarmplace.dht.internal.krpc.NodeContact;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * BEP 32 dual stack: nodes on 127.0.0.1 and ::1 at once keep a routing table per family, answer {@code want}
 * for either family from either socket, find peers announced over both families, and the two wildcards
 * share one socket.
 */
class DhtDualStackTest {

    private static final InetAddress IPV6_LOOPBACK = LoopbackNodes.IPV6_LOOPBACK;
    private static LoopbackNodes nodes;
    private static List<DhtRuntime> dual;

    @BeforeAll
    static void dualStackNetwork() throws Exception {
        LoopbackNodes.assumeIpv6Loopback("dual-stack DHT test");
        nodes = new LoopbackNodes(1);
        DhtSettings both = DhtSettings.loopback().withBindAddress("127.0.0.1", "::1");
        DhtRuntime first = nodes.start(both);
        List<InetSocketAddress> seeds = first.reachableAddresses();
        dual = new java.util.ArrayList<>(List.of(first));
        for (int i = 1; i < 6; i++) {
            dual.add(nodes.start(both.withBootstrap(seeds.toArray(InetSocketAddress[]::new))));
        }
        // Bootstrapping runs in the background once the addresses are resolved; refresh when every node has joined.
        await().atMost(Duration.ofSeconds(20)).until(() -> dual.stream().allMatch(node ->
                count(node.routingTable(), true) >= 1 && count(node.routingTable(), false) >= 1));
        LoopbackNodes.refreshUntil(dual, node -> count(node.routingTable(), true) >= 3 && count(node.routingTable(), false) >= 3,
                Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        if (nodes != null) {
            nodes.close();
        }
    }

    private static long count(List<NodeContact> table, boolean ipv6) {
        return table.stream().filter(contact -> CompactFormats.isIpv6(contact.address()) == ipv6).count();
    }

    @Test
    void oneNodeHasASocketAndARoutingTablePerFamily() {
        DhtRuntime node = dual.get(2);
        assertThat(node.reachableAddresses()).hasSize(2);
        assertThat(node.reachableAddresses().get(0).getAddress()).isEqualTo(InetAddress.getLoopbackAddress());
        assertThat(node.reachableAddresses().get(1).getAddress()).isEqualTo(IPV6_LOOPBACK);
        DhtStats stats = node.stats();
        assertThat(stats.localAddresses()).isEqualTo(node.localAddresses());
        assertThat(stats.routingTableNodes()).isEqualTo(node.routingTable().size());
    }

    @Test
    void peersAnnouncedOverEitherFamilyAreFoundByADualStackLookup() throws Exception {
        byte[] infoHash = new byte[20];
        infoHash[0] = 32;
        DhtRuntime v4Only = nodes.start(DhtSettings.loopback().withBootstrap(dual.get(0).reachableAddresses().get(0)));
        DhtRuntime v6Only = nodes.start(DhtSettings.loopback().withBindAddress("::1")
                .withBootstrap(dual.get(0).reachableAddresses().get(1)));
        // Bootstrapping starts once the bootstrap addresses are resolved, in the background.
        await().atMost(Duration.ofSeconds(10)).until(() -> v4Only.routingTable().size() >= 3 && v6Only.routingTable().size() >= 3);
        assertThat(v4Only.announce(infoHash, 4004).get(10, TimeUnit.SECONDS).announcedTo()).isNotEmpty();
        assertThat(v6Only.announce(infoHash, 6006).get(10, TimeUnit.SECONDS).announcedTo()).isNotEmpty();

        PeerLookup found = dual.get(5).getPeers(infoHash).get(10, TimeUnit.SECONDS);
        assertThat(found.peers()).contains(new InetSocketAddress(InetAddress.getLoopbackAddress(), 4004),
                new InetSocketAddress(IPV6_LOOPBACK, 6006));
        PeerLookup overIpv4Only = v4Only.getPeers(infoHash).get(10, TimeUnit.SECONDS);
        assertThat(overIpv4Only.peers()).as("without want n6 an IPv4 querier gets its own family's peers")
                .allMatch(CompactFormats::isIpv4);

        // A node that stores both asked over IPv4 with want n4 n6 answers values of both families.
        DhtRuntime holder = dual.stream().filter(node -> node.stats().storedPeers() == 2).findFirst().orElseThrow();
        BDictionary both = query(holder.reachableAddresses().get(0), "get_peers", "9:info_hash20:", infoHash, "l2:n42:n6e");
        BValue values = both.get("values").orElseThrow();
        assertThat(((BList) values).values()).extracting(value -> ((BString) value).length())
                .containsExactlyInAnyOrder(CompactFormats.IPV4_PEER, CompactFormats.IPV6_PEER);

        // A dual-stack node announces over both families.
        byte[] twice = new byte[20];
        twice[0] = 33;
        assertThat(dual.get(4).announce(twice, 5005).get(10, TimeUnit.SECONDS).announcedTo())
                .anyMatch(contact -> CompactFormats.isIpv4(contact.address()))
                .anyMatch(contact -> CompactFormats.isIpv6(contact.address()));
    }

    @Test
    void aDualStackNodeBootstrappedOverIpv4LearnsIpv6NodesFromNodes6() throws Exception {
        DhtRuntime late = nodes.start(DhtSettings.loopback().withBindAddress("127.0.0.1", "::1")
                .withBootstrap(dual.get(0).reachableAddresses().get(0)));
        await().atMost(Duration.ofSeconds(10)).until(() -> count(late.routingTable(), true) >= 3);
    }

    @Test
    void wantIsHonouredForTheOtherFamilyFromEitherSocket() throws Exception {
        for (InetSocketAddress socket : dual.get(1).reachableAddresses()) {
            BDictionary reply = query(socket, "find_node", "6:target20:", new byte[20], "l2:n42:n6e");
            assertThat(reply.containsKey("nodes")).as("nodes from %s", socket).isTrue();
            assertThat(reply.containsKey("nodes6")).as("nodes6 from %s", socket).isTrue();
        }
        BDictionary ownFamily = query(dual.get(1).reachableAddresses().get(0), "find_node", "6:target20:", new byte[20], null);
        assertThat(ownFamily.containsKey("nodes")).isTrue();
        assertThat(ownFamily.containsKey("nodes6")).isFalse();
    }

    @Test
    void theTwoWildcardsShareOneDualStackSocketServingBothFamilies() throws Exception {
        java.nio.file.Path v6only = java.nio.file.Path.of("/proc/sys/net/ipv6/bindv6only");
        org.junit.jupiter.api.Assumptions.assumeFalse(java.nio.file.Files.exists(v6only)
                && java.nio.file.Files.readString(v6only).strip().equals("1"),
                "net.ipv6.bindv6only=1: the wildcards get a socket each here");
        DhtRuntime wildcard = nodes.start(DhtSettings.loopback().withBindAddress("0.0.0.0", "::"));
        List<InetSocketAddress> local = wildcard.localAddresses();
        assertThat(local).hasSize(2);
        assertThat(local.get(0).getPort()).isEqualTo(local.get(1).getPort());
        for (InetSocketAddress address : wildcard.reachableAddresses()) {
            assertThat(dual.get(3).ping(address).get(5, TimeUnit.SECONDS).nodeIdHex()).isNotEmpty();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> count(wildcard.routingTable(), false) == 1
                && count(wildcard.routingTable(), true) == 1);
    }

    /**
     * A raw query whose one argument besides the id is {@code key} (bencoded up to its value) and {@code hash},
     * optionally with a bencoded {@code want} list; returns the response's "r" dictionary.
     */
    private static BDictionary query(InetSocketAddress to, String method, String key, byte[] hash, String want)
            throws IOException {
        ByteArrayOutputStream query = new ByteArrayOutputStream();
        byte[] id = new byte[20];
        id[0] = 1;
        query.writeBytes("d1:ad2:id20:".getBytes(StandardCharsets.US_ASCII));
        query.writeBytes(id);
        query.writeBytes(key.getBytes(StandardCharsets.US_ASCII));
        query.writeBytes(hash);
        if (want != null) {
            query.writeBytes(("4:want" + want).getBytes(StandardCharsets.US_ASCII));
        }
        query.writeBytes(("e1:q" + method.length() + ":" + method + "1:t2:aa1:y1:qe").getBytes(StandardCharsets.US_ASCII));
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(to.getAddress(), 0))) {
            socket.setSoTimeout(5_000);
            byte[] bytes = query.toByteArray();
            socket.send(new DatagramPacket(bytes, bytes.length, to));
            DatagramPacket answer = new DatagramPacket(new byte[2048], 2048);
            socket.receive(answer);
            BValue message = new BencodeDecoder().decode(java.util.Arrays.copyOf(answer.getData(), answer.getLength()));
            return (BDictionary) ((BDictionary) message).get("r").orElseThrow();
        }
    }
}
