/** A TRON-compatible development chain: start one, mint devnet TRX and BTT, point Trident at it. */
@Export
@Version("0.2.0")
package io.swarmplace.tron.devnet;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
