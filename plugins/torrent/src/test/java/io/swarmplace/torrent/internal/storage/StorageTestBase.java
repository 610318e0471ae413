package io.swarmplace.torrent.internal.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A disk executor, a temp folder and bounded waits for storage tests. */
abstract class StorageTestBase {

    static final StorageOptions OPTIONS = StorageOptions.defaults().withReadCacheBytes(1024 * 1024);
    static final int DISK_THREADS = 3;

    @TempDir
    Path temp;

    ExecutorService disk;
    private final List<TorrentStorage> opened = new ArrayList<>();

    @BeforeEach
    void startDiskExecutor() {
        disk = Executors.newFixedThreadPool(DISK_THREADS, runnable -> {
            Thread thread = new Thread(runnable, "test-disk");
            thread.setDaemon(true);
            return thread;
        });
    }

    @AfterEach
    void stopDiskExecutor() throws Exception {
        for (TorrentStorage storage : opened) {
            storage.closeAsync().get(10, TimeUnit.SECONDS);
        }
        disk.shutdown();
        assertThat(disk.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    TorrentStorage open(TestTorrent torrent, Path folder) {
        return open(torrent, folder, OPTIONS, null);
    }

    TorrentStorage open(TestTorrent torrent, Path folder, StorageOptions options, Path resumeFile) {
        TorrentStorage storage = await(TorrentStorage.open(torrent.info, folder, options, disk, resumeFile));
        opened.add(storage);
        return storage;
    }

    /** Writes every piece and checks each verdict. */
    static void writeAll(TorrentStorage storage, TestTorrent torrent) {
        List<CompletableFuture<PieceVerdict>> writes = new ArrayList<>();
        for (int i = 0; i < torrent.pieceCount(); i++) {
            writes.add(storage.writePiece(i, torrent.piece(i)));
        }
        for (CompletableFuture<PieceVerdict> write : writes) {
            assertThat(await(write)).isEqualTo(PieceVerdict.VERIFIED);
        }
    }

    static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("the operation failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("the operation did not finish", e);
        }
    }

    static List<Integer> list(java.util.BitSet pieces) {
        return pieces.stream().boxed().toList();
    }

    /** The StorageException a future failed with. */
    static StorageException failure(CompletableFuture<?> future) {
        try {
            future.get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(StorageException.class);
            return (StorageException) e.getCause();
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("the operation did not finish", e);
        }
        return fail("expected the operation to fail, it succeeded");
    }
}
