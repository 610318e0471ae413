package io.swarmplace.torrent.internal.engine;

import static io.swarmplace.torrent.internal.engine.InteropSupport.TIMEOUT;
import static io.swarmplace.torrent.internal.engine.InteropSupport.assertSameFiles;
import static io.swarmplace.torrent.internal.engine.InteropSupport.awaitState;
import static io.swarmplace.torrent.internal.engine.InteropSupport.newEngine;
import static io.swarmplace.torrent.internal.engine.InteropSupport.writeAlbum;
import static io.swarmplace.torrent.internal.engine.InteropSupport.writeTorrent;
import static org.assertj.core.api.Assertions.assertThat;

import io.swarmplace.testing.peers.FreePorts;
import io.swarmplace.testing.peers.LibtorrentPeer;
import io.swarmplace.torrent.AddTorrent;
import io.swarmplace.torrent.CreateTorrent;
import io.swarmplace.torrent.Torrent;
import io.swarmplace.torrent.TorrentState;
import io.swarmplace.torrent.metainfo.Metainfo;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A libtorrent peer that dials our seeder tells us its listening port (BEP 10 "p"); we keep that address
 * for later, but must not dial it while the peer is connected: libtorrent closes one of the two
 * connections as a "duplicate peer-id", and when each side closes a different one, both are lost.
 */
class InteropDuplicateConnectionTest {

    /** Slow enough that the download outlasts several of our one-second connection rounds. */
    private static final int LEECHER_RATE = 768 * 1024;

    @TempDir
    Path work;

    @Test
    void aPeerThatDialledUsIsNotDialledBackWhileConnected() throws Exception {
        LibtorrentPeer.require();
        Path album = writeAlbum(work.resolve("share/album"), 1000);
        TorrentEngine engine = newEngine(work.resolve("node"));
        try (LibtorrentPeer leecher = LibtorrentPeer.started(FreePorts.loopbackPort(), LibtorrentPeer.Options.defaults()
                .with("download_rate_limit", LEECHER_RATE)
                .with("ignore_limits_on_local_network", false))) {
            Metainfo created = engine.create(album, CreateTorrent.defaults().withPieceLength(32 * 1024)).get();
            Path torrentFile = writeTorrent(created, work.resolve("album.torrent"));
            Torrent torrent = engine.add(AddTorrent.of(new AddTorrent.TorrentFileSource(torrentFile)).savingTo(album.getParent()));
            awaitState(torrent, TorrentState.SEEDING, () -> "");

            String hex = leecher.addTorrent(torrentFile, work.resolve("libtorrent"), false);
            leecher.connectPeer(hex, "127.0.0.1", engine.status().listenAddress().getPort());
            leecher.awaitFinished(hex, TIMEOUT);

            assertSameFiles(album, work.resolve("libtorrent/album"));
            String log = leecher.logTail();
            assertThat(log).as("libtorrent's log").contains("outgoing connection").doesNotContain("incoming connection")
                    .doesNotContain("duplicate peer-id");
        } finally {
            engine.deactivate();
        }
    }
}
