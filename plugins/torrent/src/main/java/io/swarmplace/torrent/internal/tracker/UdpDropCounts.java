package io.swarmplace.torrent.internal.tracker;

/**
 * Datagrams the UDP tracker client did not accept, since it was opened.
 *
 * @param tooShort shorter than the 8-byte header every answer has
 * @param unsolicited not an answer to a pending request: unknown transaction id, or from another address
 *     than the request went to
 * @param malformed the answer to a pending request, but not a valid one (wrong action, too short for its
 *     kind); the request fails with a {@link TrackerResponseException}
 */
public record UdpDropCounts(long tooShort, long unsolicited, long malformed) {

    public long total() {
        return tooShort + unsolicited + malformed;
    }
}
