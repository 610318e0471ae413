package io.swarmplace.plugins.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where plugin state lives: {@code <data>/plugins/} with the registry, stored jars, trust and downloads. */
public record PluginDirectories(Path root) {

    public static final String DATA_PROPERTY = "swarmplace.data";

    public static PluginDirectories under(String dataDirectory) {
        if (dataDirectory == null || dataDirectory.isBlank()) {
            throw new IllegalStateException("the framework property " + DATA_PROPERTY
                    + " is not set; start the node with the Swarmplace launcher");
        }
        return new PluginDirectories(Path.of(dataDirectory).toAbsolutePath().resolve("plugins"));
    }

    public Path registryFile() {
        return root.resolve("registry.json");
    }

    public Path store() {
        return created(root.resolve("store"));
    }

    public Path trust() {
        return created(root.resolve("trust"));
    }

    public Path tmp() {
        return created(root.resolve("tmp"));
    }

    /** The kept copy of an installed jar, by its SHA-256. */
    public Path storedJar(String sha256) {
        return store().resolve(sha256 + ".jar");
    }

    private static Path created(Path directory) {
        try {
            return Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
    }
}
