/**
 * Torrent metadata as values: the info-hash, the info dictionary's layout of pieces over files, the
 * whole metainfo (.torrent) file with its trackers, and magnet links; {@link
 * io.swarmplace.torrent.metainfo.MetainfoReader} and {@link io.swarmplace.torrent.metainfo.MetainfoWriter}
 * between them and bytes. Everything here is immutable and safe to share between threads and bundles.
 */
@Export
@Version("1.0.0")
package io.swarmplace.torrent.metainfo;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
