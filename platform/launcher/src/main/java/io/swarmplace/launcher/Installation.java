package io.swarmplace.launcher;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where things live. The installation (bin/, conf/, bundles/, plugins/) is read-only code and
 * settings; the data directory holds everything the node writes: framework cache, configuration,
 * plugin state, logs.
 *
 * @param home the unpacked distribution
 * @param dataDirectory the node's state
 */
public record Installation(Path home, Path dataDirectory) {

    /** Environment variable that overrides the default data directory. */
    public static final String DATA_ENV = "SWARMPLACE_DATA";
    /** System property set by bin/swarmplace to the distribution's folder. */
    public static final String HOME_PROPERTY = "swarmplace.home";

    /**
     * Resolves the data directory: the {@code --data-dir} flag, else {@value #DATA_ENV}, else
     * {@code ~/.swarmplace}.
     */
    public static Installation resolve(Path dataDirectoryFlag) {
        String home = System.getProperty(HOME_PROPERTY);
        Path homePath = Path.of(home == null ? "." : home).toAbsolutePath().normalize();
        Path data;
        if (dataDirectoryFlag != null) {
            data = dataDirectoryFlag;
        } else if (System.getenv(DATA_ENV) != null && !System.getenv(DATA_ENV).isBlank()) {
            data = Path.of(System.getenv(DATA_ENV));
        } else {
            data = Path.of(System.getProperty("user.home"), ".swarmplace");
        }
        return new Installation(homePath, data.toAbsolutePath().normalize());
    }

    public Path conf() {
        return home.resolve("conf");
    }

    public Path coreBundles() {
        return home.resolve("bundles");
    }

    public Path hotDeploy() {
        return home.resolve("plugins");
    }

    public Path log() {
        return dataDirectory.resolve("log");
    }

    /** Fails with a message a user can act on if this is not an unpacked distribution. */
    public void requireDistribution() {
        if (!Files.isDirectory(coreBundles())) {
            throw new UserError("No bundles/ folder in " + home
                    + ": run Swarmplace through bin/swarmplace of an unpacked distribution"
                    + " (build one with ./mvnw -DskipTests package; it lands in dist/target/).");
        }
    }
}
