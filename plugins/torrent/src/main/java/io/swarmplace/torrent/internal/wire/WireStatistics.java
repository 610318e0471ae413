package io.swarmplace.torrent.internal.wire;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts what the wire layer dropped instead of failing a connection, so silent tolerance stays
 * visible. Thread-safe; one instance may be shared by every connection of an engine.
 */
public final class WireStatistics {

    private final LongAdder unknownMessages = new LongAdder();
    private final LongAdder unknownMetadataMessages = new LongAdder();
    private final LongAdder discardedPexPeers = new LongAdder();

    /** Messages with an id this codec does not know; BEP 3 says to ignore them. */
    public long unknownMessages() {
        return unknownMessages.sum();
    }

    /** ut_metadata messages with an unknown msg_type; BEP 9 says to ignore them. */
    public long unknownMetadataMessages() {
        return unknownMetadataMessages.sum();
    }

    /** PEX peers beyond the per-message limit, dropped. */
    public long discardedPexPeers() {
        return discardedPexPeers.sum();
    }

    void unknownMessage() {
        unknownMessages.increment();
    }

    void unknownMetadataMessage() {
        unknownMetadataMessages.increment();
    }

    void discardedPexPeers(int count) {
        discardedPexPeers.add(count);
    }
}
