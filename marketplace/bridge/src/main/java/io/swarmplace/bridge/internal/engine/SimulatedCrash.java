package io.swarmplace.bridge.internal.engine;

/** Thrown at a configured {@link FaultPoint}: from then on the engine does nothing, as if the process died. */
public final class SimulatedCrash extends RuntimeException {

    private static final long serialVersionUID = 1L;

    SimulatedCrash(FaultPoint point) {
        super("simulated crash at " + point + " (configured by faultPoint; remove it and restart the bridge)");
    }
}
