/**
 * The node as a whole: whether every core component is up, what is wrong if not, and where its data
 * lives.
 */
@Export
@Version("1.1.0")
package io.swarmplace.node;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
