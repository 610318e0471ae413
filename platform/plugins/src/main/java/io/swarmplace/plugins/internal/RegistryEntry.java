package io.swarmplace.plugins.internal;

import io.swarmplace.plugins.Trust;
import java.util.List;

/**
 * What the node remembers about an installed plugin beyond what the framework knows.
 *
 * @param name the bundle symbolic name
 * @param bundleId the framework's id of the bundle
 * @param location the bundle location the plugin was installed under
 * @param source where it came from, as shown to the user
 * @param trust why it may run
 * @param sha256 digest of the installed jar, also its file name in the store
 * @param dependencies bundles installed from an index for it
 */
public record RegistryEntry(
        String name, long bundleId, String location, String source, Trust trust, String sha256, List<Dependency> dependencies) {

    public RegistryEntry {
        dependencies = dependencies == null ? List.of() : List.copyOf(dependencies);
    }

    public List<String> dependencyNames() {
        return dependencies.stream().map(Dependency::name).toList();
    }

    /** A bundle installed from an index because the plugin needs it. */
    public record Dependency(String name, long bundleId, String location, String sha256) {}
}
