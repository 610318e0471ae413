/**
 * Netty codecs for the control channel's newline-delimited JSON, shared by the node's server and the
 * {@code bin/swarmplace} client.
 */
@Export
@Version("1.0.0")
package io.swarmplace.control.codec;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
