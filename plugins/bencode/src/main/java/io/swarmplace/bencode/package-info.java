/**
 * Bencode (BEP 3): an immutable value model, a strict decoder with limits for hostile input and a
 * canonical encoder. Shared by the torrent engine, the tracker and the DHT.
 */
@Export
@Version("1.0.0")
package io.swarmplace.bencode;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
