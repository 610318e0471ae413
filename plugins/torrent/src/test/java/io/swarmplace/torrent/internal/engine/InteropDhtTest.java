package io.swarmplace.torrent.internal.engine;

import static io.swarmplace.torrent.internal.engine.InteropSupport.TIMEOUT;
import static io.swarmplace.torrent.internal.engine.InteropSupport.assertSameFiles;
import static io.swarmplace.torrent.internal.engine.InteropSupport.awaitState;
import static io.swarmplace.torrent.internal.engine.InteropSupport.newEngine;
import static io.swarmplace.torrent.internal.engine.InteropSupport.writeAlbum;
import static io.swarmplace.torrent.internal.engine.InteropSupport.writeTorrent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.swarmplace.dht.internal.node.DhtRuntime;
import io.swarmplace.dht.internal.node.DhtSettings;
import io.swarmplace.testing.peers.FreePorts;
import io.swarmplace.testing.peers.LibtorrentPeer;
import io.swarmplace.torrent.AddTorrent;
import io.swarmplace.torrent.CreateTorrent;
import io.swarmplace.torrent.PeerSource;
import io.swarmplace.torrent.PeerStatus;
import io.swarmplace.torrent.Torrent;
import io.swarmplace.torrent.TorrentState;
import io.swarmplace.torrent.internal.dht.DhtServiceDiscovery;
import io.swarmplace.torrent.metainfo.InfoHash;
import io.swarmplace.torrent.metainfo.Metainfo;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trackerless torrents through the Mainline DHT on 127.0.0.1: a python3-libtorrent peer with its DHT on,
 * our engine with one of our DHT nodes (private-network mode), and two more of our nodes so that every
 * announce lands on nodes other than the announcer's own. No tracker anywhere: peers are found only
 * through the DHT. The tests with nodes of their own run last: once closed, those nodes linger in the
 * shared nodes' routing tables and would slow the lookups of the others.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InteropDhtTest {

    private static final int DHT_BIT = 0x01;
    private static final int PORT = 9;

    /** Slow enough that our download outlasts a few polls of its peer list. */
    private static final int LIBTORRENT_UPLOAD_RATE = 1024 * 1024;

    @TempDir
    static Path work;

    private static EventLoopGroup dhtLoop;
    private static ExecutorService dhtBlocking;
    private static final List<DhtRuntime> NODES = new ArrayList<>();
    private static LibtorrentPeer libtorrent;
    private static TorrentEngine engine;

    @BeforeAll
    static void startNetwork() throws Exception {
        LibtorrentPeer.require();
        libtorrent = LibtorrentPeer.started(FreePorts.loopbackPort(), LibtorrentPeer.Options.defaults().withDht()
                .with("upload_rate_limit", LIBTORRENT_UPLOAD_RATE)
                .with("ignore_limits_on_local_network", false)
                // All our nodes share 127.0.0.1: libtorrent's per-IP DHT limit (5 packets/s) would block them all.
                .with("dht_block_ratelimit", 1000)
                .with("dht_upload_rate_limit", 1_000_000));
        dhtLoop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        dhtBlocking = Executors.newSingleThreadExecutor();
        String libtorrentNode = "127.0.0.1:" + libtorrent.port();
        for (int i = 0; i < 3; i++) {
            List<String> bootstrap = new ArrayList<>(List.of(libtorrentNode));
            NODES.forEach(node -> bootstrap.add("127.0.0.1:" + node.reachableAddress().getPort()));
            NODES.add(DhtRuntime.start(DhtSettings.loopback().withBootstrapNodes(bootstrap), dhtLoop, dhtBlocking));
        }
        for (DhtRuntime node : NODES) {
            libtorrent.addDhtNode("127.0.0.1", node.reachableAddress().getPort());
        }
        libtorrent.awaitDhtNodes(NODES.size(), TIMEOUT);
        for (DhtRuntime node : NODES) {
            node.refreshNeighbourhood().get(10, TimeUnit.SECONDS);
        }
        await().atMost(TIMEOUT).until(() -> NODES.stream().allMatch(node -> node.routingTable().size() >= NODES.size()));

        engine = newEngine(work.resolve("node"));
        engine.bindDht(new DhtServiceDiscovery(NODES.get(0)));
    }

    @AfterAll
    static void stopNetwork() throws InterruptedException {
        if (engine != null) {
            engine.deactivate();
        }
        NODES.forEach(DhtRuntime::close);
        if (dhtLoop != null) {
            dhtLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
            dhtBlocking.shutdownNow();
        }
        if (libtorrent != null) {
            libtorrent.close();
        }
    }

    @Test
    @Order(1)
    void aMagnetLinkWithoutTrackersIsDownloadedFromAPeerFoundThroughTheDht() throws Exception {
        Path album = writeAlbum(work.resolve("libtorrent-seed/album"), 31);
        Path torrentFile = work.resolve("from-libtorrent.torrent");
        String hex = libtorrent.createTorrent(album, torrentFile, 64 * 1024, List.of());
        libtorrent.addTorrent(torrentFile, album.getParent(), true);
        InetSocketAddress libtorrentPeer = new InetSocketAddress("127.0.0.1", libtorrent.port());
        // libtorrent announces when the torrent starts; wait until that has landed on our nodes.
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> assertThat(
                NODES.get(1).getPeers(InfoHash.fromHex(hex).bytes()).get(10, TimeUnit.SECONDS).peers()).contains(libtorrentPeer));

        Torrent torrent = engine.add(AddTorrent.of(new AddTorrent.MagnetSource("magnet:?xt=urn:btih:" + hex))
                .savingTo(work.resolve("ours")));

        List<PeerSource> sources = new ArrayList<>();
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(50)).until(() -> {
            torrent.peers().stream().map(PeerStatus::source).forEach(sources::add);
            return torrent.status().state() == TorrentState.SEEDING;
        });
        assertSameFiles(album, work.resolve("ours/album"));
        assertThat(sources).as("sources of the peers seen while downloading").contains(PeerSource.DHT)
                .doesNotContain(PeerSource.TRACKER, PeerSource.MAGNET_LINK, PeerSource.MANUAL);
    }

    @Test
    @Order(2)
    void libtorrentFindsOurSeedThroughTheDhtAndDownloadsIt() throws Exception {
        Path album = writeAlbum(work.resolve("our-seed/album"), 47);
        Metainfo created = engine.create(album, CreateTorrent.defaults().withPieceLength(64 * 1024)).get();
        Torrent torrent = engine.add(AddTorrent.of(new AddTorrent.TorrentFileSource(
                writeTorrent(created, work.resolve("ours.torrent")))).savingTo(album.getParent()));
        awaitState(torrent, TorrentState.SEEDING, () -> "");
        InetSocketAddress ourPeer = new InetSocketAddress("127.0.0.1", engine.status().listenAddress().getPort());
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> assertThat(
                NODES.get(2).getPeers(created.infoHash().bytes()).get(10, TimeUnit.SECONDS).peers()).contains(ourPeer));

        // libtorrent knows nothing but the info-hash: only the DHT can lead it to our engine.
        String hex = libtorrent.addMagnet("magnet:?xt=urn:btih:" + created.infoHash().hex(), work.resolve("libtorrent-download"));
        libtorrent.awaitFinished(hex, TIMEOUT);
        assertSameFiles(album, work.resolve("libtorrent-download/album"));
    }

    @Test
    @Order(4)
    void ourPortMessageGoesToAPeerWithTheDhtBitAndItsPortMessageGetsItsNodePinged() throws Exception {
        Path content = work.resolve("wire/data.bin");
        InteropSupport.writeRandom(content, 64 * 1024, 67);
        try (DhtRuntime engineNode = DhtRuntime.start(DhtSettings.loopback(), dhtLoop, dhtBlocking);
                DhtRuntime peerNode = DhtRuntime.start(DhtSettings.loopback(), dhtLoop, dhtBlocking)) {
            TorrentEngine wired = newEngine(work.resolve("wired"));
            try {
                wired.bindDht(new DhtServiceDiscovery(engineNode));
                Metainfo created = wired.create(content, CreateTorrent.defaults().withPieceLength(16 * 1024)).get();
                Torrent torrent = wired.add(AddTorrent.of(new AddTorrent.TorrentFileSource(
                        writeTorrent(created, work.resolve("wire.torrent")))).savingTo(content.getParent()));
                awaitState(torrent, TorrentState.SEEDING, () -> "");
                try (HostileWire peer = HostileWire.connect(wired.status().listenAddress())) {
                    byte[] handshake = HostileWire.handshake(created.infoHash().bytes(), HostileWire.peerId("-XX0001-"), true);
                    handshake[27] |= DHT_BIT;
                    peer.sendRaw(handshake);
                    assertThat(peer.readHandshake()[27] & DHT_BIT).as("our handshake's DHT bit").isEqualTo(DHT_BIT);
                    assertThat(portMessage(peer)).as("the port in our PORT message")
                            .isEqualTo(engineNode.reachableAddress().getPort());

                    int peerDhtPort = peerNode.reachableAddress().getPort();
                    peer.send(PORT, new byte[] {(byte) (peerDhtPort >> 8), (byte) peerDhtPort});
                    await().atMost(TIMEOUT).untilAsserted(() -> assertThat(peerNode.routingTable())
                            .as("the peer's node, after our node pinged it").extracting(node -> node.address())
                            .contains(engineNode.reachableAddress()));
                }
            } finally {
                wired.deactivate();
            }
        }
    }

    private static int portMessage(HostileWire peer) throws java.io.IOException {
        for (int i = 0; i < 10; i++) {
            HostileWire.Message message = peer.read();
            assertThat(message).as("a message before the connection closed").isNotNull();
            if (message.id() == PORT) {
                return ((message.payload()[0] & 0xFF) << 8) | (message.payload()[1] & 0xFF);
            }
        }
        throw new AssertionError("no PORT message among the first 10");
    }

    @Test
    @Order(5)
    void libtorrentAndANodeThatKnowsNobodyMeetThroughPortMessages() throws Exception {
        Path content = work.resolve("port-message/data.bin");
        InteropSupport.writeRandom(content, 256 * 1024, 61);
        Path torrentFile = work.resolve("port-message.torrent");
        String hex = libtorrent.createTorrent(content, torrentFile, 16 * 1024, List.of());
        libtorrent.addTorrent(torrentFile, content.getParent(), true);
        int nodesLibtorrentKnew = libtorrent.dhtNodeCount();

        // A node that bootstraps from nobody: only the PORT message can introduce libtorrent's node to it.
        try (DhtRuntime loneNode = DhtRuntime.start(DhtSettings.loopback(), dhtLoop, dhtBlocking)) {
            TorrentEngine lone = newEngine(work.resolve("lone"));
            try {
                lone.bindDht(new DhtServiceDiscovery(loneNode));
                lone.add(AddTorrent.of(new AddTorrent.TorrentFileSource(torrentFile)).savingTo(work.resolve("lone-download"))
                        .withPeers(List.of(new InetSocketAddress("127.0.0.1", libtorrent.port()))));
                InetSocketAddress libtorrentNode = new InetSocketAddress("127.0.0.1", libtorrent.port());
                await().atMost(TIMEOUT).untilAsserted(() -> assertThat(loneNode.routingTable())
                        .as("our routing table after libtorrent's PORT message")
                        .extracting(node -> node.address()).contains(libtorrentNode));
                libtorrent.awaitDhtNodes(nodesLibtorrentKnew + 1, TIMEOUT);
            } finally {
                lone.deactivate();
            }
        }
    }

    @Test
    @Order(3)
    void aPrivateTorrentIsNeverAnnouncedOnTheDht() throws Exception {
        Path secret = writeAlbum(work.resolve("private/secret"), 53);
        Path open = writeAlbum(work.resolve("public/open"), 59);
        Metainfo privateTorrent = engine.create(secret, CreateTorrent.defaults().withPrivate(true)).get();
        Metainfo publicTorrent = engine.create(open, CreateTorrent.defaults()).get();
        Torrent privateAdded = engine.add(AddTorrent.of(new AddTorrent.TorrentFileSource(
                writeTorrent(privateTorrent, work.resolve("private.torrent")))).savingTo(secret.getParent()));
        Torrent publicAdded = engine.add(AddTorrent.of(new AddTorrent.TorrentFileSource(
                writeTorrent(publicTorrent, work.resolve("public.torrent")))).savingTo(open.getParent()));
        awaitState(privateAdded, TorrentState.SEEDING, () -> "");
        awaitState(publicAdded, TorrentState.SEEDING, () -> "");

        InetSocketAddress ourPeer = new InetSocketAddress("127.0.0.1", engine.status().listenAddress().getPort());
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> assertThat(
                NODES.get(1).getPeers(publicTorrent.infoHash().bytes()).get(10, TimeUnit.SECONDS).peers()).contains(ourPeer));
        // Both torrents started together; the public one's announce has landed, the private one's never went out.
        for (DhtRuntime node : NODES) {
            assertThat(node.getPeers(privateTorrent.infoHash().bytes()).get(10, TimeUnit.SECONDS).peers())
                    .as("peers stored for the private torrent").isEmpty();
        }
    }
}
