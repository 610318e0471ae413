/**
 * A BitTorrent tracker (BEP 3, 7, 15, 23, 48) serving HTTP and UDP announce and scrape: the
 * {@link io.swarmplace.tracker.Tracker} service shows where it listens and what its swarms hold.
 */
@Export
@Version("1.0.0")
package io.swarmplace.tracker;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
