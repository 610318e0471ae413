package io.swarmplace.torrent.internal.wire;

import io.swarmplace.torrent.metainfo.InfoHash;
import java.util.Optional;

/**
 * Answers an incoming handshake: the torrent this node serves under {@code infoHash}, if any. Called on
 * the connection's event loop, so it must answer from memory and never block.
 */
@FunctionalInterface
public interface TorrentLookup {

    Optional<LocalTorrent> find(InfoHash infoHash);
}
