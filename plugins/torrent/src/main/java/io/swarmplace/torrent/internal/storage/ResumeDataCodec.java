package io.swarmplace.torrent.internal.storage;

import io.swarmplace.bencode.BDictionary;
import io.swarmplace.bencode.BInteger;
import io.swarmplace.bencode.BList;
import io.swarmplace.bencode.BString;
import io.swarmplace.bencode.BValue;
import io.swarmplace.bencode.BencodeDecoder;
import io.swarmplace.bencode.BencodeEncoder;
import io.swarmplace.bencode.BencodeException;
import io.swarmplace.bencode.DecodeLimits;
import io.swarmplace.torrent.metainfo.TorrentInfo;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.List;

/**
 * Resume data as canonical bencode:
 *
 * <pre>
 * d
 *   11:file-format  17:swarmplace-resume
 *   12:file-version i1e
 *   5:files         l d 8:mtime-ns i...e 4:size i...e e ... e   (size -1: no file)
 *   11:piece-count  i...e
 *   6:pieces        bitfield (BEP 3 order)
 *   9:save-path     UTF-8 path of the download folder
 *   10:torrent-id   20 bytes
 * e
 * </pre>
 *
 * Decoding is strict: anything missing, of the wrong type, or not matching the torrent is refused.
 */
final class ResumeDataCodec {

    static final String FORMAT = "swarmplace-resume";
    static final long VERSION = 1;

    private ResumeDataCodec() {}

    static byte[] encode(ResumeData data) {
        List<BValue> files = new ArrayList<>(data.files().size());
        for (ResumeData.FileState file : data.files()) {
            files.add(BDictionary.builder()
                    .put("size", file.size())
                    .put("mtime-ns", file.modifiedNanos())
                    .build());
        }
        BDictionary document = BDictionary.builder()
                .put("file-format", FORMAT)
                .put("file-version", VERSION)
                .put("torrent-id", data.torrentId())
                .put("piece-count", data.pieceCount())
                .put("pieces", Bitfields.toBytes(data.verifiedPieces(), data.pieceCount()))
                .put("files", new BList(files))
                .put("save-path", data.savePath().toString())
                .build();
        return new BencodeEncoder().encode(document);
    }

    /** Largest resume document the torrent can have, with generous room for the save path. */
    static int maxLength(TorrentInfo info) {
        long length = 64 * 1024 + info.pieceCount() / 8 + 96L * info.files().size();
        return (int) Math.min(Integer.MAX_VALUE - 8, length);
    }

    /**
     * @param source the file the bytes came from, for messages
     * @throws ResumeDataException naming what is wrong
     */
    static ResumeData decode(byte[] bytes, TorrentInfo info, Path source) {
        BValue value;
        try {
            DecodeLimits limits = DecodeLimits.defaults()
                    .withMaxInputLength(maxLength(info))
                    .withMaxDepth(4)
                    // Each file entry is a dictionary of two keys and two integers: five items.
                    .withMaxItems(64 + 5 * info.files().size());
            value = new BencodeDecoder(limits).decode(bytes);
        } catch (BencodeException e) {
            String what = bytes.length == 0 ? "it is empty" : "it is truncated or not canonical bencode";
            throw new ResumeDataException(source, what + " (" + e.getMessage() + ")", e);
        }
        if (!(value instanceof BDictionary document)) {
            throw new ResumeDataException(source, "it is a bencoded " + value.typeName() + ", not a dictionary");
        }
        String format = string(document, "file-format", source).utf8();
        if (!FORMAT.equals(format)) {
            throw new ResumeDataException(source, "its file-format is \"" + format + "\", not \"" + FORMAT + "\"");
        }
        long version = integer(document, "file-version", source);
        if (version != VERSION) {
            throw new ResumeDataException(source, "its file-version is " + version + "; this node reads version " + VERSION);
        }
        byte[] torrentId = string(document, "torrent-id", source).bytes();
        byte[] expectedId = ResumeData.torrentIdOf(info);
        if (!MessageDigest.isEqual(torrentId, expectedId)) {
            throw new ResumeDataException(source, "it belongs to another torrent (torrent-id "
                    + HexFormat.of().formatHex(torrentId) + ", this torrent's is " + HexFormat.of().formatHex(expectedId) + ")");
        }
        long pieceCount = integer(document, "piece-count", source);
        if (pieceCount != info.pieceCount()) {
            throw new ResumeDataException(source, "it has " + pieceCount + " pieces, the torrent " + info.pieceCount());
        }
        BitSet pieces;
        try {
            pieces = Bitfields.fromBytes(string(document, "pieces", source).bytes(), info.pieceCount());
        } catch (IllegalArgumentException e) {
            throw new ResumeDataException(source, "its pieces bitfield is malformed: " + e.getMessage(), e);
        }
        List<ResumeData.FileState> files = files(document, info, source);
        String savePath = string(document, "save-path", source).strictUtf8()
                .orElseThrow(() -> new ResumeDataException(source, "its save-path is not UTF-8"));
        Path folder;
        try {
            folder = Path.of(savePath);
        } catch (InvalidPathException e) {
            throw new ResumeDataException(source, "its save-path is not a path here: " + e.getReason(), e);
        }
        return new ResumeData(torrentId, info.pieceCount(), pieces, files, folder);
    }

    private static List<ResumeData.FileState> files(BDictionary document, TorrentInfo info, Path source) {
        BValue value = member(document, "files", source);
        if (!(value instanceof BList list)) {
            throw new ResumeDataException(source, "its files entry is a " + value.typeName() + ", not a list");
        }
        if (list.size() != info.files().size()) {
            throw new ResumeDataException(source,
                    "it describes " + list.size() + " files, the torrent has " + info.files().size());
        }
        List<ResumeData.FileState> files = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof BDictionary entry)) {
                throw new ResumeDataException(source, "file entry " + i + " is not a dictionary");
            }
            long size = integer(entry, "size", source);
            long modified = integer(entry, "mtime-ns", source);
            if (size < -1) {
                throw new ResumeDataException(source, "file entry " + i + " has the size " + size);
            }
            files.add(size == -1 ? ResumeData.FileState.ABSENT : new ResumeData.FileState(size, modified));
        }
        return files;
    }

    private static BValue member(BDictionary dictionary, String key, Path source) {
        return dictionary.get(key).orElseThrow(() -> new ResumeDataException(source, "it has no \"" + key + "\" entry"));
    }

    private static BString string(BDictionary dictionary, String key, Path source) {
        BValue value = member(dictionary, key, source);
        if (value instanceof BString string) {
            return string;
        }
        throw new ResumeDataException(source, "its \"" + key + "\" entry is a " + value.typeName() + ", not a string");
    }

    private static long integer(BDictionary dictionary, String key, Path source) {
        BValue value = member(dictionary, key, source);
        if (value instanceof BInteger integer) {
            return integer.value();
        }
        throw new ResumeDataException(source, "its \"" + key + "\" entry is a " + value.typeName() + ", not an integer");
    }
}
