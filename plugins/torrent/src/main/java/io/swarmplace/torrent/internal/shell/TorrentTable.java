package io.swarmplace.torrent.internal.shell;

import io.swarmplace.torrent.TorrentStatus;
import java.util.List;
import java.util.Locale;

/** The torrent listing and the detail view. */
final class TorrentTable {

    private static final String ROW = "%3s  %-8s  %-17s  %6s  %10s  %11s  %11s  %5s  %7s  %s%n";

    private TorrentTable() {}

    static String format(List<TorrentStatus> torrents) {
        if (torrents.isEmpty()) {
            return "No torrents. Add one with torrent:add <file.torrent|magnet:...>";
        }
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, ROW,
                "#", "HASH", "STATE", "DONE", "SIZE", "DOWN", "UP", "PEERS", "ETA", "NAME"));
        int number = 1;
        for (TorrentStatus status : torrents) {
            out.append(String.format(Locale.ROOT, ROW,
                    number++,
                    status.infoHash().hex().substring(0, 8),
                    state(status),
                    Units.percent(status.progress()),
                    Units.bytes(status.wantedBytes()),
                    Units.rate(status.downloadRate()),
                    Units.rate(status.uploadRate()),
                    status.connectedPeers(),
                    status.eta().map(Units::duration).orElse("-"),
                    status.name()));
        }
        return out.toString().stripTrailing();
    }

    static String details(TorrentStatus status) {
        StringBuilder out = new StringBuilder();
        line(out, "name", status.name());
        line(out, "info-hash", status.infoHash().hex());
        line(out, "state", state(status) + status.error().map(e -> ": " + e).orElse(""));
        line(out, "progress", Units.percent(status.progress()) + " (" + Units.bytes(status.verifiedBytes()) + " of "
                + Units.bytes(status.wantedBytes()) + ", " + status.verifiedPieces() + "/" + status.pieceCount() + " pieces)");
        line(out, "rates", "down " + Units.rate(status.downloadRate()) + ", up " + Units.rate(status.uploadRate()));
        line(out, "transferred", "down " + Units.bytes(status.downloadedBytes()) + ", up " + Units.bytes(status.uploadedBytes())
                + ", wasted " + Units.bytes(status.wastedBytes()));
        line(out, "peers", status.connectedPeers() + " (" + status.connectedSeeds() + " seeds)");
        line(out, "eta", status.eta().map(Units::duration).orElse("-"));
        line(out, "saving to", status.saveFolder().toString());
        return out.toString();
    }

    private static String state(TorrentStatus status) {
        return status.state().name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static void line(StringBuilder out, String label, String value) {
        out.append(String.format(Locale.ROOT, "%-12s %s%n", label, value));
    }
}
