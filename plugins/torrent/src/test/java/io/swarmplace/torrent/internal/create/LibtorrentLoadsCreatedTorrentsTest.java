package io.swarmplace.torrent.internal.create;

import static org.assertj.core.api.Assertions.assertThat;

import io.swarmplace.testing.peers.FreePorts;
import io.swarmplace.testing.peers.LibtorrentPeer;
import io.swarmplace.testing.peers.LibtorrentPeer.Options;
import io.swarmplace.testing.peers.LibtorrentPeer.TorrentStatus;
import io.swarmplace.testing.peers.LibtorrentPeer.TorrentView;
import io.swarmplace.torrent.metainfo.LibtorrentView;
import io.swarmplace.torrent.metainfo.Metainfo;
import io.swarmplace.torrent.metainfo.MetainfoWriter;
import io.swarmplace.torrent.metainfo.TorrentFile;
import io.swarmplace.torrent.metainfo.TorrentInfo;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Torrents we create, loaded by the real libtorrent: the same info-hash, the same files (our padding
 * files marked as padding by libtorrent), and a libtorrent session given the data finds every piece.
 */
class LibtorrentLoadsCreatedTorrentsTest {

    private static final int PIECE = 16 * 1024;
    private static final Duration CHECK = Duration.ofSeconds(30);

    private static LibtorrentPeer libtorrent;

    @TempDir
    Path dir;

    private final Random random = new Random(555L);
    private ExecutorService pool;

    @BeforeAll
    static void startLibtorrent() {
        LibtorrentPeer.require();
        libtorrent = LibtorrentPeer.started(FreePorts.loopbackPort(), Options.defaults());
    }

    @AfterAll
    static void stopLibtorrent() {
        if (libtorrent != null) {
            libtorrent.close();
        }
    }

    @BeforeEach
    void setUp() {
        pool = Executors.newFixedThreadPool(2);
    }

    @AfterEach
    void tearDown() {
        pool.shutdownNow();
    }

    @Test
    void aSingleFileTorrent() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        write(data.resolve("single file.bin"), 300_001);

        checkWithLibtorrent(data.resolve("single file.bin"), data,
                TorrentCreationOptions.builder().pieceLength(PIECE).tracker(URI.create("http://127.0.0.1:1/announce")).build());
    }

    @Test
    void aMultiFileTorrentWithoutPadding() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        checkWithLibtorrent(folder(data.resolve("multi")), data,
                TorrentCreationOptions.builder().pieceLength(PIECE).privateTorrent(true).build());
    }

    @Test
    void aMultiFileTorrentWithPadding() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Metainfo metainfo = checkWithLibtorrent(folder(data.resolve("padded")), data,
                TorrentCreationOptions.builder().pieceLength(PIECE).padding(true).build());
        assertThat(metainfo.info().files()).filteredOn(TorrentFile::padding).hasSizeGreaterThan(2);
    }

    @Test
    void anAutomaticPieceSizeWithPadding() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        checkWithLibtorrent(folder(data.resolve("automatic")), data, TorrentCreationOptions.builder().padding(true).build());
    }

    @Test
    void libtorrentsCheckNoticesACorruptedPiece() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Path root = folder(data.resolve("corrupt"));
        Metainfo metainfo = new TorrentCreator(pool, 2)
                .create(root, TorrentCreationOptions.builder().pieceLength(PIECE).padding(true).build(), CreationProgress.none())
                .get(60, TimeUnit.SECONDS);
        Path torrent = dir.resolve("corrupt.torrent");
        Files.write(torrent, new MetainfoWriter().write(metainfo));
        byte[] bytes = Files.readAllBytes(root.resolve("a.bin"));
        bytes[PIECE + 1] ^= 1;
        Files.write(root.resolve("a.bin"), bytes);

        TorrentStatus checked = checkedByLibtorrent(torrent, data);

        assertThat(checked.numPieces()).isEqualTo(metainfo.info().pieceCount() - 1);
    }

    private Metainfo checkWithLibtorrent(Path source, Path savePath, TorrentCreationOptions options) throws Exception {
        Metainfo metainfo = new TorrentCreator(pool, 2).create(source, options, CreationProgress.none())
                .get(60, TimeUnit.SECONDS);
        Path torrent = dir.resolve("created.torrent");
        Files.write(torrent, new MetainfoWriter().write(metainfo));

        TorrentView view = libtorrent.torrentView(torrent);
        TorrentStatus checked = checkedByLibtorrent(torrent, savePath);

        TorrentInfo info = metainfo.info();
        assertThat(view.infoHash()).isEqualTo(metainfo.infoHash().hex());
        assertThat(view.files()).isEqualTo(LibtorrentView.filesOf(metainfo));
        assertThat(view.pieces()).isEqualTo(info.pieceCount());
        assertThat(view.pieceLength()).isEqualTo(info.pieceLength());
        assertThat(view.privateTorrent()).isEqualTo(info.privateTorrent());
        assertThat(checked.torrentError()).isEmpty();
        assertThat(checked.numPieces()).as("pieces libtorrent verified").isEqualTo(info.pieceCount());
        assertThat(checked.state()).isEqualTo("seeding");
        return metainfo;
    }

    /** Adds the torrent to the libtorrent session, waits for its check of the data and removes it again. */
    private static TorrentStatus checkedByLibtorrent(Path torrent, Path savePath) {
        String hex = libtorrent.addTorrent(torrent, savePath, false);
        try {
            return libtorrent.awaitChecked(hex, CHECK);
        } finally {
            libtorrent.remove(hex);
        }
    }

    /** A folder of files whose sizes straddle piece boundaries, nested, with an empty file. */
    private Path folder(Path root) throws Exception {
        Files.createDirectories(root.resolve("sub").resolve("deeper"));
        write(root.resolve("a.bin"), PIECE * 3 + 17);
        write(root.resolve("b b.txt"), 5);
        write(root.resolve("empty"), 0);
        write(root.resolve("sub").resolve("c.dat"), PIECE - 1);
        write(root.resolve("sub").resolve("deeper").resolve("d"), 2 * PIECE);
        write(root.resolve("sub").resolve("é.bin"), 40_000);
        for (int i = 0; i < 5; i++) {
            write(root.resolve("sub").resolve("small" + i), 1 + random.nextInt(3_000));
        }
        return root;
    }

    private void write(Path file, int size) throws Exception {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        Files.write(file, bytes);
    }

}
