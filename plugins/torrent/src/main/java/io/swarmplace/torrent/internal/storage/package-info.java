/**
 * The storage layer of the BitTorrent engine: pieces mapped onto files ({@link
 * io.swarmplace.torrent.internal.storage.PieceMap}), and one {@link
 * io.swarmplace.torrent.internal.storage.TorrentStorage} per torrent that hashes whole pieces in memory
 * before they touch the disk, serves blocks from a read cache of verified pieces, rechecks, moves and
 * deletes files, and saves resume data that lets a restart trust the pieces without re-hashing them.
 *
 * <p>Threading: every operation that reads, writes or hashes runs on the disk executor the engine passes
 * in and completes a future there; the engine hops back to its event loop itself. Snapshots ({@code
 * verifiedPieces}, {@code isComplete}, {@code stats}) touch only memory and may be called anywhere.
 *
 * <p>Crash safety: the disk never holds a piece marked verified that was not hashed first, and resume data
 * is written (temp file, fsync, rename) only after the files it describes were forced to disk, with each
 * file's size and modification time; a file that changed since makes its pieces untrusted.
 */
package io.swarmplace.torrent.internal.storage;
