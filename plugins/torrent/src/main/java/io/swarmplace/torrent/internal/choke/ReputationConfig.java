package io.swarmplace.torrent.internal.choke;

/**
 * Trust points, as libtorrent keeps them per peer.
 *
 * @param maxTrust trust never rises above this (so a long good record cannot buy many bad pieces)
 * @param gainPerVerifiedPiece added for each verified piece the peer contributed to
 * @param lossPerSharedFailure taken for each failed piece the peer contributed to along with others
 * @param banAtOrBelow the peer is banned once its trust is at or below this
 * @param maxTrackedAddresses addresses remembered; beyond it the least recently touched are forgotten
 */
public record ReputationConfig(
        int maxTrust, int gainPerVerifiedPiece, int lossPerSharedFailure, int banAtOrBelow, int maxTrackedAddresses) {

    /** libtorrent's figures: +1 per good piece up to 8, -2 per shared failure, banned at -7. */
    public static final ReputationConfig DEFAULTS = new ReputationConfig(8, 1, 2, -7, 10_000);

    public ReputationConfig {
        if (gainPerVerifiedPiece < 0 || lossPerSharedFailure <= 0) {
            throw new IllegalArgumentException("trust gain must be >= 0 and loss > 0, got +" + gainPerVerifiedPiece + " / -" + lossPerSharedFailure);
        }
        if (banAtOrBelow >= 0 || maxTrust < 0) {
            throw new IllegalArgumentException("ban threshold must be negative and max trust >= 0, got " + banAtOrBelow + " and " + maxTrust);
        }
        if (maxTrackedAddresses < 1) {
            throw new IllegalArgumentException("must track at least one address, got " + maxTrackedAddresses);
        }
    }
}
