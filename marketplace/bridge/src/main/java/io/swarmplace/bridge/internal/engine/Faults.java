package io.swarmplace.bridge.internal.engine;

import java.util.Optional;

/** Stops the engine at one {@link FaultPoint}, once, and keeps it stopped. */
final class Faults {

    private final Optional<FaultPoint> armed;
    private volatile boolean crashed;

    Faults(Optional<FaultPoint> armed) {
        this.armed = armed;
    }

    void at(FaultPoint point) {
        requireAlive();
        if (armed.isPresent() && armed.get() == point) {
            crashed = true;
            throw new SimulatedCrash(point);
        }
    }

    void requireAlive() {
        if (crashed) {
            throw new IllegalStateException("the bridge stopped at a simulated crash; restart it");
        }
    }
}
