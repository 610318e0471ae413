package io.swarmplace.torrent.internal.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A small pool of open file channels, least recently used closed first, so a torrent of thousands of
 * files does not exhaust the process's file descriptors. A channel in use when it is evicted stays open
 * until its last user releases it, so positional reads and writes on other threads never see it closed.
 *
 * <p>With direct writes on, a file being written also gets a second channel that bypasses the page cache
 * (see {@link DirectWrites}); the first file system that refuses one turns them off for the pool.
 */
final class FileHandles {

    private static final Set<OpenOption> READ = Set.of(StandardOpenOption.READ);
    private static final Set<OpenOption> WRITE = Set.of(
            StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.CREATE, StandardOpenOption.SPARSE);

    /** A channel borrowed from the pool; close it to give it back. */
    interface Lease extends AutoCloseable {
        FileChannel channel();

        /** The file's page-cache-bypassing channel, opened on first use; empty when direct writes are off. */
        Optional<DirectWrites.Channel> direct();

        @Override
        void close();
    }

    private static final class Handle {
        final FileChannel channel;
        final boolean writable;
        DirectWrites.Channel direct;
        int users;
        boolean retired;

        Handle(FileChannel channel, boolean writable) {
            this.channel = channel;
            this.writable = writable;
        }
    }

    private final int maxOpen;
    private final DirectWrites directWrites;
    private final LinkedHashMap<Integer, Handle> open = new LinkedHashMap<>(16, 0.75f, true);
    private boolean closed;

    /** A pool that writes through the page cache only. */
    FileHandles(int maxOpen) {
        this(maxOpen, DirectWrites.off());
    }

    FileHandles(int maxOpen, DirectWrites directWrites) {
        this.maxOpen = maxOpen;
        this.directWrites = directWrites;
    }

    /**
     * Borrows a channel on file {@code index} at {@code path}. For writing, missing parent folders and
     * the file itself are created (sparse: nothing is preallocated).
     *
     * @throws IOException from the file system, e.g. NoSuchFileException when reading a missing file
     */
    synchronized Lease acquire(int index, Path path, boolean write) throws IOException {
        if (closed) {
            throw new StorageException(StorageException.Kind.CLOSED, "the storage of " + path + " is closed");
        }
        Handle handle = open.get(index);
        if (handle != null && write && !handle.writable) {
            open.remove(index);
            retire(handle);
            handle = null;
        }
        if (handle == null) {
            while (open.size() >= maxOpen) {
                Iterator<Map.Entry<Integer, Handle>> eldest = open.entrySet().iterator();
                Handle evicted = eldest.next().getValue();
                eldest.remove();
                retire(evicted);
            }
            if (write) {
                Files.createDirectories(path.getParent());
            }
            handle = new Handle(FileChannel.open(path, write ? WRITE : READ), write);
            open.put(index, handle);
        }
        handle.users++;
        Handle leased = handle;
        return new Lease() {
            private boolean released;

            @Override
            public FileChannel channel() {
                return leased.channel;
            }

            @Override
            public Optional<DirectWrites.Channel> direct() {
                return leased.writable ? directChannel(leased, path) : Optional.empty();
            }

            @Override
            public void close() {
                if (!released) {
                    released = true;
                    release(leased);
                }
            }
        };
    }

    synchronized int openCount() {
        return open.size();
    }

    /** Closes every channel not in use now and the rest as they are released. */
    synchronized void closeAll() {
        for (Handle handle : open.values()) {
            retire(handle);
        }
        open.clear();
    }

    /** Like {@link #closeAll()}, and refuses every later acquire. */
    synchronized void shutdown() {
        closed = true;
        closeAll();
    }

    /** Indexes of the files open now, for tests and stats. */
    synchronized List<Integer> openIndexes() {
        return new ArrayList<>(open.keySet());
    }

    private synchronized Optional<DirectWrites.Channel> directChannel(Handle handle, Path path) {
        if (handle.direct == null && !handle.retired) {
            handle.direct = directWrites.open(path).orElse(null);
        }
        return Optional.ofNullable(handle.direct);
    }

    private synchronized void release(Handle handle) {
        handle.users--;
        if (handle.retired && handle.users == 0) {
            closeQuietly(handle);
        }
    }

    private void retire(Handle handle) {
        handle.retired = true;
        if (handle.users == 0) {
            closeQuietly(handle);
        }
    }

    private static void closeQuietly(Handle handle) {
        try (FileChannel direct = handle.direct == null ? null : handle.direct.channel()) {
            handle.channel.close();
        } catch (IOException e) {
            // Nothing was pending: writes that matter are forced before resume data claims them.
        }
    }
}
