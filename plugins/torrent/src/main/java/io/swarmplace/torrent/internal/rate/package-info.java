/**
 * Transfer rates and how many requests to keep in flight because of them.
 *
 * <p>Everything here is plain computation with an injected clock: no I/O, no threads. The engine
 * calls it from the event loop that owns the torrent, so the classes are not thread-safe.
 */
package io.swarmplace.torrent.internal.rate;
