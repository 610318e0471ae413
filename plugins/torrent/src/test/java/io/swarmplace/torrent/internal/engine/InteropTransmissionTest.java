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
import io.swarmplace.torrent.PeerStatus;
import io.swarmplace.torrent.Torrent;
import io.swarmplace.torrent.TorrentState;
import io.swarmplace.torrent.metainfo.Metainfo;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our engine downloads a multi-file torrent from a real transmission-cli 3.00 seeder on 127.0.0.1. The
 * torrent is one our engine created; transmission never dials 127.x peers, so our engine dials it.
 */
class InteropTransmissionTest {

    @TempDir
    Path work;

    @Test
    void downloadsAMultiFileTorrentFromATransmissionSeeder() throws Exception {
        Transmission.require();
        Path album = writeAlbum(work.resolve("seed/album"), 300);
        TorrentEngine engine = newEngine(work.resolve("node"));
        try {
            Metainfo created = engine.create(album, CreateTorrent.defaults().withPieceLength(32 * 1024)).get();
            Path torrentFile = writeTorrent(created, work.resolve("album.torrent"));
            try (Transmission seeder = Transmission.seed(torrentFile, album.getParent(), FreePorts.loopbackPort())) {
                InetSocketAddress transmission = new InetSocketAddress("127.0.0.1", seeder.port());
                Torrent torrent = engine.add(AddTorrent.of(new AddTorrent.TorrentFileSource(torrentFile))
                        .withPeers(List.of(transmission)));
                awaitState(torrent, TorrentState.SEEDING, seeder::logTail);

                assertSameFiles(album, work.resolve("node/downloads/album"));
                assertThat(torrent.status().verifiedPieces()).isEqualTo(created.info().pieceCount());
                assertThat(torrent.status().downloadedBytes()).isGreaterThanOrEqualTo(created.info().totalLength());
            }
        } finally {
            engine.deactivate();
        }
    }
}
