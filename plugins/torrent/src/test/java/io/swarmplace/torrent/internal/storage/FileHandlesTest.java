package io.swarmplace.torrent.internal.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileHandlesTest {

    @TempDir
    Path temp;

    @Test
    void keepsAtMostTheLimitOpenLeastRecentlyUsedFirst() throws Exception {
        FileHandles handles = new FileHandles(2);
        for (int i = 0; i < 3; i++) {
            handles.acquire(i, temp.resolve("f" + i), true).close();
        }
        assertThat(handles.openIndexes()).containsExactly(1, 2);
        handles.acquire(1, temp.resolve("f1"), false).close();
        handles.acquire(0, temp.resolve("f0"), false).close();
        assertThat(handles.openIndexes()).containsExactly(1, 0);
    }

    @Test
    void aChannelEvictedWhileInUseStaysOpenUntilReleased() throws Exception {
        FileHandles handles = new FileHandles(1);
        FileHandles.Lease busy = handles.acquire(0, temp.resolve("a"), true);
        handles.acquire(1, temp.resolve("b"), true).close();
        assertThat(busy.channel().isOpen()).isTrue();
        busy.channel().write(ByteBuffer.wrap(new byte[] {1, 2, 3}), 10);
        busy.close();
        assertThat(busy.channel().isOpen()).isFalse();
        assertThat(Files.size(temp.resolve("a"))).isEqualTo(13);
    }

    @Test
    void readingDoesNotCreateAndWritingCreatesFoldersSparsely() throws Exception {
        FileHandles handles = new FileHandles(4);
        assertThatThrownBy(() -> handles.acquire(0, temp.resolve("x/y"), false)).isInstanceOf(NoSuchFileException.class);
        assertThat(temp.resolve("x")).doesNotExist();
        try (FileHandles.Lease lease = handles.acquire(0, temp.resolve("x/y"), true)) {
            lease.channel().write(ByteBuffer.wrap(new byte[] {7}), 1_000_000);
        }
        assertThat(Files.size(temp.resolve("x/y"))).isEqualTo(1_000_001);
    }

    @Test
    void aReadOnlyChannelIsReopenedForWriting() throws Exception {
        Files.write(temp.resolve("r"), new byte[4]);
        FileHandles handles = new FileHandles(4);
        FileHandles.Lease reading = handles.acquire(0, temp.resolve("r"), false);
        try (FileHandles.Lease writing = handles.acquire(0, temp.resolve("r"), true)) {
            writing.channel().write(ByteBuffer.wrap(new byte[] {5}), 0);
        }
        assertThat(reading.channel().isOpen()).as("still in use by the reader").isTrue();
        reading.close();
        assertThat(reading.channel().isOpen()).isFalse();
        assertThat(Files.readAllBytes(temp.resolve("r"))[0]).isEqualTo((byte) 5);
    }

    @Test
    void afterShutdownNothingOpens() {
        FileHandles handles = new FileHandles(4);
        handles.shutdown();
        assertThatThrownBy(() -> handles.acquire(0, temp.resolve("z"), true)).isInstanceOf(StorageException.class)
                .hasMessageContaining("closed");
        assertThat(temp.resolve("z")).doesNotExist();
    }
}
