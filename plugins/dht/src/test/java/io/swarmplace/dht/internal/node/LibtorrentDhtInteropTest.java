package io.swarmplace.dht.internal.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.swarmplace.dht.AnnounceResult;
import io.swarmplace.dht.DhtStats;
import io.swarmplace.dht.DropReason;
import io.swarmplace.dht.ItemPutResult;
import io.swarmplace.dht.MutableItem;
import io.swarmplace.dht.internal.item.Ed25519Keys;
import io.swarmplace.dht.internal.item.ItemValues;
import io.swarmplace.dht.internal.krpc.NodeContact;
import io.swarmplace.testing.peers.FreePorts;
import io.swarmplace.testing.peers.LibtorrentPeer;
import java.io.DataInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyPair;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our nodes (private-network mode) and a real libtorrent 2.0.8 DHT node on 127.0.0.1: each bootstraps
 * from the other, our get_peers finds a torrent libtorrent announced, and libtorrent finds a peer we
 * announced (it dials the announced port for a magnet link it knows only from the DHT).
 */
class LibtorrentDhtInteropTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path temp;

    @BeforeAll
    static void needsLibtorrent() {
        LibtorrentPeer.require();
    }

    @Test
    void libtorrentBootstrapsFromOurNodeAndOurNodeFromLibtorrent() throws Exception {
        try (LoopbackNodes nodes = new LoopbackNodes(1);
                LibtorrentPeer libtorrent = LibtorrentPeer.started(FreePorts.loopbackPort(), LibtorrentPeer.Options.defaults().withDht())) {
            InetSocketAddress libtorrentAddress = new InetSocketAddress("127.0.0.1", libtorrent.port());
            DhtRuntime ours = nodes.start();
            libtorrent.addDhtNode("127.0.0.1", ours.reachableAddress().getPort());
            libtorrent.awaitDhtNodes(1, WAIT);
            await().atMost(WAIT).untilAsserted(() ->
                    assertThat(ours.routingTable()).extracting(NodeContact::address).contains(libtorrentAddress));

            DhtRuntime second = nodes.start(libtorrentAddress);
            await().atMost(WAIT).untilAsserted(() ->
                    assertThat(second.routingTable()).extracting(NodeContact::address).contains(libtorrentAddress));
            libtorrent.awaitDhtNodes(2, WAIT);
            assertCleanTraffic(ours.stats());
            assertCleanTraffic(second.stats());
        }
    }

    @Test
    void ourGetPeersFindsATorrentLibtorrentAnnounced() throws Exception {
        try (LoopbackNodes nodes = new LoopbackNodes(1);
                LibtorrentPeer libtorrent = LibtorrentPeer.started(FreePorts.loopbackPort(), LibtorrentPeer.Options.defaults().withDht())) {
            InetSocketAddress libtorrentAddress = new InetSocketAddress("127.0.0.1", libtorrent.port());
            List<DhtRuntime> ours = joinedNetwork(nodes, libtorrent, 3);

            Path content = temp.resolve("content.bin");
            byte[] data = new byte[64 * 1024];
            new Random(7).nextBytes(data);
            Files.write(content, data);
            Path torrent = temp.resolve("content.torrent");
            String hex = libtorrent.createTorrent(content, torrent, 16 * 1024, List.of());
            libtorrent.addTorrent(torrent, temp, true);
            byte[] infoHash = HexFormat.of().parseHex(hex);

            // libtorrent announces when the torrent starts; look until its announce has landed.
            await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    assertThat(ours.get(2).getPeers(infoHash).get(10, TimeUnit.SECONDS).peers()).contains(libtorrentAddress));
            ours.forEach(node -> assertCleanTraffic(node.stats()));
        }
    }

    @Test
    void libtorrentFindsAPeerWeAnnounced() throws Exception {
        try (LoopbackNodes nodes = new LoopbackNodes(1);
                LibtorrentPeer libtorrent = LibtorrentPeer.started(FreePorts.loopbackPort(), LibtorrentPeer.Options.defaults().withDht());
                ServerSocket peer = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            List<DhtRuntime> ours = joinedNetwork(nodes, libtorrent, 3);
            byte[] infoHash = new byte[20];
            new Random(11).nextBytes(infoHash);

            AnnounceResult announced = ours.get(0).announce(infoHash, peer.getLocalPort()).get(15, TimeUnit.SECONDS);
            assertThat(announced.announcedTo()).extracting(c -> c.address().getPort()).contains(libtorrent.port());

            // libtorrent knows the info-hash from nothing but a magnet link: only the DHT can lead it to our port.
            libtorrent.addMagnet("magnet:?xt=urn:btih:" + HexFormat.of().formatHex(infoHash), temp.resolve("magnet"));
            peer.setSoTimeout((int) WAIT.toMillis());
            try (Socket dialed = peer.accept()) {
                dialed.setSoTimeout(10_000);
                byte[] handshake = new byte[68];
                new DataInputStream(dialed.getInputStream()).readFully(handshake);
                assertThat(handshake[0]).isEqualTo((byte) 19);
                assertThat(new String(handshake, 1, 19, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("BitTorrent protocol");
                assertThat(Arrays.copyOfRange(handshake, 28, 48)).isEqualTo(infoHash);
            }
            ours.forEach(node -> assertCleanTraffic(node.stats()));
        }
    }

    @Test
    void bep44ItemsPutByLibtorrentAreReadByUsAndTheReverse() throws Exception {
        try (LoopbackNodes nodes = new LoopbackNodes(1);
                LibtorrentPeer libtorrent = LibtorrentPeer.started(FreePorts.loopbackPort(), LibtorrentPeer.Options.defaults().withDht())) {
            List<DhtRuntime> ours = joinedNetwork(nodes, libtorrent, 4);
            HexFormat hex = HexFormat.of();

            LibtorrentPeer.DhtPut theirs = libtorrent.dhtPutImmutable("from libtorrent", WAIT);
            assertThat(theirs.nodes()).isPositive();
            assertThat(ours.get(3).getImmutable(hex.parseHex(theirs.targetHex())).get(15, TimeUnit.SECONDS))
                    .hasValueSatisfying(item -> assertThat(item.value()).isEqualTo(bencoded("from libtorrent")));

            ItemPutResult mine = ours.get(0).putImmutable(bencoded("from swarmplace")).get(15, TimeUnit.SECONDS);
            assertThat(mine.storedAt()).extracting(c -> c.address().getPort()).contains(libtorrent.port());
            assertThat(libtorrent.dhtGetImmutable(mine.targetHex(), WAIT)).contains("from swarmplace");

            // Mutable: libtorrent signs seq 1, we read it and publish seq 2 with the same key, libtorrent reads that.
            byte[] seed = new byte[32];
            new Random(44).nextBytes(seed);
            KeyPair keys = Ed25519Keys.fromSeed(seed);
            byte[] publicKey = Ed25519Keys.rawPublicKey(keys.getPublic());
            assertThat(libtorrent.dhtPutMutable(hex.formatHex(seed), hex.formatHex(publicKey), "salt", "signed by libtorrent",
                    WAIT)).isPositive();
            byte[] salt = "salt".getBytes(StandardCharsets.US_ASCII);
            MutableItem read = ours.get(2).getMutable(publicKey, salt).get(15, TimeUnit.SECONDS).orElseThrow();
            assertThat(read.value()).isEqualTo(bencoded("signed by libtorrent"));
            assertThat(read.seq()).isEqualTo(1);

            ItemPutResult update = ours.get(1).putMutable(keys, salt, 2, bencoded("signed by swarmplace"), OptionalLong.of(1))
                    .get(15, TimeUnit.SECONDS);
            assertThat(update.storedAt()).extracting(c -> c.address().getPort()).contains(libtorrent.port());
            assertThat(libtorrent.dhtGetMutable(hex.formatHex(publicKey), "salt", WAIT))
                    .contains(new LibtorrentPeer.DhtMutableItem("signed by swarmplace", 2));
            ours.forEach(node -> {
                assertCleanTraffic(node.stats());
                assertThat(node.stats().dropped(DropReason.INVALID_SIGNATURE)).isZero();
            });
        }
    }

    private static byte[] bencoded(String text) {
        return ItemValues.bencodedString(text);
    }

    /** {@code count} of our nodes that know each other and libtorrent, and libtorrent knows them all. */
    private static List<DhtRuntime> joinedNetwork(LoopbackNodes nodes, LibtorrentPeer libtorrent, int count) throws Exception {
        InetSocketAddress libtorrentAddress = new InetSocketAddress("127.0.0.1", libtorrent.port());
        DhtRuntime first = nodes.start(libtorrentAddress);
        for (int i = 1; i < count; i++) {
            nodes.start(libtorrentAddress, first.reachableAddress());
        }
        List<DhtRuntime> ours = nodes.all();
        for (DhtRuntime node : ours) {
            libtorrent.addDhtNode("127.0.0.1", node.reachableAddress().getPort());
        }
        libtorrent.awaitDhtNodes(count, WAIT);
        // Nodes that joined after another one bootstrapped are news to it: one lookup of its own id (what a
        // bucket refresh does later) introduces them.
        for (DhtRuntime node : ours) {
            node.refreshNeighbourhood().get(10, TimeUnit.SECONDS);
        }
        await().atMost(WAIT).until(() -> ours.stream().allMatch(node -> node.routingTable().size() >= count));
        return ours;
    }

    /** libtorrent's messages all decode: nothing dropped as malformed, invalid or unmatched. */
    private static void assertCleanTraffic(DhtStats stats) {
        assertThat(stats.dropped(DropReason.MALFORMED_BENCODE)).as("malformed bencode from libtorrent").isZero();
        assertThat(stats.dropped(DropReason.INVALID_MESSAGE)).as("invalid KRPC from libtorrent").isZero();
        assertThat(stats.dropped(DropReason.UNKNOWN_METHOD)).as("queries we do not know").isZero();
        assertThat(stats.dropped(DropReason.INTERNAL_ERROR)).isZero();
    }
}
