package io.swarmplace.torrent.internal.engine;

import static io.swarmplace.torrent.internal.engine.InteropSupport.assertSameFiles;
import static io.swarmplace.torrent.internal.engine.InteropSupport.awaitState;
import static io.swarmplace.torrent.internal.engine.InteropSupport.newEngine;
import static io.swarmplace.torrent.internal.engine.InteropSupport.writeAlbum;
import static io.swarmplace.torrent.internal.engine.InteropSupport.writeTorrent;
import static org.assertj.core.api.Assertions.assertThat;

import io.swarmplace.testing.peers.FreePorts;
import io.swarmplace.testing.peers.Transmission;
import io.swarmplace.torrent.AddTorrent;
import io.swarmplace.torrent.CreateTorrent;
import io.swarmplace.torrent.Torrent;
import io.swarmplace.torrent.TorrentState;
import io.swarmplace.torrent.metainfo.MagnetLink;
import io.swarmplace.torrent.metainfo.Metainfo;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our engine downloads a multi-file torrent from a real transmission-cli 3.00 seeder on 127.0.0.1, by
 * .torrent and by magnet link (metadata from transmission, BEP 9). Transmission never dials 127.x peers, so
 * our engine dials it. Transmission unchokes only on a 10 s timer, so each download waits up to 10 s for its
 * first block.
 *
 * <p>Each test has its own seeder: transmission 3.00 keeps what it learns of a peer by IP address alone, so
 * once one engine on 127.0.0.1 has completed, it takes every later peer from 127.0.0.1 for a seed too and,
 * seeding itself, closes their connections before the handshake.
 */
class InteropTransmissionTest {

    @TempDir
    static Path work;

    private static Path album;
    private static Path torrentFile;
    private static Metainfo created;

    @BeforeAll
    static void createTorrent() throws Exception {
        Transmission.require();
        album = writeAlbum(work.resolve("seed/album"), 300);
        TorrentEngine creator = newEngine(work.resolve("creator"));
        try {
            created = creator.create(album, CreateTorrent.defaults().withPieceLength(32 * 1024)).get();
        } finally {
            creator.deactivate();
        }
        torrentFile = writeTorrent(created, work.resolve("album.torrent"));
    }

    @Test
    void downloadsAMultiFileTorrentFromATransmissionSeeder(@TempDir Path node) throws Exception {
        TorrentEngine engine = newEngine(node);
        try (Transmission seeder = Transmission.seed(torrentFile, album.getParent(), FreePorts.loopbackPort())) {
            Torrent torrent = engine.add(AddTorrent.of(new AddTorrent.TorrentFileSource(torrentFile))
                    .withPeers(List.of(address(seeder))));
            awaitState(torrent, TorrentState.SEEDING, seeder::logTail);

            assertSameFiles(album, node.resolve("downloads/album"));
            assertThat(torrent.status().verifiedPieces()).isEqualTo(created.info().pieceCount());
            assertThat(torrent.status().downloadedBytes()).isGreaterThanOrEqualTo(created.info().totalLength());
        } finally {
            engine.deactivate();
        }
    }

    @Test
    void fetchesMagnetMetadataFromATransmissionSeederThenDownloads(@TempDir Path node) throws Exception {
        TorrentEngine engine = newEngine(node);
        try (Transmission seeder = Transmission.seed(torrentFile, album.getParent(), FreePorts.loopbackPort())) {
            String magnet = new MagnetLink(created.infoHash(), Optional.empty(), List.of(), List.of()).toUri();
            Torrent torrent = engine.add(AddTorrent.of(new AddTorrent.MagnetSource(magnet)));
            torrent.connect(address(seeder));
            awaitState(torrent, TorrentState.SEEDING, seeder::logTail);

            assertThat(torrent.metainfo()).get().extracting(Metainfo::infoHash).isEqualTo(created.infoHash());
            assertSameFiles(album, node.resolve("downloads/album"));
        } finally {
            engine.deactivate();
        }
    }

    private static InetSocketAddress address(Transmission seeder) {
        return new InetSocketAddress("127.0.0.1", seeder.port());
    }
}
