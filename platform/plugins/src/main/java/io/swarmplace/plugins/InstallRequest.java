package io.swarmplace.plugins;

import java.util.Objects;
import java.util.Optional;

/**
 * What to install: a jar (a local path or an http(s)/file URL), or a named resource of an OSGi
 * repository index (the index URL in {@code source}, the plugin's symbolic name in {@code
 * resourceName}, optionally a version range).
 *
 * @param source a path or URL of a jar, or the URL/path of a repository index
 * @param resourceName the symbolic name to install from the index; empty for a plain jar
 * @param versionRange an OSGi version range the index resource must match; empty for the highest
 * @param trust consent to install a plugin that is not signed by a trusted key
 */
public record InstallRequest(
        String source, Optional<String> resourceName, Optional<String> versionRange, boolean trust) {

    public InstallRequest {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(resourceName, "resourceName");
        Objects.requireNonNull(versionRange, "versionRange");
        if (source.isBlank()) {
            throw new IllegalArgumentException("a plugin source (jar path, URL or index) is required");
        }
    }

    /** A jar at a local path or URL. */
    public static InstallRequest jar(String source, boolean trust) {
        return new InstallRequest(source, Optional.empty(), Optional.empty(), trust);
    }

    /** The resource {@code name} (highest version in {@code versionRange}, if given) of an index. */
    public static InstallRequest fromIndex(
            String indexUrl, String name, Optional<String> versionRange, boolean trust) {
        return new InstallRequest(indexUrl, Optional.of(name), versionRange, trust);
    }

    public boolean isIndex() {
        return resourceName.isPresent();
    }
}
