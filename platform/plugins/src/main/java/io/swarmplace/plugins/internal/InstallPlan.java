package io.swarmplace.plugins.internal;

import java.util.List;

/**
 * Everything one install or update will put into the framework.
 *
 * @param plugin the plugin the user asked for
 * @param dependencies bundles from an index it needs that are not installed yet
 * @param source how the registry and the listing name the plugin's origin
 */
record InstallPlan(Artifact plugin, List<Artifact> dependencies, String source) {

    InstallPlan {
        dependencies = List.copyOf(dependencies);
    }
}
