package io.swarmplace.plugins;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Installs and manages third-party plugins. Every operation is all-or-nothing: when it fails, the set
 * of installed bundles and their states is exactly what it was before the call.
 */
@ProviderType
public interface PluginManager {

    /**
     * Installs and starts a plugin and, for an index source, the dependencies it needs from that index.
     *
     * @return the installed plugin
     * @throws UntrustedPluginException if the plugin is not signed by a trusted key and the request
     *     does not give consent
     * @throws PluginException for every other failure (download, checksum, signature, resolution, start)
     */
    PluginInfo install(InstallRequest request) throws PluginException;

    /**
     * Replaces an installed plugin with the artifact the request names; the previous version keeps
     * running if the new one fails to download, resolve or start.
     */
    PluginInfo update(String name, InstallRequest request) throws PluginException;

    /** Stops and uninstalls a plugin and the dependencies installed for it that nothing else uses. */
    void remove(String name) throws PluginException;

    /** Starts a disabled plugin; the choice survives restarts. */
    PluginInfo enable(String name) throws PluginException;

    /** Stops a plugin without uninstalling it; the choice survives restarts. */
    PluginInfo disable(String name) throws PluginException;

    /** Every plugin: installed through this manager, or dropped into the hot-deploy folder. */
    List<PluginInfo> list();
}
