/**
 * Plugin lifecycle for the Swarmplace platform: install (from a jar, an http(s) URL or an OSGi
 * repository index), update, remove, enable, disable and list plugins, all-or-nothing, with trust
 * decided by jar signatures and explicit consent.
 */
@Export
@Version("1.0.0")
package io.swarmplace.plugins;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
