/**
 * The node's TRON wallet as other bundles see it: addresses, tokens and exact amounts. Private keys
 * never cross this API.
 */
@Export
@Version("1.0.0")
package io.swarmplace.wallet;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
