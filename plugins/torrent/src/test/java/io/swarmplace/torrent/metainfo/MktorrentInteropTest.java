package io.swarmplace.torrent.metainfo;

import static org.assertj.core.api.Assertions.assertThat;

import io.swarmplace.testing.peers.LibtorrentPeer;
import io.swarmplace.testing.peers.Mktorrent;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Torrents made by mktorrent, read by us, compared with what libtorrent reads from the same file. */
class MktorrentInteropTest {

    @TempDir
    Path dir;

    private static LibtorrentPeer libtorrent;

    private final MetainfoReader reader = new MetainfoReader();
    private final Random random = new Random(99L);

    @BeforeAll
    static void requireTools() {
        Mktorrent.require();
        LibtorrentPeer.require();
        libtorrent = LibtorrentPeer.launch("libtorrent-reader");
    }

    @AfterAll
    static void stopLibtorrent() {
        if (libtorrent != null) {
            libtorrent.close();
        }
    }

    @Test
    void aSingleFileTorrentParsesWithLibtorrentsInfoHashAndItsPiecesCheck() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        write(data.resolve("video clip.bin"), 200_000);
        Path torrent = dir.resolve("single.torrent");
        Mktorrent.create(data.resolve("video clip.bin"), List.of("http://127.0.0.1:6969/announce"), 15, torrent,
                List.of("-w", "http://127.0.0.1:8080/files/", "-c", "made by mktorrent"));

        byte[] bytes = Files.readAllBytes(torrent);
        Metainfo metainfo = reader.read(bytes);
        LibtorrentPeer.TorrentView libtorrent = MktorrentInteropTest.libtorrent.torrentView(torrent);

        assertThat(metainfo.infoHash().hex()).isEqualTo(libtorrent.infoHash());
        assertThat(metainfo.info().singleFile()).isTrue();
        assertThat(metainfo.info().name()).isEqualTo("video clip.bin");
        assertThat(metainfo.info().pieceLength()).isEqualTo(32 * 1024).isEqualTo(libtorrent.pieceLength());
        assertThat(metainfo.info().pieceCount()).isEqualTo(libtorrent.pieces()).isEqualTo(7);
        assertThat(LibtorrentView.filesOf(metainfo)).isEqualTo(libtorrent.files());
        assertThat(metainfo.announceTiers()).containsExactly(List.of(URI.create("http://127.0.0.1:6969/announce")));
        assertThat(metainfo.webSeeds()).containsExactly(URI.create("http://127.0.0.1:8080/files/"));
        assertThat(metainfo.comment()).contains("made by mktorrent");
        assertThat(metainfo.createdBy()).hasValueSatisfying(by -> assertThat(by).startsWith("mktorrent"));
        assertThat(metainfo.creationDate()).isPresent();
        assertThat(PieceCheck.badPieces(metainfo.info(), data)).isEmpty();
        assertThat(new MetainfoWriter().write(metainfo)).as("written back byte for byte").isEqualTo(bytes);
    }

    @Test
    void aPrivateMultiFileTorrentParsesWithLibtorrentsInfoHashAndItsPiecesCheck() throws Exception {
        Path root = Files.createDirectories(dir.resolve("album"));
        write(root.resolve("01 intro.flac"), 100_000);
        write(Files.createDirectories(root.resolve("disc 2")).resolve("02.flac"), 70_001);
        write(root.resolve("disc 2").resolve("été.txt"), 12_345);
        write(Files.createDirectories(root.resolve("art")).resolve("cover.jpg"), 33_000);
        Path torrent = dir.resolve("multi.torrent");
        Mktorrent.create(root, List.of("http://127.0.0.1:6969/announce,udp://127.0.0.1:6969", "http://backup.example/announce"),
                15, torrent, List.of("-p"));

        byte[] bytes = Files.readAllBytes(torrent);
        Metainfo metainfo = reader.read(bytes);
        LibtorrentPeer.TorrentView libtorrent = MktorrentInteropTest.libtorrent.torrentView(torrent);

        assertThat(metainfo.infoHash().hex()).isEqualTo(libtorrent.infoHash());
        assertThat(metainfo.info().singleFile()).isFalse();
        assertThat(metainfo.info().privateTorrent()).isTrue().isEqualTo(libtorrent.privateTorrent());
        assertThat(metainfo.info().pieceCount()).isEqualTo(libtorrent.pieces());
        assertThat(LibtorrentView.filesOf(metainfo)).isEqualTo(libtorrent.files()).hasSize(4);
        assertThat(metainfo.announceTiers()).containsExactly(
                List.of(URI.create("http://127.0.0.1:6969/announce"), URI.create("udp://127.0.0.1:6969")),
                List.of(URI.create("http://backup.example/announce")));
        assertThat(PieceCheck.badPieces(metainfo.info(), dir)).isEmpty();
        assertThat(new MetainfoWriter().write(metainfo)).isEqualTo(bytes);

        Files.write(root.resolve("art").resolve("cover.jpg"), new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.WRITE);
        assertThat(PieceCheck.badPieces(metainfo.info(), dir)).as("the check notices changed data").isNotEmpty();
    }

    private void write(Path file, int size) throws Exception {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        Files.write(file, bytes);
    }
}
