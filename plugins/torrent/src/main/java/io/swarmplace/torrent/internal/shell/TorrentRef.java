package io.swarmplace.torrent.internal.shell;

import io.swarmplace.torrent.Torrent;
import io.swarmplace.torrent.TorrentService;
import java.util.List;
import java.util.Locale;

/** Finds the torrent a user means: full info-hash, a unique hex prefix of 4+ digits, or a list number. */
final class TorrentRef {

    private static final int MIN_PREFIX = 4;

    private TorrentRef() {}

    static Torrent resolve(TorrentService engine, String reference) {
        String text = reference.strip().toLowerCase(Locale.ROOT);
        List<Torrent> torrents = engine.torrents();
        if (text.matches("\\d{1,3}")) {
            int number = Integer.parseInt(text);
            if (number >= 1 && number <= torrents.size()) {
                return torrents.get(number - 1);
            }
        }
        if (!text.matches("[0-9a-f]{" + MIN_PREFIX + ",40}")) {
            throw new IllegalArgumentException("'" + reference + "' is neither a torrent number from torrent:list nor"
                    + " an info-hash (or its first " + MIN_PREFIX + "+ hex digits)");
        }
        List<Torrent> matches = torrents.stream().filter(t -> t.infoHash().hex().startsWith(text)).toList();
        if (matches.isEmpty()) {
            throw new IllegalArgumentException("no torrent with info-hash " + text + (text.length() < 40 ? "..." : ""));
        }
        if (matches.size() > 1) {
            throw new IllegalArgumentException("'" + text + "' matches " + matches.size() + " torrents; give more digits");
        }
        return matches.get(0);
    }
}
