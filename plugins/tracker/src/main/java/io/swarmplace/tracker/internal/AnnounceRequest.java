package io.swarmplace.tracker.internal;

/**
 * One announce, from HTTP or UDP, already checked.
 *
 * @param numWant peers wanted; negative means the tracker's default
 */
record AnnounceRequest(
        InfoHashKey infoHash,
        byte[] peerId,
        PeerAddress peer,
        long uploaded,
        long downloaded,
        long left,
        AnnounceEvent event,
        int numWant) {

    boolean isSeeder() {
        return left == 0;
    }
}
