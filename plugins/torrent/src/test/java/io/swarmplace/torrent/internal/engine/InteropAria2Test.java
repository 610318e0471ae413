package io.swarmplace.torrent.internal.engine;

import static io.swarmplace.torrent.internal.engine.InteropSupport.TIMEOUT;
import static io.swarmplace.torrent.internal.engine.InteropSupport.assertSameFiles;
import static io.swarmplace.torrent.internal.engine.InteropSupport.awaitState;
import static io.swarmplace.torrent.internal.engine.InteropSupport.writeAlbum;
import static io.swarmplace.torrent.internal.engine.InteropSupport.writeTorrent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.swarmplace.testing.peers.Aria2;
import io.swarmplace.testing.peers.FreePorts;
import io.swarmplace.testing.peers.Mktorrent;
import io.swarmplace.testing.peers.OpenTracker;
import io.swarmplace.torrent.AddTorrent;
import io.swarmplace.torrent.CreateTorrent;
import io.swarmplace.torrent.Torrent;
import io.swarmplace.torrent.TorrentState;
import io.swarmplace.torrent.metainfo.MagnetLink;
import io.swarmplace.torrent.metainfo.Metainfo;
import io.swarmplace.torrent.metainfo.MetainfoReader;
import java.nio.file.Files;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Our engine and a real aria2c 1.36 on 127.0.0.1, finding each other only through a tracker: the engine
 * downloads a multi-file torrent (made by mktorrent) from an aria2c seeder, by .torrent and by magnet link
 * (metadata from aria2c, BEP 9); aria2c downloads a torrent our engine created from our seeder, by .torrent
 * and by magnet link (metadata from us).
 */
class InteropAria2Test extends TrackerAndEngineFixture {


    @Override
    void requirePeers() {
        Aria2.require();
    }

    @Test
    void downloadsAMultiFileTorrentFromAnAria2Seeder() throws Exception {
        Mktorrent.require();
        Path album = writeAlbum(work.resolve("seed/album"), 100);
        Path torrentFile = Mktorrent.create(album, tracker.httpAnnounce().toString(), 16, work.resolve("album.torrent"));
        Metainfo metainfo = new MetainfoReader().read(Files.readAllBytes(torrentFile));
        String hex = metainfo.infoHash().hex();

        try (Aria2 seeder = Aria2.seed(torrentFile, album.getParent(), FreePorts.loopbackPort())) {
            await().atMost(TIMEOUT).alias("aria2c announced itself as a seeder").until(() -> tracker.seeders(hex) == 1);

            Torrent torrent = engine.add(AddTorrent.of(new AddTorrent.TorrentFileSource(torrentFile)));
            awaitState(torrent, TorrentState.SEEDING, seeder::logTail);

            assertSameFiles(album, work.resolve("node/downloads/album"));
            assertThat(torrent.status().verifiedPieces()).isEqualTo(metainfo.info().pieceCount());
            assertThat(torrent.status().downloadedBytes()).isGreaterThanOrEqualTo(metainfo.info().totalLength());
            await().atMost(TIMEOUT).alias("our engine reported completion to the tracker")
                    .until(() -> tracker.completed(hex) == 1 && tracker.seeders(hex) == 2);
        }
    }

    @Test
    void aria2DownloadsFromOurSeederFoundOnlyThroughOurTracker() throws Exception {
        Path album = writeAlbum(work.resolve("share/album"), 200);
        Metainfo created = engine.create(album, CreateTorrent.defaults()
                .withTrackers(List.of(tracker.httpAnnounce())).withPieceLength(64 * 1024)).get();
        Path torrentFile = writeTorrent(created, work.resolve("album.torrent"));
        String hex = created.infoHash().hex();
        Torrent torrent = engine.add(AddTorrent.of(new AddTorrent.TorrentFileSource(torrentFile)).savingTo(album.getParent()));
        awaitState(torrent, TorrentState.SEEDING, () -> "");
        await().atMost(TIMEOUT).alias("our seeder announced itself").until(() -> tracker.seeders(hex) == 1);

        Path downloads = Files.createDirectories(work.resolve("aria2"));
        try (Aria2 leecher = Aria2.download(torrentFile, downloads, FreePorts.loopbackPort())) {
            leecher.awaitSuccess(TIMEOUT);
        }

        assertSameFiles(album, downloads.resolve("album"));
        assertThat(torrent.status().uploadedBytes()).as("payload bytes our seeder sent")
                .isGreaterThanOrEqualTo(created.info().totalLength());
        await().atMost(TIMEOUT).alias("the tracker counted aria2c's completed download").until(() -> tracker.completed(hex) == 1);
        assertThat(tracker.counters().refusals()).isZero();
    }

    @Test
    void fetchesMagnetMetadataFromAnAria2SeederThenDownloads() throws Exception {
        Mktorrent.require();
        Path album = writeAlbum(work.resolve("seed/album"), 150);
        Path torrentFile = Mktorrent.create(album, tracker.httpAnnounce().toString(), 15, work.resolve("album.torrent"));
        Metainfo metainfo = new MetainfoReader().read(Files.readAllBytes(torrentFile));
        String hex = metainfo.infoHash().hex();

        try (Aria2 seeder = Aria2.seed(torrentFile, album.getParent(), FreePorts.loopbackPort())) {
            await().atMost(TIMEOUT).alias("aria2c announced itself as a seeder").until(() -> tracker.seeders(hex) == 1);
            String magnet = new MagnetLink(metainfo.infoHash(), Optional.empty(), List.of(tracker.httpAnnounce()), List.of()).toUri();

            Torrent torrent = engine.add(AddTorrent.of(new AddTorrent.MagnetSource(magnet)));
            awaitState(torrent, TorrentState.SEEDING, seeder::logTail);

            assertThat(torrent.metainfo()).get().extracting(m -> m.info().name()).isEqualTo("album");
            assertSameFiles(album, work.resolve("node/downloads/album"));
        }
    }

    /**
     * Through opentracker, not ours: aria2c announces a magnet link with left=0 until it has the metadata,
     * and our tracker gives a peer that reports nothing left (a seeder) no seeders, so aria2c never hears of
     * our seeder from it.
     */
    @Test
    void aria2FetchesMagnetMetadataFromOurSeederThenDownloads() throws Exception {
        OpenTracker.require();
        Path album = writeAlbum(work.resolve("share/album"), 250);
        int trackerPort = FreePorts.loopbackPort();
        URI announce = URI.create("http://127.0.0.1:" + trackerPort + "/announce");
        Metainfo created = engine.create(album, CreateTorrent.defaults()
                .withTrackers(List.of(announce)).withPieceLength(64 * 1024)).get();
        Path torrentFile = writeTorrent(created, work.resolve("album.torrent"));
        try (OpenTracker opentracker = OpenTracker.start(trackerPort, List.of(created.infoHash().hex()))) {
            Torrent torrent = engine.add(AddTorrent.of(new AddTorrent.TorrentFileSource(torrentFile)).savingTo(album.getParent()));
            awaitState(torrent, TorrentState.SEEDING, () -> "");
            String magnet = new MagnetLink(created.infoHash(), Optional.of("album"), List.of(announce), List.of()).toUri();

            Path downloads = Files.createDirectories(work.resolve("aria2"));
            try (Aria2 leecher = Aria2.download(magnet, downloads, FreePorts.loopbackPort())) {
                leecher.awaitSuccess(TIMEOUT);
            }
            assertSameFiles(album, downloads.resolve("album"));
        }
    }
}
