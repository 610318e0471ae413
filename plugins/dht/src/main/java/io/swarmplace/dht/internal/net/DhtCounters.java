package io.swarmplace.dht.internal.net;

import io.swarmplace.dht.DropReason;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Datagram counters of one node; written on its event loop, read from any thread. */
public final class DhtCounters {

    private final LongAdder in = new LongAdder();
    private final LongAdder out = new LongAdder();
    private final Map<DropReason, LongAdder> dropped = new EnumMap<>(DropReason.class);

    public DhtCounters() {
        for (DropReason reason : DropReason.values()) {
            dropped.put(reason, new LongAdder());
        }
    }

    public void received() {
        in.increment();
    }

    public void sent() {
        out.increment();
    }

    public void dropped(DropReason reason) {
        dropped.get(reason).increment();
    }

    public long messagesIn() {
        return in.sum();
    }

    public long messagesOut() {
        return out.sum();
    }

    public long droppedFor(DropReason reason) {
        return dropped.get(reason).sum();
    }

    /** Every reason with its count. */
    public Map<DropReason, Long> droppedByReason() {
        Map<DropReason, Long> snapshot = new EnumMap<>(DropReason.class);
        dropped.forEach((reason, count) -> snapshot.put(reason, count.sum()));
        return snapshot;
    }
}
