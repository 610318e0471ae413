package io.swarmplace.torrent.internal.tracker;

import java.net.InetSocketAddress;

/**
 * A peer a tracker named.
 *
 * @param address where to dial it (unresolved if the tracker gave a DNS name)
 * @param source "tracker:" and the tracker's URL without its query, for peer lists and diagnostics
 */
public record TrackerPeer(InetSocketAddress address, String source) {}
