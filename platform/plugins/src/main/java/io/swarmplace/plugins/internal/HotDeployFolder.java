package io.swarmplace.plugins.internal;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import org.osgi.framework.Bundle;

/**
 * Recognises bundles Felix FileInstall installed from the hot-deploy folder. FileInstall uses the
 * file's URI or plain path as the bundle location, so that is where the file is found.
 */
public final class HotDeployFolder {

    public static final String PROPERTY = "swarmplace.hotdeploy.dir";

    private final Optional<Path> folder;

    public HotDeployFolder(String folder) {
        this.folder = folder == null || folder.isBlank() ? Optional.empty() : Optional.of(normalize(Path.of(folder)));
    }

    /** The deployed file of {@code bundle}, if it came from the folder. */
    public Optional<Path> fileOf(Bundle bundle) {
        if (folder.isEmpty()) {
            return Optional.empty();
        }
        return pathOf(bundle.getLocation()).filter(path -> path.startsWith(folder.get()));
    }

    private static Optional<Path> pathOf(String location) {
        try {
            if (location.startsWith("file:")) {
                return Optional.of(normalize(Path.of(URI.create(location))));
            }
            if (location.contains(":") && !Path.of(location).isAbsolute()) {
                return Optional.empty();
            }
            return Optional.of(normalize(Path.of(location)));
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            return Optional.empty();
        }
    }

    private static Path normalize(Path path) {
        return path.toAbsolutePath().normalize();
    }
}
