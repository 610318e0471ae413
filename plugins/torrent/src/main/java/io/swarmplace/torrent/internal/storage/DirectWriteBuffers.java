package io.swarmplace.torrent.internal.storage;

import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Block-aligned native buffers through which verified pieces reach direct (O_DIRECT) writes: pieces arrive
 * in heap arrays, and the JDK's own aligned staging buffers cannot be used (on Java 17 freeing one from its
 * per-thread cache fails). One pool per engine, shared by its torrents, at most one buffer per disk thread:
 * {@value #BYTES} bytes each, allocated on first use and kept.
 */
public final class DirectWriteBuffers {

    /** Bytes staged per direct write: large enough that the device sees few, big writes. */
    static final int BYTES = 1 << 20;
    /** The largest block alignment the buffers can serve; file systems that need more get cached writes. */
    static final int MAX_ALIGNMENT = 64 * 1024;

    private final int maxBuffers;
    private final ConcurrentLinkedDeque<ByteBuffer> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger allocated = new AtomicInteger();

    /** @param maxBuffers how many writes may be staged at once: the number of disk threads */
    public DirectWriteBuffers(int maxBuffers) {
        if (maxBuffers < 1) {
            throw new IllegalArgumentException("maxBuffers must be at least 1, was " + maxBuffers);
        }
        this.maxBuffers = maxBuffers;
    }

    /**
     * A cleared buffer of {@link #BYTES} bytes at an address aligned to {@link #MAX_ALIGNMENT} (so to every
     * smaller power of two); empty when all are in use.
     */
    Optional<ByteBuffer> borrow() {
        ByteBuffer buffer = idle.pollFirst();
        if (buffer == null) {
            if (allocated.incrementAndGet() > maxBuffers) {
                allocated.decrementAndGet();
                return Optional.empty();
            }
            buffer = ByteBuffer.allocateDirect(BYTES + MAX_ALIGNMENT).alignedSlice(MAX_ALIGNMENT).limit(BYTES).slice();
        }
        return Optional.of(buffer.clear());
    }

    /** Gives back a buffer from {@link #borrow}. */
    void giveBack(ByteBuffer aligned) {
        idle.addFirst(aligned);
    }

    /** Buffers allocated so far, for tests. */
    int allocated() {
        return allocated.get();
    }
}
