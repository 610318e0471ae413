package io.swarmplace.torrent.internal.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The translation of what the JDK reports into messages and kinds a user can act on. */
class StorageExceptionTest {

    private final Path file = Path.of("/data/album/cd1/01.flac");

    @Test
    void diskFull() {
        StorageException e = StorageException.of("write piece 7 to", file, new IOException("No space left on device"));
        assertThat(e.kind()).isEqualTo(StorageException.Kind.DISK_FULL);
        assertThat(e).hasMessage("cannot write piece 7 to /data/album/cd1/01.flac: the disk is full (No space left on device)");
        assertThat(e.file()).contains(file);
        assertThat(StorageException.of("write", file, new IOException("Disk quota exceeded")).kind())
                .isEqualTo(StorageException.Kind.DISK_FULL);
    }

    @Test
    void permissionDenied() {
        StorageException e = StorageException.of("open", file, new AccessDeniedException(file.toString()));
        assertThat(e.kind()).isEqualTo(StorageException.Kind.PERMISSION_DENIED);
        assertThat(e).hasMessage("cannot open /data/album/cd1/01.flac: permission denied");
        assertThat(StorageException.of("write", file, new FileSystemException(file.toString(), null, "Read-only file system")).kind())
                .isEqualTo(StorageException.Kind.PERMISSION_DENIED);
    }

    @Test
    void aMissingParentIsNamed() {
        StorageException e = StorageException.of("read", file, new NoSuchFileException("/data/album"));
        assertThat(e.kind()).isEqualTo(StorageException.Kind.FILE_NOT_FOUND);
        assertThat(e).hasMessage("cannot read /data/album/cd1/01.flac: no such file or folder (at /data/album)");
    }

    @Test
    void notADirectory() {
        StorageException e = StorageException.of("write", file, new FileSystemException("/data/album/cd1", null, "Not a directory"));
        assertThat(e.kind()).isEqualTo(StorageException.Kind.PATH_CONFLICT);
        assertThat(e).hasMessage("cannot write /data/album/cd1/01.flac: Not a directory (at /data/album/cd1)");
    }

    @Test
    void theCauseIsFoundBehindTheFuturesWrapping() {
        StorageException cause = new StorageException(StorageException.Kind.CLOSED, "closed");
        assertThat(StorageException.causeOf(cause)).containsSame(cause);
        assertThat(StorageException.causeOf(new java.util.concurrent.CompletionException(cause))).containsSame(cause);
        assertThat(StorageException.causeOf(new java.util.concurrent.ExecutionException(cause))).containsSame(cause);
        assertThat(StorageException.causeOf(new IllegalStateException(cause))).isEmpty();
        assertThat(StorageException.causeOf(new java.util.concurrent.CompletionException(new IOException("x")))).isEmpty();
    }

    @Test
    void anythingElseKeepsTheSystemsReason() {
        StorageException e = StorageException.of("read", file, new IOException("Input/output error"));
        assertThat(e.kind()).isEqualTo(StorageException.Kind.IO_ERROR);
        assertThat(e).hasMessage("cannot read /data/album/cd1/01.flac: Input/output error").hasCauseInstanceOf(IOException.class);
    }
}
