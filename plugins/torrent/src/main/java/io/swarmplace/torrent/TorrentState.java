package io.swarmplace.torrent;

/** Where a torrent is in its life. */
public enum TorrentState {
    /** Verifying data on disk (added with existing files, resumed after a change, or a recheck). */
    CHECKING,
    /** A magnet link waiting for the info dictionary from peers. */
    FETCHING_METADATA,
    DOWNLOADING,
    SEEDING,
    PAUSED,
    /** Stopped by an error it cannot recover from alone (disk full, permission); see the message. */
    ERROR
}
