/**
 * Who we upload to, and which peers we stop trusting.
 *
 * <p>{@link io.swarmplace.torrent.internal.choke.Choker} decides unchokes every 10 s from a snapshot;
 * {@link io.swarmplace.torrent.internal.choke.SnubTracker} notices peers that stopped sending;
 * {@link io.swarmplace.torrent.internal.choke.PeerReputation} turns hash failures into bans kept in a
 * {@link io.swarmplace.torrent.internal.choke.BanList}. Peers are opaque keys of a type parameter
 * {@code P} chosen by the engine (its connection object or an id): the only requirement is a stable
 * {@code equals}/{@code hashCode}. No I/O and no threads: the engine calls these from the event loop
 * that owns the torrent, so only {@code BanList}, which the accepting side also reads, is thread-safe.
 */
package io.swarmplace.torrent.internal.choke;
