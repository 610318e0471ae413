package io.swarmplace.torrent.internal.choke;

/**
 * One connected peer as the choker sees it at a rechoke.
 *
 * @param peer the engine's key for the peer (stable equals/hashCode)
 * @param peerInterested the peer is interested in us (only those can take an upload slot)
 * @param weAreInterested we are interested in the peer (breaks download-rate ties while leeching:
 *     a peer we want something from can reciprocate)
 * @param downloadRate bytes per second we receive from the peer
 * @param uploadRate bytes per second we send to the peer
 * @param snubbed no block arrived from the peer for the snub timeout while we had requests out
 *     (see {@link SnubTracker})
 * @param connectedSinceNanos when the connection was made, on the choker's clock
 * @param seed the peer has every piece (it never needs an upload slot)
 * @param unchoked we currently unchoke the peer
 */
public record PeerChokeState<P>(
        P peer,
        boolean peerInterested,
        boolean weAreInterested,
        long downloadRate,
        long uploadRate,
        boolean snubbed,
        long connectedSinceNanos,
        boolean seed,
        boolean unchoked) {

    public PeerChokeState {
        if (peer == null) {
            throw new IllegalArgumentException("a choke state needs a peer key");
        }
        if (downloadRate < 0 || uploadRate < 0) {
            throw new IllegalArgumentException("negative rate for peer " + peer + ": down " + downloadRate + ", up " + uploadRate);
        }
    }
}
