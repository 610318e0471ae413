package io.swarmplace.torrent.internal.picker;

/** A request of ours that another peer already answered: send {@code peer} a CANCEL for {@code block}. */
public record Cancel<P>(P peer, BlockRequest block) {
}
