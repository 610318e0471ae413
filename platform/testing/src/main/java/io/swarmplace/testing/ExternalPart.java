package io.swarmplace.testing;

import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The project's rule for tests that need something outside the JVM (a PostgreSQL server, a real
 * BitTorrent client, a command-line tool): when it is missing the test is skipped with a message that
 * names it, unless {@value #REQUIRED_ENV}=required, under which it fails. CI sets that, so nothing is
 * ever skipped silently there.
 */
public final class ExternalPart {

    public static final String REQUIRED_ENV = "SWARMPLACE_IT";

    private ExternalPart() {}

    /**
     * Skips or fails the calling test if {@code present} says the part is missing.
     *
     * @param name what is needed, e.g. "PostgreSQL at 127.0.0.1:5432"
     * @param howToGet how a developer gets it, e.g. "apt-get install postgresql"
     */
    public static void require(String name, String howToGet, BooleanSupplier present) {
        if (present.getAsBoolean()) {
            return;
        }
        String message = name + " is not available (" + howToGet + ")";
        if (isRequired()) {
            Assertions.fail(message + "; " + REQUIRED_ENV + "=required makes this a failure");
        }
        Assumptions.abort(message + "; skipping (set " + REQUIRED_ENV + "=required to fail instead)");
    }

    /** True under {@value #REQUIRED_ENV}=required. */
    public static boolean isRequired() {
        return "required".equalsIgnoreCase(System.getenv(REQUIRED_ENV));
    }

    /** True if {@code command} is an executable on the PATH. */
    public static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String directory : path.split(java.io.File.pathSeparator)) {
            if (java.nio.file.Files.isExecutable(java.nio.file.Path.of(directory, command))) {
                return true;
            }
        }
        return false;
    }
}
