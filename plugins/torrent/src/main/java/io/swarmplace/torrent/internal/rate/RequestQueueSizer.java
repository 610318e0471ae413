package io.swarmplace.torrent.internal.rate;

import java.time.Duration;

/**
 * How many 16 KiB block requests to keep outstanding with one peer.
 *
 * <p>Enough requests must be in flight to cover the round trip, or the peer's upload idles while it
 * waits for our next request. Like libtorrent we keep {@code target} seconds of the peer's current
 * download rate queued ({@code rate × 3 s / 16 KiB}), bounded to {@code [min, max]} (2..2000, as many as libtorrent's fast seeders accept), and
 * never more than the peer said it will queue ({@code reqq} in its BEP 10 extension handshake):
 * requests beyond that are dropped silently by many clients and then time out. When the peer gave no
 * {@code reqq} we assume 250, libtorrent's default. A snubbed peer gets one request at a time, so a
 * stalled peer does not sit on blocks that faster peers could deliver.
 *
 * <p>Immutable and therefore thread-safe.
 */
public final class RequestQueueSizer {

    public static final int BLOCK_SIZE = 16 * 1024;
    public static final int DEFAULT_MIN = 2;
    public static final int DEFAULT_MAX = 2000;
    public static final int DEFAULT_PEER_REQQ = 250;
    public static final Duration DEFAULT_TARGET = Duration.ofSeconds(3);

    private final int min;
    private final int max;
    private final int assumedPeerReqq;
    private final long targetMillis;

    public RequestQueueSizer() {
        this(DEFAULT_MIN, DEFAULT_MAX, DEFAULT_PEER_REQQ, DEFAULT_TARGET);
    }

    public RequestQueueSizer(int min, int max, int assumedPeerReqq, Duration target) {
        if (min < 1 || max < min) {
            throw new IllegalArgumentException("request queue bounds must satisfy 1 <= min <= max, got " + min + ".." + max);
        }
        if (assumedPeerReqq < 1) {
            throw new IllegalArgumentException("assumed peer reqq must be positive, got " + assumedPeerReqq);
        }
        if (target.isNegative() || target.isZero()) {
            throw new IllegalArgumentException("request queue target time must be positive, got " + target);
        }
        this.min = min;
        this.max = max;
        this.assumedPeerReqq = assumedPeerReqq;
        this.targetMillis = target.toMillis();
    }

    /**
     * @param downloadRate bytes per second we currently receive from the peer
     * @param peerReqq the peer's {@code reqq} from its extension handshake, or 0 or less if it sent none
     * @param snubbed whether the peer is snubbing us
     * @return the number of requests to keep outstanding, at least 1
     */
    public int queueSize(long downloadRate, int peerReqq, boolean snubbed) {
        if (snubbed) {
            return 1;
        }
        double wanted = Math.max(0, downloadRate) * (targetMillis / 1000d) / BLOCK_SIZE;
        int bounded = (int) Math.max(min, Math.min(max, wanted));
        int peerLimit = peerReqq > 0 ? peerReqq : assumedPeerReqq;
        return Math.max(1, Math.min(bounded, peerLimit));
    }

    /** {@link #queueSize(long, int, boolean)} for a peer that is not snubbing us. */
    public int queueSize(long downloadRate, int peerReqq) {
        return queueSize(downloadRate, peerReqq, false);
    }
}
