package io.swarmplace.torrent.metainfo;

import io.swarmplace.bencode.BString;

/** Text fields of a torrent. */
final class Text {

    private Text() {}

    /**
     * The string as UTF-8. Old torrents carry names in other encodings (with a "name.utf-8" beside them
     * when the creator knew better); such bytes become U+FFFD rather than failing the torrent, since the
     * info-hash is computed over the bytes and not over this text.
     */
    static String of(BString string) {
        return string.utf8();
    }
}
