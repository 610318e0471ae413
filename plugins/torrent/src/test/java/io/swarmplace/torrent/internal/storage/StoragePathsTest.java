package io.swarmplace.torrent.internal.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swarmplace.torrent.metainfo.TorrentFile;
import io.swarmplace.torrent.metainfo.TorrentInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StoragePathsTest extends StorageTestBase {

    @Test
    void multiFileTorrentLivesInAFolderNamedAfterIt() {
        TestTorrent torrent = TestTorrent.multiFile("album", 16, 1).file("cd1/track.flac", 10).padding(6).file("cover.jpg", 4).build();
        StoragePaths paths = StoragePaths.resolve(torrent.info, temp);
        assertThat(paths.root()).isEqualTo(temp.resolve("album"));
        assertThat(paths.file(0)).isEqualTo(temp.resolve("album/cd1/track.flac"));
        assertThat(paths.file(1)).as("padding is never on disk").isNull();
        assertThat(paths.file(2)).isEqualTo(temp.resolve("album/cover.jpg"));
        assertThat(paths.impliedFolders()).containsExactly(temp.resolve("album/cd1"), temp.resolve("album"));
    }

    @Test
    void singleFileTorrentIsOneFileInTheFolder() {
        TestTorrent torrent = TestTorrent.singleFile("movie.mkv", 16, 40, 1);
        StoragePaths paths = StoragePaths.resolve(torrent.info, temp);
        assertThat(paths.file(0)).isEqualTo(temp.resolve("movie.mkv"));
        assertThat(paths.impliedFolders()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", ".", "", "a/b", "a\\b", "/etc", "nul\0byte"})
    void refusesComponentsThatCouldLeaveTheFolder(String component) {
        TorrentInfo info = info("safe", List.of("dir", component, "file"));
        assertThatThrownBy(() -> StoragePaths.resolve(info, temp))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("refusing to store")
                .hasMessageContaining("outside the download folder " + temp)
                .extracting(e -> ((StorageException) e).kind()).isEqualTo(StorageException.Kind.PATH_OUTSIDE_FOLDER);
    }

    @Test
    void refusesATorrentNameThatLeavesTheFolder() {
        TorrentInfo info = info("..", List.of("file"));
        assertThatThrownBy(() -> StoragePaths.resolve(info, temp)).isInstanceOf(StorageException.class)
                .hasMessageContaining("the path component \"..\"");
    }

    @Test
    void openingATraversingTorrentFailsAndWritesNothing() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("downloads"));
        TorrentInfo info = info("t", List.of("..", "..", "escaped"));
        StorageException error = failure(TorrentStorage.open(info, folder, OPTIONS, disk));
        assertThat(error.kind()).isEqualTo(StorageException.Kind.PATH_OUTSIDE_FOLDER);
        assertThat(error).hasMessageContaining("../../escaped");
        try (var listing = Files.list(temp)) {
            assertThat(listing).containsExactly(folder);
        }
    }

    @Test
    void refusesTwoFilesAtOnePath() {
        TorrentInfo info = new TorrentInfo("t", 8, new byte[20], List.of(
                new TorrentFile(List.of("same"), 4, 0, false), new TorrentFile(List.of("same"), 4, 4, false)), false, false);
        assertThatThrownBy(() -> StoragePaths.resolve(info, temp)).isInstanceOf(StorageException.class)
                .hasMessageContaining("would both be stored at " + temp.resolve("t/same"))
                .extracting(e -> ((StorageException) e).kind()).isEqualTo(StorageException.Kind.PATH_CONFLICT);
    }

    @Test
    void refusesAFileWhereAnotherNeedsAFolder() {
        TorrentInfo info = new TorrentInfo("t", 8, new byte[20], List.of(
                new TorrentFile(List.of("a"), 4, 0, false), new TorrentFile(List.of("a", "b"), 4, 4, false)), false, false);
        assertThatThrownBy(() -> StoragePaths.resolve(info, temp)).isInstanceOf(StorageException.class)
                .hasMessageContaining("file \"a\"").hasMessageContaining("is where the folder of \"a/b\" must be");
    }

    private static TorrentInfo info(String name, List<String> path) {
        return new TorrentInfo(name, 16, new byte[20], List.of(new TorrentFile(path, 10, 0, false)), false, false);
    }
}
