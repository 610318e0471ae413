package io.swarmplace.torrent.internal.picker;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A piece with at least one block requested or received: who was asked for each block, who sent it. */
final class DownloadingPiece<P> {

    static final byte FREE = 0;
    static final byte REQUESTED = 1;
    static final byte RECEIVED = 2;

    final int piece;
    final byte[] state;
    private final List<List<P>> requesters;
    private final Object[] senders;
    private final Set<P> sentBy = new LinkedHashSet<>(4);
    int free;
    int received;

    DownloadingPiece(int piece, int blocks) {
        this.piece = piece;
        this.state = new byte[blocks];
        this.requesters = new ArrayList<>(blocks);
        for (int b = 0; b < blocks; b++) {
            requesters.add(null);
        }
        this.senders = new Object[blocks];
        this.free = blocks;
    }

    int blocks() {
        return state.length;
    }

    /** Peers with an outstanding request for block {@code b} (never null; do not modify). */
    List<P> requesters(int b) {
        List<P> list = requesters.get(b);
        return list == null ? List.of() : list;
    }

    void addRequester(int b, P peer) {
        List<P> list = requesters.get(b);
        if (list == null) {
            list = new ArrayList<>(2);
            requesters.set(b, list);
        }
        list.add(peer);
    }

    boolean removeRequester(int b, P peer) {
        List<P> list = requesters.get(b);
        return list != null && list.remove(peer);
    }

    /** Forgets every requester of block {@code b} and returns them. */
    List<P> takeRequesters(int b) {
        List<P> list = requesters.get(b);
        requesters.set(b, null);
        return list == null ? List.of() : list;
    }

    void received(int b, P sender) {
        senders[b] = sender;
        sentBy.add(sender);
    }

    @SuppressWarnings("unchecked")
    P sender(int b) {
        return (P) senders[b];
    }

    /** Whether {@code peer} sent a block of this piece. */
    boolean hasSent(P peer) {
        return sentBy.contains(peer);
    }

    /** The distinct peers that sent blocks, in block order. */
    Set<P> contributors() {
        Set<P> peers = new LinkedHashSet<>();
        for (int b = 0; b < state.length; b++) {
            if (senders[b] != null) {
                peers.add(sender(b));
            }
        }
        return peers;
    }
}
