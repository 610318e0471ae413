package io.swarmplace.tracker.internal;

/** A peer as handed out in an announce reply. */
record PeerView(PeerAddress address, byte[] peerId) {}
