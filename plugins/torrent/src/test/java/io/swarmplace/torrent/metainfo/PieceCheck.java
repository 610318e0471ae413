package io.swarmplace.torrent.metainfo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Recomputes piece hashes from files on disk, the simple sequential way, to check a torrent against its data. */
public final class PieceCheck {

    private PieceCheck() {}

    /**
     * The indexes of pieces whose SHA-1 over the data under {@code savePath} (the folder holding the
     * single file or the root folder) differs from the torrent's; empty when all pieces check.
     */
    public static List<Integer> badPieces(TorrentInfo info, Path savePath) throws IOException, NoSuchAlgorithmException {
        List<Integer> bad = new ArrayList<>();
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        byte[] piece = new byte[info.pieceLength()];
        int filled = 0;
        int index = 0;
        for (TorrentFile file : info.files()) {
            InputStream in = file.padding() ? InputStream.nullInputStream() : Files.newInputStream(location(info, file, savePath));
            try (in) {
                long left = file.length();
                while (left > 0) {
                    int want = (int) Math.min(left, piece.length - filled);
                    int read = file.padding() ? want : in.readNBytes(piece, filled, want);
                    if (file.padding()) {
                        Arrays.fill(piece, filled, filled + want, (byte) 0);
                    } else if (read != want) {
                        throw new IOException(file.displayPath() + " is shorter than " + file.length() + " bytes");
                    }
                    filled += want;
                    left -= want;
                    if (filled == piece.length) {
                        check(info, index++, sha1.digest(piece), bad);
                        filled = 0;
                    }
                }
            }
        }
        if (filled > 0) {
            sha1.update(piece, 0, filled);
            check(info, index++, sha1.digest(), bad);
        }
        if (index != info.pieceCount()) {
            throw new IOException("the data made " + index + " pieces, the torrent has " + info.pieceCount());
        }
        return bad;
    }

    private static Path location(TorrentInfo info, TorrentFile file, Path savePath) {
        Path path = info.singleFile() ? savePath : savePath.resolve(info.name());
        for (String component : file.path()) {
            path = path.resolve(component);
        }
        return path;
    }

    private static void check(TorrentInfo info, int index, byte[] hash, List<Integer> bad) {
        if (!Arrays.equals(hash, info.pieceHash(index))) {
            bad.add(index);
        }
    }
}
