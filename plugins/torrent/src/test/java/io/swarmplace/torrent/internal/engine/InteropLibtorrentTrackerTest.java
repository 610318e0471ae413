package io.swarmplace.torrent.internal.engine;

import static io.swarmplace.torrent.internal.engine.InteropSupport.TIMEOUT;
import static io.swarmplace.torrent.internal.engine.InteropSupport.awaitSameFiles;
import static io.swarmplace.torrent.internal.engine.InteropSupport.awaitState;
import static io.swarmplace.torrent.internal.engine.InteropSupport.writeAlbum;
import static io.swarmplace.torrent.internal.engine.InteropSupport.writeTorrent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.swarmplace.testing.peers.FreePorts;
import io.swarmplace.testing.peers.LibtorrentPeer;
import io.swarmplace.torrent.AddTorrent;
import io.swarmplace.torrent.CreateTorrent;
import io.swarmplace.torrent.Torrent;
import io.swarmplace.torrent.TorrentState;
import io.swarmplace.torrent.metainfo.Metainfo;
import io.swarmplace.tracker.TrackerCounters;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A real libtorrent downloads from our seeder, both finding each other only through our own tracker
 * server, announcing over HTTP and over UDP (BEP 15). The torrents are created by our engine, one of them
 * with BEP 47 padding files.
 */
class InteropLibtorrentTrackerTest extends TrackerAndEngineFixture {


    @Override
    void requirePeers() {
        LibtorrentPeer.require();
    }

    @Test
    void libtorrentDownloadsFromOurSeederThroughOurHttpTracker() throws Exception {
        TrackerCounters before = tracker.counters();
        seedAndLetLibtorrentDownload(tracker.httpAnnounce(), 400);
        TrackerCounters after = tracker.counters();
        assertThat(after.httpAnnounces() - before.httpAnnounces()).as("HTTP announces: our seeder's and libtorrent's")
                .isGreaterThanOrEqualTo(3);
        assertThat(after.udpAnnounces()).isZero();
    }

    @Test
    void libtorrentDownloadsFromOurSeederThroughOurUdpTracker() throws Exception {
        seedAndLetLibtorrentDownload(tracker.udpAnnounce(), 500);
        TrackerCounters after = tracker.counters();
        assertThat(after.udpConnects()).as("UDP connects").isGreaterThanOrEqualTo(2);
        assertThat(after.udpAnnounces()).as("UDP announces: our seeder's and libtorrent's").isGreaterThanOrEqualTo(3);
        assertThat(after.httpAnnounces()).isZero();
    }

    @Test
    void libtorrentDownloadsATorrentWithPadFilesFromOurSeeder() throws Exception {
        Metainfo created = seedAndLetLibtorrentDownload(tracker.httpAnnounce(), 600, true);
        assertThat(created.info().files()).as("BEP 47 padding files in the torrent").anyMatch(f -> f.padding());
    }

    private Metainfo seedAndLetLibtorrentDownload(URI announce, long seed) throws Exception {
        return seedAndLetLibtorrentDownload(announce, seed, false);
    }

    private Metainfo seedAndLetLibtorrentDownload(URI announce, long seed, boolean padFiles) throws Exception {
        Path album = writeAlbum(work.resolve("share/album"), seed);
        Metainfo created = engine.create(album, CreateTorrent.defaults()
                .withTrackers(List.of(announce)).withPieceLength(64 * 1024).withPadFiles(padFiles)).get();
        assertThat(created.announceTiers()).containsExactly(List.of(announce));
        Path torrentFile = writeTorrent(created, work.resolve("album.torrent"));
        String hex = created.infoHash().hex();
        Torrent torrent = engine.add(AddTorrent.of(new AddTorrent.TorrentFileSource(torrentFile)).savingTo(album.getParent()));
        awaitState(torrent, TorrentState.SEEDING, () -> "");
        await().atMost(TIMEOUT).alias("our seeder announced itself over " + announce.getScheme())
                .until(() -> tracker.seeders(hex) == 1);

        Path downloads = work.resolve("libtorrent");
        // At shutdown libtorrent waits up to stop_tracker_timeout (5 s) for the answer to its UDP event=stopped,
        // which our tracker does send; 1 s keeps the UDP test from idling there.
        try (LibtorrentPeer leecher = LibtorrentPeer.started(FreePorts.loopbackPort(),
                LibtorrentPeer.Options.defaults().with("stop_tracker_timeout", 1))) {
            assertThat(leecher.addTorrent(torrentFile, downloads, false)).isEqualTo(hex);
            leecher.awaitFinished(hex, TIMEOUT);
            awaitSameFiles(album, downloads.resolve("album"));
            await().atMost(TIMEOUT).alias("the tracker counted libtorrent's completed download")
                    .until(() -> tracker.completed(hex) == 1 && tracker.seeders(hex) == 2);
        }
        // Blocks that hold nothing but padding are never asked for: they are zeros by definition (BEP 47).
        long dataBytes = created.info().files().stream().filter(f -> !f.padding()).mapToLong(f -> f.length()).sum();
        assertThat(torrent.status().uploadedBytes()).as("payload bytes our seeder sent").isGreaterThanOrEqualTo(dataBytes);
        assertThat(tracker.counters().refusals()).isZero();
        return created;
    }
}
