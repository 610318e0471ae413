package io.swarmplace.torrent.internal.storage;

import java.util.Objects;
import java.util.Optional;

/**
 * Tuning of one torrent's storage.
 *
 * @param maxOpenFiles file handles kept open at once (least recently used are closed first)
 * @param readCache verified whole pieces kept in memory to serve uploads; the engine shares one among its
 *     torrents
 * @param hashParallelism pieces hashed at once by a recheck; memory used is this times the piece length
 * @param directWrites when present, verified pieces are written past the page cache (O_DIRECT) through
 *     these buffers, where the file system allows it
 */
public record StorageOptions(int maxOpenFiles, ReadCache readCache, int hashParallelism,
        Optional<DirectWriteBuffers> directWrites) {

    public static final int DEFAULT_MAX_OPEN_FILES = 32;
    public static final long DEFAULT_READ_CACHE_BYTES = 32L * 1024 * 1024;
    public static final int DEFAULT_HASH_PARALLELISM = 2;

    public StorageOptions {
        if (maxOpenFiles < 1) {
            throw new IllegalArgumentException("maxOpenFiles must be at least 1, was " + maxOpenFiles);
        }
        Objects.requireNonNull(readCache, "readCache");
        Objects.requireNonNull(directWrites, "directWrites");
        if (hashParallelism < 1) {
            throw new IllegalArgumentException("hashParallelism must be at least 1, was " + hashParallelism);
        }
    }

    /** Defaults, with a read cache of {@value #DEFAULT_READ_CACHE_BYTES} bytes for this storage alone. */
    public static StorageOptions defaults() {
        return new StorageOptions(DEFAULT_MAX_OPEN_FILES, new ReadCache(DEFAULT_READ_CACHE_BYTES), DEFAULT_HASH_PARALLELISM,
                Optional.empty());
    }

    public StorageOptions withMaxOpenFiles(int files) {
        return new StorageOptions(files, readCache, hashParallelism, directWrites);
    }

    /** A read cache of {@code bytes} for this storage alone (0: none). */
    public StorageOptions withReadCacheBytes(long bytes) {
        return withReadCache(new ReadCache(bytes));
    }

    /** Serves uploads through {@code cache}, which may be shared with other storages. */
    public StorageOptions withReadCache(ReadCache cache) {
        return new StorageOptions(maxOpenFiles, cache, hashParallelism, directWrites);
    }

    public StorageOptions withHashParallelism(int pieces) {
        return new StorageOptions(maxOpenFiles, readCache, pieces, directWrites);
    }

    /** Direct writes through {@code buffers} (shared by the engine's torrents); none when empty. */
    public StorageOptions withDirectWrites(Optional<DirectWriteBuffers> buffers) {
        return new StorageOptions(maxOpenFiles, readCache, hashParallelism, buffers);
    }
}
