/**
 * The BitTorrent engine as a service for other bundles: add torrents from a .torrent file or a magnet
 * link, pause, resume, remove, watch progress, rates and every peer's byte counts, and create torrents.
 * Events (metadata received, piece verified, completed, peer banned) reach every {@link
 * TorrentEventListener} registered as an OSGi service (the whiteboard pattern). The engine knows
 * nothing about tokens: the marketplace pays by the per-peer byte counts in {@link PeerStatus}.
 */
@Export
@Version("1.1.0")
package io.swarmplace.torrent;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
