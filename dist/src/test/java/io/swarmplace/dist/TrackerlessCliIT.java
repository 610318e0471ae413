package io.swarmplace.dist;

import static io.swarmplace.dist.TorrentCliIT.awaitListed;
import static io.swarmplace.dist.TorrentCliIT.ok;
import static io.swarmplace.testing.TestFiles.assertSameFiles;
import static io.swarmplace.testing.TestFiles.writeRandom;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.swarmplace.testing.peers.FreePorts;
import io.swarmplace.testing.peers.LibtorrentPeer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A magnet link with no trackers, through bin/swarmplace: the node's DHT (bootstrapped from a
 * python3-libtorrent DHT node on 127.0.0.1, private-network mode) finds the libtorrent seeder, the
 * download completes, and `torrent peers` shows the peer's source as dht.
 */
class TrackerlessCliIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path work;

    @Test
    void aMagnetLinkWithoutTrackersDownloadsThroughTheDht() throws Exception {
        LibtorrentPeer.require();
        Distribution dist = Distribution.unpack(work);
        Path album = work.resolve("seed/album");
        writeRandom(album.resolve("a.bin"), 1536 * 1024, 21);
        writeRandom(album.resolve("b/c.bin"), 70 * 1024, 22);
        try (LibtorrentPeer libtorrent = LibtorrentPeer.started(FreePorts.loopbackPort(), LibtorrentPeer.Options.defaults()
                .withDht()
                // Slow enough that the peer is still connected (two seeds hang up on each other) when a `torrent peers`
                // call, a JVM start of its own, looks: at 512 KiB/s the download was over before one on a busy machine.
                .with("upload_rate_limit", 128 * 1024)
                .with("ignore_limits_on_local_network", false))) {
            Files.writeString(dist.home().resolve("conf/io.swarmplace.dht.cfg"), "bindAddress=127.0.0.1\nport=0\n"
                    + "privateNetwork=true\nbootstrapNodes=127.0.0.1:" + libtorrent.port() + "\n");
            try (RunningNode node = dist.start()) {
                libtorrent.awaitDhtNodes(1, TIMEOUT);
                String hex = libtorrent.createTorrent(album, work.resolve("album.torrent"), 32 * 1024, List.of());
                libtorrent.addTorrent(work.resolve("album.torrent"), album.getParent(), true);
                await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(500)).alias("libtorrent's announce on our node")
                        .until(() -> dist.cli("shell", "-c", "dht:lookup " + hex).out()
                                .contains("peer 127.0.0.1:" + libtorrent.port()));

                Path downloads = work.resolve("downloads");
                ok(dist.cli("torrent", "add", "--detach", "--folder", downloads.toString(), "magnet:?xt=urn:btih:" + hex));
                await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200)).alias("a peer from the DHT in torrent peers")
                        .until(() -> dist.cli("torrent", "peers", hex).out().lines()
                                .anyMatch(line -> line.contains("127.0.0.1:" + libtorrent.port()) && line.contains(" dht ")));
                awaitListed(dist, "album", "seeding");
                assertSameFiles(album, downloads.resolve("album"));
            }
        }
    }
}
