package io.swarmplace.torrent.internal.wire;

import java.net.InetSocketAddress;

/** A peer announced as added in a PEX message. */
public record PexPeer(InetSocketAddress address, PexFlags flags) {}
