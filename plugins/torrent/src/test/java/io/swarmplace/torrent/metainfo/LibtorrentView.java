package io.swarmplace.torrent.metainfo;

import io.swarmplace.testing.peers.LibtorrentPeer;
import java.util.List;

/** Our reading of a torrent in the form libtorrent reports it ({@link LibtorrentPeer#torrentView}), to compare the two. */
public final class LibtorrentView {

    private LibtorrentView() {}

    /** The files as libtorrent lists them: paths below the torrent's name in a multi-file torrent, padding marked. */
    public static List<LibtorrentPeer.FileEntry> filesOf(Metainfo metainfo) {
        TorrentInfo info = metainfo.info();
        return info.files().stream()
                .map(file -> new LibtorrentPeer.FileEntry(info.singleFile() ? file.displayPath() : info.name() + "/" + file.displayPath(),
                        file.length(), file.padding()))
                .toList();
    }
}
