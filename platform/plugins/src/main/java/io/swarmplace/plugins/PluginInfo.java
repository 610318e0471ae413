package io.swarmplace.plugins;

import java.util.List;

/**
 * One installed plugin as {@link PluginManager#list()} reports it.
 *
 * @param name the bundle symbolic name
 * @param version the bundle version
 * @param state what the plugin is doing now
 * @param source where it came from: a path, a URL, "index-url#name", or "hot-deploy:file"
 * @param trust why it is allowed to run
 * @param dependencies symbolic names of the bundles installed with it from an index
 * @param bundleId the framework's bundle id
 */
public record PluginInfo(
        String name,
        String version,
        PluginState state,
        String source,
        Trust trust,
        List<String> dependencies,
        long bundleId) {

    public PluginInfo {
        dependencies = List.copyOf(dependencies);
    }
}
