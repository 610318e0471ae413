/**
 * Which blocks to request from which peer: availability, rarest-first, priorities, end-game, and the
 * record of who sent what (for bans after a hash failure).
 *
 * <p>Peers are opaque keys of a type parameter {@code P} chosen by the engine (its connection object
 * or an id); the only requirement is a stable {@code equals}/{@code hashCode}. Plain computation, no
 * I/O: the engine calls {@link io.swarmplace.torrent.internal.picker.PiecePicker} from the one event
 * loop that owns the torrent, so nothing here is thread-safe.
 */
package io.swarmplace.torrent.internal.picker;
