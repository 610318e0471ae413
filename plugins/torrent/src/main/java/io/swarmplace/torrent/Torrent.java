package io.swarmplace.torrent;

import io.swarmplace.torrent.metainfo.InfoHash;
import io.swarmplace.torrent.metainfo.Metainfo;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** One torrent in the engine. Every method is safe to call from any thread. */
public interface Torrent {

    InfoHash infoHash();

    /** Empty until a magnet link's metadata has arrived. */
    Optional<Metainfo> metainfo();

    TorrentStatus status();

    /** Every connected peer with what we exchanged with it. */
    List<PeerStatus> peers();

    void pause();

    void resume();

    /** Stops the torrent and forgets it; with {@code deleteData} its files are deleted too. */
    CompletableFuture<Void> remove(boolean deleteData);

    /** Hashes everything on disk again; completes with the number of verified pieces. */
    CompletableFuture<Integer> recheck();

    /** Moves the downloaded files to another folder, keeping what was verified. */
    CompletableFuture<Void> moveStorage(Path folder);

    void setSequential(boolean sequential);

    /** Dials a peer now (counts as a manually added peer). */
    void connect(InetSocketAddress peer);

    /** Per-torrent limits in bytes per second; 0 means unlimited. */
    void setRateLimits(long downloadBytesPerSecond, long uploadBytesPerSecond);
}
