package io.swarmplace.torrent.internal.storage;

import java.util.Objects;
import java.util.Optional;

/**
 * Tuning of one torrent's storage.
 *
 * @param maxOpenFiles file handles kept open at once (least recently used are closed first)
 * @param readCacheBytes bytes of verified whole pieces kept in memory to serve uploads; 0 disables it
 * @param hashParallelism pieces hashed at once by a recheck; memory used is this times the piece length
 * @param directWrites when present, verified pieces are written past the page cache (O_DIRECT) through
 *     these buffers, where the file system allows it
 */
public record StorageOptions(int maxOpenFiles, long readCacheBytes, int hashParallelism,
        Optional<DirectWriteBuffers> directWrites) {

    public static final int DEFAULT_MAX_OPEN_FILES = 32;
    public static final long DEFAULT_READ_CACHE_BYTES = 32L * 1024 * 1024;
    public static final int DEFAULT_HASH_PARALLELISM = 2;

    public StorageOptions {
        if (maxOpenFiles < 1) {
            throw new IllegalArgumentException("maxOpenFiles must be at least 1, was " + maxOpenFiles);
        }
        if (readCacheBytes < 0) {
            throw new IllegalArgumentException("readCacheBytes must not be negative, was " + readCacheBytes);
        }
        Objects.requireNonNull(directWrites, "directWrites");
        if (hashParallelism < 1) {
            throw new IllegalArgumentException("hashParallelism must be at least 1, was " + hashParallelism);
        }
    }

    public static StorageOptions defaults() {
        return new StorageOptions(DEFAULT_MAX_OPEN_FILES, DEFAULT_READ_CACHE_BYTES, DEFAULT_HASH_PARALLELISM, Optional.empty());
    }

    public StorageOptions withMaxOpenFiles(int files) {
        return new StorageOptions(files, readCacheBytes, hashParallelism, directWrites);
    }

    public StorageOptions withReadCacheBytes(long bytes) {
        return new StorageOptions(maxOpenFiles, bytes, hashParallelism, directWrites);
    }

    public StorageOptions withHashParallelism(int pieces) {
        return new StorageOptions(maxOpenFiles, readCacheBytes, pieces, directWrites);
    }

    /** Direct writes through {@code buffers} (shared by the engine's torrents); none when empty. */
    public StorageOptions withDirectWrites(Optional<DirectWriteBuffers> buffers) {
        return new StorageOptions(maxOpenFiles, readCacheBytes, hashParallelism, buffers);
    }
}
