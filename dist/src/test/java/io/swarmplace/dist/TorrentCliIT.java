package io.swarmplace.dist;

import static io.swarmplace.testing.TestFiles.assertSameFiles;
import static io.swarmplace.testing.TestFiles.writeRandom;
import static org.assertj.core.api.Assertions.assertThat;

import io.swarmplace.dist.Distribution.CliResult;
import io.swarmplace.testing.peers.FreePorts;
import io.swarmplace.testing.peers.LibtorrentPeer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The BitTorrent engine of a real node driven through bin/swarmplace: create and seed a torrent that a
 * python3-libtorrent peer downloads, download one from a libtorrent seeder with the CLI waiting until it
 * completes, inspect, pause, resume and remove, and a restart that keeps the torrents without
 * downloading again.
 */
class TorrentCliIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern LISTENING = Pattern.compile("Listening on ([0-9.]+):(\\d+)");
    private static final Pattern INFO_HASH = Pattern.compile("info-hash ([0-9a-f]{40})");

    @TempDir
    Path work;

    @Test
    void createSeedDownloadInspectAndRemoveThroughTheCli() throws Exception {
        LibtorrentPeer.require();
        Distribution dist = Distribution.unpack(work);
        Path share = work.resolve("share/holiday");
        writeRandom(share.resolve("beach.jpg"), 900 * 1024 + 5, 1);
        writeRandom(share.resolve("notes/list.txt"), 3000, 2);
        Path torrentFile = work.resolve("holiday.torrent");
        try (RunningNode node = dist.start();
                LibtorrentPeer libtorrent = LibtorrentPeer.started(FreePorts.loopbackPort(), LibtorrentPeer.Options.fastSeeder())) {
            CliResult created = ok(dist.cli("torrent", "create", "--piece-size", "64k", "--output", torrentFile.toString(),
                    "--seed", share.toString()));
            assertThat(created.out()).contains("Created " + torrentFile, "pieces of 64.0 KiB", "magnet:?xt=urn:btih:", "Seeding from");
            String infoHash = match(INFO_HASH, created.out()).group(1);
            awaitListed(dist, infoHash.substring(0, 8), "seeding");

            // libtorrent downloads what the node seeds
            String hex = libtorrent.addTorrent(torrentFile, work.resolve("fetched"), false);
            assertThat(hex).isEqualTo(infoHash);
            Matcher listening = match(LISTENING, ok(dist.cli("torrent", "list")).out());
            libtorrent.connectPeer(hex, listening.group(1), Integer.parseInt(listening.group(2)));
            libtorrent.awaitFinished(hex, TIMEOUT);
            assertSameFiles(share, work.resolve("fetched/holiday"));
            assertThat(ok(dist.cli("torrent", "info", infoHash.substring(0, 6))).out())
                    .contains("holiday", infoHash, "seeding", "100.0%", "beach.jpg", "notes/list.txt")
                    .doesNotContain("up 0 B,");

            // the node downloads from libtorrent; --wait watches until complete without a terminal
            Path album = work.resolve("seed/album");
            writeRandom(album.resolve("a.bin"), 1500 * 1024, 3);
            Path albumTorrent = work.resolve("album.torrent");
            String albumHash = libtorrent.createTorrent(album, albumTorrent, 32 * 1024, List.of());
            libtorrent.addTorrent(albumTorrent, album.getParent(), true);
            Path downloads = work.resolve("downloads");
            CliResult added = ok(dist.cli("torrent", "add", "--wait", "--folder", downloads.toString(),
                    "--peer", "127.0.0.1:" + libtorrent.port(), albumTorrent.toString()));
            assertThat(added.out()).contains("Added " + albumHash, "Complete: album").containsPattern("\\[#+\\] 100\\.0%");
            assertSameFiles(album, downloads.resolve("album"));

            CliResult peers = ok(dist.cli("torrent", "peers", albumHash));
            assertThat(peers.out()).satisfiesAnyOf(
                    out -> assertThat(out).contains("libtorrent"),
                    out -> assertThat(out).contains("No connected peers."));

            ok(dist.cli("torrent", "pause", albumHash.substring(0, 8)));
            awaitListed(dist, albumHash.substring(0, 8), "paused");
            ok(dist.cli("torrent", "resume", albumHash.substring(0, 8)));
            awaitListed(dist, albumHash.substring(0, 8), "seeding");

            CliResult bad = dist.cli("torrent", "info", "zzzz");
            assertThat(bad.exitCode()).isNotZero();
            assertThat(bad.err()).contains("neither a torrent number");
            node.terminate();
        }

        // A restart keeps both torrents, verified from resume data, without downloading again.
        try (RunningNode restarted = dist.start()) {
            awaitListed(dist, "holiday", "seeding");
            CliResult list = ok(dist.cli("torrent", "list"));
            assertThat(list.out()).contains("holiday", "album");
            String albumLine = list.out().lines().filter(l -> l.contains("album")).findFirst().orElseThrow();
            assertThat(albumLine).contains("100.0%");

            CliResult removed = ok(dist.cli("torrent", "remove", "--delete-data", "2"));
            assertThat(removed.out()).contains("and deleted its files");
            assertThat(work.resolve("downloads/album/a.bin")).doesNotExist();
            assertThat(ok(dist.cli("torrent", "list")).out()).doesNotContain("album");
        }
    }

    static void awaitListed(Distribution dist, String name, String state) {
        org.awaitility.Awaitility.await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(300))
                .until(() -> dist.cli("torrent", "list").out().lines()
                        .anyMatch(line -> line.contains(name) && line.contains(state)));
    }

    static CliResult ok(CliResult result) {
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result;
    }

    private static Matcher match(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        assertThat(matcher.find()).as(pattern + " in\n" + text).isTrue();
        return matcher;
    }
}
