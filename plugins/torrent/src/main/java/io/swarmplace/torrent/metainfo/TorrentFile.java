package io.swarmplace.torrent.metainfo;

import java.util.List;

/**
 * One file of a torrent as laid out in the concatenated byte stream that pieces are cut from.
 *
 * @param path path components below the torrent's root folder (for a single-file torrent: just the
 *     name); each component is validated so that it cannot leave the download folder
 * @param length size in bytes
 * @param offset where the file starts in the torrent's byte stream
 * @param padding true for a BEP 47 padding file (attr "p"): its bytes are zeros and are never written to disk
 * @param executable BEP 47 attr "x": the file should be marked executable on disk
 * @param hidden BEP 47 attr "h": the file should be hidden where the file system can
 */
public record TorrentFile(
        List<String> path, long length, long offset, boolean padding, boolean executable, boolean hidden) {

    /** A file without the executable and hidden attributes. */
    public TorrentFile(List<String> path, long length, long offset, boolean padding) {
        this(path, length, offset, padding, false, false);
    }

    public TorrentFile {
        path = List.copyOf(path);
        if (path.isEmpty()) {
            throw new IllegalArgumentException("a file needs a path");
        }
        if (length < 0 || offset < 0) {
            throw new IllegalArgumentException("negative length or offset for " + path);
        }
    }

    /** The path joined with '/', for display. */
    public String displayPath() {
        return String.join("/", path);
    }

    /** First byte after this file in the torrent's byte stream. */
    public long end() {
        return offset + length;
    }
}
