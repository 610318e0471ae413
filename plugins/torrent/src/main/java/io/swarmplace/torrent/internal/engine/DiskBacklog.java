package io.swarmplace.torrent.internal.engine;

/**
 * Bytes of whole pieces handed to storage (to hash and write) and not finished yet. Peers can deliver
 * faster than the disk threads hash and write, on a busy machine or a slow disk; unbounded, the pieces
 * wait in memory until the heap runs out (a 1 GiB download from a fast seeder under -Xmx256m did).
 * Above {@code highBytes} the torrent stops reading from its peers, so TCP slows the senders down;
 * once the backlog drains below {@code lowBytes} it reads again. Touched only on the torrent's loop.
 */
final class DiskBacklog {

    static final long DEFAULT_HIGH_BYTES = 32L * 1024 * 1024;
    static final long DEFAULT_LOW_BYTES = 16L * 1024 * 1024;

    private final long highBytes;
    private final long lowBytes;
    private long bytes;
    private boolean paused;

    DiskBacklog(long highBytes, long lowBytes) {
        if (lowBytes < 0 || highBytes < lowBytes) {
            throw new IllegalArgumentException("disk backlog bounds must satisfy 0 <= low <= high, got " + lowBytes + ".." + highBytes);
        }
        this.highBytes = highBytes;
        this.lowBytes = lowBytes;
    }

    /** A piece went to storage; true when this is the one that must pause reading. */
    boolean added(long pieceBytes) {
        bytes += pieceBytes;
        if (!paused && bytes > highBytes) {
            paused = true;
            return true;
        }
        return false;
    }

    /** Storage finished a piece; true when reading may resume now. */
    boolean finished(long pieceBytes) {
        bytes = Math.max(0, bytes - pieceBytes);
        if (paused && bytes <= lowBytes) {
            paused = false;
            return true;
        }
        return false;
    }

    boolean paused() {
        return paused;
    }

    long bytes() {
        return bytes;
    }
}
