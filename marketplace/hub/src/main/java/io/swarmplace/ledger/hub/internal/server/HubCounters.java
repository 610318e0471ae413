package io.swarmplace.ledger.hub.internal.server;

import java.util.concurrent.atomic.LongAdder;

/** Requests answered and refused since the server started. */
final class HubCounters {

    private final LongAdder answered = new LongAdder();
    private final LongAdder refused = new LongAdder();

    void answered() {
        answered.increment();
    }

    void refused() {
        refused.increment();
    }

    long requests() {
        return answered.sum() + refused.sum();
    }

    long refusals() {
        return refused.sum();
    }
}
