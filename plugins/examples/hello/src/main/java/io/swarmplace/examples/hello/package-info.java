/** API of the hello example plugin. */
@Export
@Version("1.0.0")
package io.swarmplace.examples.hello;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
