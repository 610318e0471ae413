package io.swarmplace.torrent.internal.engine;

import io.swarmplace.torrent.metainfo.InfoHash;
import java.nio.file.Path;
import java.util.Optional;

/** A torrent as the state store keeps it between runs. */
record SavedTorrent(InfoHash infoHash, Optional<byte[]> torrentFile, Optional<String> magnetLink, Settings settings) {

    /** What the user chose for it. */
    record Settings(long addedOrder, Path saveFolder, boolean paused, boolean sequential) {}
}
