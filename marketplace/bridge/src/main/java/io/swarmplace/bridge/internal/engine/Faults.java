package io.swarmplace.bridge.internal.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Stops the engine at one {@link FaultPoint}, once, and keeps it stopped. It leaves a file
 * {@code crashed-<POINT>} in the bridge's folder so that a test knows the crash happened.
 */
final class Faults {

    private final Optional<FaultPoint> armed;
    private final boolean hang;
    private final Path folder;
    private volatile boolean crashed;

    /**
     * @param hang at the point, stop and wait to be killed (a test then kills the JVM with SIGKILL) instead
     *     of throwing
     */
    Faults(Optional<FaultPoint> armed, boolean hang, Path folder) {
        this.armed = armed;
        this.hang = hang;
        this.folder = folder;
    }

    void at(FaultPoint point) {
        requireAlive();
        if (armed.isPresent() && armed.get() == point) {
            crashed = true;
            try {
                Files.writeString(folder.resolve("crashed-" + point), point.name());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            while (hang) {
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            throw new SimulatedCrash(point);
        }
    }

    void requireAlive() {
        if (crashed) {
            throw new IllegalStateException("the bridge stopped at a simulated crash; restart it");
        }
    }
}
