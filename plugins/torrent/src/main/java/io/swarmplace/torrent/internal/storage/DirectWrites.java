package io.swarmplace.torrent.internal.storage;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Writes of verified pieces that bypass the page cache (O_DIRECT, as libtorrent's {@code disable_os_cache}).
 * A download of gigabytes otherwise fills the page cache with pages the kernel must first find and later
 * reclaim; on virtual machines that hand free memory back to their host, that costs more CPU than hashing
 * the pieces (docs/benchmarks.md). Direct writes need their file offset, length and buffer address to be
 * multiples of the file system's block size: {@link Channel#alignedPart} picks that part of a slice, the
 * caller writes the rest through the page cache, and the bytes travel through a {@link DirectWriteBuffers}
 * buffer. One instance per storage: the first file system that refuses direct writes turns them off for
 * the rest of the storage's life.
 */
final class DirectWrites {

    private static final Logger LOG = Logger.getLogger(DirectWrites.class.getName());
    /** Never align to less than a memory page, so a direct write never shares a page with a cached one. */
    private static final int MIN_ALIGNMENT = 4096;

    /** File offsets {@code [start, end)}. */
    record Range(long start, long end) {}

    /** A channel opened with O_DIRECT, and the alignment its writes need. */
    record Channel(FileChannel channel, int alignment) {
        /** The largest block-aligned range inside {@code [offset, offset + length)}; empty when it holds no whole block. */
        Optional<Range> alignedPart(long offset, int length) {
            long start = Math.floorDiv(offset + alignment - 1, alignment) * alignment;
            long end = Math.floorDiv(offset + length, alignment) * alignment;
            return end > start ? Optional.of(new Range(start, end)) : Optional.empty();
        }
    }

    private final DirectWriteBuffers buffers;
    private volatile boolean refused;

    private DirectWrites(DirectWriteBuffers buffers) {
        this.buffers = buffers;
    }

    /** Direct writes staged through {@code buffers}, or none when it is empty. */
    static DirectWrites through(Optional<DirectWriteBuffers> buffers) {
        return new DirectWrites(buffers.orElse(null));
    }

    static DirectWrites off() {
        return new DirectWrites(null);
    }

    /** Opens {@code path}, which exists, for direct writes; empty when they are off or its file system refuses them. */
    Optional<Channel> open(Path path) {
        if (buffers == null || refused) {
            return Optional.empty();
        }
        try {
            long blockSize = Files.getFileStore(path).getBlockSize();
            if (blockSize > DirectWriteBuffers.MAX_ALIGNMENT || Long.bitCount(blockSize) != 1) {
                refuse(path, "its block size " + blockSize + " is not a power of two up to " + DirectWriteBuffers.MAX_ALIGNMENT);
                return Optional.empty();
            }
            FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE, ExtendedOpenOption.DIRECT);
            return Optional.of(new Channel(channel, (int) Math.max(MIN_ALIGNMENT, blockSize)));
        } catch (IOException | UnsupportedOperationException e) {
            refuse(path, e.toString());
            return Optional.empty();
        }
    }

    /**
     * Writes {@code blocks} (a whole number of blocks) at {@code start} (a block boundary) past the page cache.
     *
     * @return false, having written nothing, when every staging buffer is in use
     */
    boolean write(Channel direct, ByteBuffer blocks, long start) throws IOException {
        Optional<ByteBuffer> borrowed = buffers.borrow();
        if (borrowed.isEmpty()) {
            return false;
        }
        ByteBuffer staging = borrowed.get();
        try {
            ByteBuffer source = blocks.duplicate();
            long position = start;
            while (source.hasRemaining()) {
                int chunk = Math.min(staging.capacity(), source.remaining());
                staging.clear();
                staging.put(source.slice(source.position(), chunk)).flip();
                source.position(source.position() + chunk);
                while (staging.hasRemaining()) {
                    position += direct.channel().write(staging, position);
                }
            }
            return true;
        } finally {
            buffers.giveBack(staging);
        }
    }

    /** Turns direct writes off after the file system failed one (it accepted the open but not the write). */
    void refuse(Path path, String reason) {
        if (!refused) {
            refused = true;
            LOG.info(() -> "Writes to " + path.getParent() + " go through the page cache: the file system does"
                    + " not take direct (O_DIRECT) writes: " + reason);
        }
    }
}
