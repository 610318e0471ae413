package io.swarmplace.torrent;

import io.swarmplace.torrent.metainfo.InfoHash;
import io.swarmplace.torrent.metainfo.Metainfo;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** The node's BitTorrent engine. */
public interface TorrentService {

    /**
     * Adds a torrent and starts it unless the request says paused. Adding an info-hash that is
     * already there returns the existing torrent.
     *
     * @throws io.swarmplace.torrent.metainfo.MetainfoException if the .torrent file or magnet link is malformed
     */
    Torrent add(AddTorrent request);

    /** The torrents in the order they were added. */
    List<Torrent> torrents();

    Optional<Torrent> find(InfoHash infoHash);

    /**
     * Hashes a file or a folder into a new torrent, off the caller's thread. The returned metainfo
     * can be written with {@link io.swarmplace.torrent.metainfo.MetainfoWriter} and added to seed.
     */
    CompletableFuture<Metainfo> create(Path content, CreateTorrent options);

    /** The address peers reach this engine on. */
    EngineStatus status();
}
