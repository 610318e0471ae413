package io.swarmplace.torrent.internal.picker;

import io.swarmplace.torrent.metainfo.TorrentFile;
import java.util.List;

/** Turns file priorities into piece priorities. */
public final class PiecePriorities {

    private PiecePriorities() {
    }

    /**
     * A piece takes the highest priority of the files it overlaps, so a piece shared by a wanted and
     * an unwanted file is still downloaded (the wanted file cannot be completed without it). Padding
     * files (BEP 47) and empty files overlap nothing.
     *
     * @param files the torrent's files in stream order
     * @param filePriorities one priority 0..7 per file
     * @return one priority per piece, for {@link PiecePicker#setPiecePriorities}
     */
    public static int[] fromFiles(List<TorrentFile> files, int[] filePriorities, int pieceLength, int pieceCount) {
        if (filePriorities.length != files.size()) {
            throw new IllegalArgumentException("expected " + files.size() + " file priorities, got " + filePriorities.length);
        }
        if (pieceLength <= 0) {
            throw new IllegalArgumentException("piece length must be positive: " + pieceLength);
        }
        int[] pieces = new int[pieceCount];
        for (int f = 0; f < files.size(); f++) {
            TorrentFile file = files.get(f);
            int filePriority = filePriorities[f];
            if (filePriority < 0 || filePriority > PiecePicker.MAX_PRIORITY) {
                throw new IllegalArgumentException("priority of file " + file.displayPath() + " must be 0.."
                        + PiecePicker.MAX_PRIORITY + ", got " + filePriority);
            }
            if (file.padding() || file.length() == 0) {
                continue;
            }
            long first = file.offset() / pieceLength;
            long last = (file.end() - 1) / pieceLength;
            if (last >= pieceCount) {
                throw new IllegalArgumentException("file " + file.displayPath() + " ends in piece " + last
                        + ", beyond the torrent's " + pieceCount + " pieces");
            }
            for (int piece = (int) first; piece <= last; piece++) {
                pieces[piece] = Math.max(pieces[piece], filePriority);
            }
        }
        return pieces;
    }
}
