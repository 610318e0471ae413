package io.swarmplace.torrent.internal.storage;

import io.swarmplace.torrent.metainfo.TorrentFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.BitSet;
import java.util.concurrent.TimeUnit;

/** Size and modification time of files on disk, and which pieces they can back. */
final class FileStates {

    private FileStates() {}

    /**
     * The state of the file at {@code path}; ABSENT for a padding file (null path), a missing file or
     * something that is not a regular file.
     */
    static ResumeData.FileState of(Path path) throws IOException {
        if (path == null) {
            return ResumeData.FileState.ABSENT;
        }
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            if (!attributes.isRegularFile()) {
                return ResumeData.FileState.ABSENT;
            }
            return new ResumeData.FileState(attributes.size(), attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS));
        } catch (NoSuchFileException e) {
            return ResumeData.FileState.ABSENT;
        }
    }

    /**
     * Adds to {@code into} the pieces of file {@code index} that a file of {@code state} cannot hold:
     * all of them when it is absent, those past its end when it is short (files grow sparse as pieces
     * arrive, so a short file is normal while downloading).
     */
    static void addUnbacked(PieceMap map, int index, ResumeData.FileState state, BitSet into) {
        TorrentFile file = map.info().files().get(index);
        if (file.padding() || file.length() == 0) {
            return;
        }
        long backed = state.exists() ? Math.min(state.size(), file.length()) : 0;
        if (backed == file.length()) {
            return;
        }
        int pieceLength = map.info().pieceLength();
        int first = (int) ((file.offset() + backed) / pieceLength);
        int last = (int) ((file.end() - 1) / pieceLength);
        into.set(first, last + 1);
    }

    /** Adds every piece holding a byte of file {@code index}. */
    static void addAll(PieceMap map, int index, BitSet into) {
        int[] range = map.piecesOf(index);
        if (range.length == 2) {
            into.set(range[0], range[1] + 1);
        }
    }
}
