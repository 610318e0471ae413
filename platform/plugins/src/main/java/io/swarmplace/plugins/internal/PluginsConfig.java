package io.swarmplace.plugins.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the plugin manager, PID {@value FrameworkPluginManager#PID}. */
@ObjectClassDefinition(
        id = FrameworkPluginManager.PID,
        name = "Swarmplace plugin manager",
        description = "How plugins are downloaded and installed")
public @interface PluginsConfig {

    @AttributeDefinition(name = "Download timeout (seconds)", description = "Connect and read timeout for plugin and index downloads", min = "1")
    int download_timeout_seconds() default 30;

    @AttributeDefinition(name = "Maximum artifact size (MiB)", description = "Larger jars and indexes are refused", min = "1")
    int max_artifact_size_mib() default 256;

    @AttributeDefinition(name = "Refresh timeout (seconds)", description = "How long to wait for the framework to rewire bundles after a change", min = "1")
    int refresh_timeout_seconds() default 30;
}
