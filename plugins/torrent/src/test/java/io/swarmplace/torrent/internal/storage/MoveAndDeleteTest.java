package io.swarmplace.torrent.internal.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class MoveAndDeleteTest extends StorageTestBase {

    private final TestTorrent torrent = TorrentStorageTest.album();

    @Test
    void movedFilesAreReadFromTheNewFolderAndStayVerified() throws Exception {
        Path from = temp.resolve("incoming");
        Path to = temp.resolve("library");
        TorrentStorage storage = open(torrent, from);
        writeAll(storage, torrent);
        FileTime mtime = Files.getLastModifiedTime(from.resolve("album/cover.jpg"));

        await(storage.moveTo(to));

        assertThat(storage.root()).isEqualTo(to.resolve("album"));
        assertThat(storage.isComplete()).isTrue();
        assertThat(from.resolve("album")).as("the old folders are removed").doesNotExist();
        assertThat(from).as("the download folder itself stays").exists();
        assertThat(Files.readAllBytes(to.resolve("album/cd2/02.flac"))).isEqualTo(torrent.fileBytes(6));
        assertThat(to.resolve("album/cd1/empty.txt")).exists();
        assertThat(Files.getLastModifiedTime(to.resolve("album/cover.jpg"))).isEqualTo(mtime);
        assertThat(TorrentStorageTest.bytes(await(storage.readBlock(10, 0, 5000)))).isEqualTo(torrent.range(10 * 65536, 5000));
        // Not from the cache: a fresh read of every piece from the new place.
        assertThat(await(storage.recheck(ProgressListener.NONE)).cardinality()).isEqualTo(torrent.pieceCount());
    }

    @Test
    void aPartialDownloadMovesWhatExistsAndKeepsWritingAtTheNewPlace() throws Exception {
        TorrentStorage storage = open(torrent, temp.resolve("a"));
        await(storage.writePiece(0, torrent.piece(0)));
        await(storage.moveTo(temp.resolve("b")));
        await(storage.writePiece(1, torrent.piece(1)));
        assertThat(temp.resolve("a/album")).doesNotExist();
        assertThat(Files.readAllBytes(temp.resolve("b/album/cd1/01.flac"))).startsWith(torrent.range(0, 2 * 65536));
    }

    @Test
    void aFileAlreadyAtTheTargetStopsTheMoveBeforeAnythingMoves() throws Exception {
        Path from = temp.resolve("incoming");
        Path to = temp.resolve("library");
        TorrentStorage storage = open(torrent, from);
        writeAll(storage, torrent);
        Files.createDirectories(to.resolve("album/cd2"));
        Files.writeString(to.resolve("album/cd2/02.flac"), "someone else's");

        StorageException error = failure(storage.moveTo(to));

        assertThat(error.kind()).isEqualTo(StorageException.Kind.ALREADY_EXISTS);
        assertThat(error).hasMessageContaining(to.resolve("album/cd2/02.flac") + ": a file is already there; nothing was moved");
        assertThat(storage.root()).isEqualTo(from.resolve("album"));
        assertThat(Files.readString(to.resolve("album/cd2/02.flac"))).isEqualTo("someone else's");
        assertThat(listFiles(to)).containsExactly(to.resolve("album/cd2/02.flac"));
        assertThat(await(storage.recheck(ProgressListener.NONE)).cardinality()).isEqualTo(torrent.pieceCount());
    }

    @Test
    void aMoveThatCannotCreateItsFoldersLeavesEverythingInPlace() throws Exception {
        Path from = temp.resolve("incoming");
        TorrentStorage storage = open(torrent, from);
        writeAll(storage, torrent);
        Path blocked = temp.resolve("library");
        Files.createDirectories(blocked.resolve("album"));
        Files.writeString(blocked.resolve("album/cd2"), "a file where a folder must go");

        StorageException error = failure(storage.moveTo(blocked));

        assertThat(error).hasMessageContaining("the files were left where they were");
        assertThat(storage.root()).isEqualTo(from.resolve("album"));
        assertThat(listFiles(from)).hasSize(10);
        assertThat(blocked.resolve("album/cd1")).as("folders made before the failure are removed again").doesNotExist();
        assertThat(await(storage.recheck(ProgressListener.NONE)).cardinality()).isEqualTo(torrent.pieceCount());
    }

    @Test
    void movesAcrossFileSystemsByCopying() throws Exception {
        Path shm = Path.of("/dev/shm");
        assumeThat(Files.isDirectory(shm) && Files.isWritable(shm)).as("/dev/shm is writable").isTrue();
        assumeThat(Files.getFileStore(shm)).as("/dev/shm is another file system")
                .isNotEqualTo(Files.getFileStore(temp));
        Path to = Files.createTempDirectory(shm, "swarmplace-move-");
        try {
            TorrentStorage storage = open(torrent, temp.resolve("incoming"));
            writeAll(storage, torrent);
            FileTime mtime = Files.getLastModifiedTime(temp.resolve("incoming/album/z-last"));

            await(storage.moveTo(to));

            assertThat(temp.resolve("incoming/album")).doesNotExist();
            assertThat(Files.readAllBytes(to.resolve("album/cd1/03.flac"))).isEqualTo(torrent.fileBytes(3));
            assertThat(Files.getLastModifiedTime(to.resolve("album/z-last"))).isEqualTo(mtime);
            assertThat(await(storage.recheck(ProgressListener.NONE)).cardinality()).isEqualTo(torrent.pieceCount());
        } finally {
            try (Stream<Path> paths = Files.walk(to)) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    @Test
    void deleteRemovesOnlyTheTorrentsFilesAndTheFoldersLeftEmpty() throws Exception {
        Path folder = temp.resolve("downloads");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("other-download.iso"), "not ours");
        TorrentStorage storage = open(torrent, folder);
        writeAll(storage, torrent);
        Files.writeString(folder.resolve("album/cd2/my-notes.txt"), "the user's own file");

        await(storage.deleteFiles());

        assertThat(listFiles(folder)).containsExactlyInAnyOrder(
                folder.resolve("other-download.iso"), folder.resolve("album/cd2/my-notes.txt"));
        assertThat(folder.resolve("album/cd1")).doesNotExist();
        assertThat(folder.resolve("album/cd2/nested")).doesNotExist();
        assertThat(storage.verifiedPieces().isEmpty()).isTrue();
        assertThat(failure(storage.readBlock(0, 0, 10)).kind()).isEqualTo(StorageException.Kind.PIECE_NOT_AVAILABLE);
    }

    @Test
    void deletingASingleFileTorrentKeepsTheFolder() throws Exception {
        TestTorrent single = TestTorrent.singleFile("movie.mkv", 32 * 1024, 100_000, 4);
        TorrentStorage storage = open(single, temp);
        writeAll(storage, single);
        await(storage.deleteFiles());
        assertThat(temp).isEmptyDirectory();
    }

    @Test
    void deletingWhatWasNeverWrittenIsFine() {
        TorrentStorage storage = open(torrent, temp.resolve("nothing"));
        await(storage.deleteFiles());
        assertThat(temp.resolve("nothing")).doesNotExist();
    }

    private static List<Path> listFiles(Path folder) throws Exception {
        if (!Files.exists(folder)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            return new ArrayList<>(paths.filter(Files::isRegularFile).toList());
        }
    }
}
