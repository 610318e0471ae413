package io.swarmplace.torrent.internal.tracker;

/** What an announce reports about this client's transfer of a torrent, in bytes since it was started. */
public record TransferTotals(long uploaded, long downloaded, long left) {

    public TransferTotals {
        if (uploaded < 0 || downloaded < 0 || left < 0) {
            throw new IllegalArgumentException("transfer totals cannot be negative: " + uploaded + "/" + downloaded + "/" + left);
        }
    }
}
