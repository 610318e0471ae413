package io.swarmplace.torrent.metainfo;

import io.swarmplace.bencode.BDictionary;
import io.swarmplace.bencode.BList;
import io.swarmplace.bencode.BString;
import io.swarmplace.bencode.BValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns a decoded info dictionary (BEP 3, with BEP 47 file attributes and BEP 27's private flag) into a
 * {@link TorrentInfo}, or says precisely what is wrong with it. Every size is checked with arithmetic
 * before anything is allocated from it.
 */
final class InfoDictionaryParser {

    private InfoDictionaryParser() {}

    static TorrentInfo parse(BDictionary info) {
        Fields fields = new Fields(info, "info");
        String name = PathComponents.check(preferUtf8(fields, "name"), "info.name");
        int pieceLength = pieceLength(fields);
        BString pieces = fields.requiredString("pieces");
        if (pieces.length() % TorrentInfo.HASH_LENGTH != 0) {
            throw new MetainfoException("info.pieces has " + pieces.length()
                    + " bytes, which is not a whole number of 20-byte SHA-1 hashes");
        }
        boolean privateTorrent = fields.optionalInteger("private").map(flag -> flag != 0).orElse(false);

        boolean single = fields.has("length");
        List<TorrentFile> files;
        if (single && fields.has("files")) {
            throw new MetainfoException("info has both \"length\" (single file) and \"files\" (multi-file)");
        } else if (single) {
            files = List.of(singleFile(fields, name));
        } else if (fields.has("files")) {
            files = multiFile(fields.requiredList("files"));
        } else if (fields.optionalInteger("meta version").orElse(1L) >= 2) {
            throw new MetainfoException("info describes a BitTorrent v2-only torrent (BEP 52), which is not supported");
        } else {
            throw new MetainfoException("info has neither \"length\" (single file) nor \"files\" (multi-file)");
        }

        long total = files.get(files.size() - 1).end();
        if (total == 0) {
            throw new MetainfoException("the torrent has no data: its files add up to 0 bytes");
        }
        long needed = (total + pieceLength - 1) / pieceLength;
        long present = pieces.length() / TorrentInfo.HASH_LENGTH;
        if (needed != present) {
            throw new MetainfoException(total + " bytes in pieces of " + pieceLength + " bytes need " + needed
                    + " piece hashes, but info.pieces has " + present);
        }
        return new TorrentInfo(name, pieceLength, pieces.bytes(), files, single, privateTorrent);
    }

    private static int pieceLength(Fields fields) {
        long pieceLength = fields.requiredInteger("piece length");
        if (pieceLength <= 0) {
            throw new MetainfoException("info.piece length must be positive, is " + pieceLength);
        }
        if (pieceLength > MetainfoReader.MAX_PIECE_LENGTH) {
            throw new MetainfoException("info.piece length of " + pieceLength + " bytes is larger than the limit of "
                    + MetainfoReader.MAX_PIECE_LENGTH + " bytes");
        }
        return (int) pieceLength;
    }

    private static TorrentFile singleFile(Fields fields, String name) {
        long length = fileLength(fields.requiredInteger("length"), "info.length");
        Attributes attributes = Attributes.of(fields);
        // A padding flag on the only file would make the whole torrent zeros; it is content, not padding.
        return new TorrentFile(List.of(name), length, 0, false, attributes.executable, attributes.hidden);
    }

    private static List<TorrentFile> multiFile(BList list) {
        if (list.size() == 0) {
            throw new MetainfoException("info.files is empty");
        }
        List<TorrentFile> files = new ArrayList<>(list.size());
        FileTree tree = new FileTree();
        long offset = 0;
        for (int i = 0; i < list.size(); i++) {
            String where = "info.files[" + i + "]";
            Fields entry = new Fields(Fields.asDictionary(list.get(i), where), where);
            long length = fileLength(entry.requiredInteger("length"), where + ".length");
            List<String> path = path(entry, where);
            Attributes attributes = Attributes.of(entry);
            if (!attributes.padding) {
                // Padding files never reach the disk, and tools name them all ".pad/<size>".
                tree.add(path, i);
            }
            offset += length;
            if (offset > MetainfoReader.MAX_TOTAL_LENGTH) {
                throw new MetainfoException("the files up to " + where + " add up to more than the limit of "
                        + MetainfoReader.MAX_TOTAL_LENGTH + " bytes");
            }
            files.add(new TorrentFile(path, length, offset - length, attributes.padding, attributes.executable,
                    attributes.hidden));
        }
        return files;
    }

    private static long fileLength(long length, String where) {
        if (length < 0) {
            throw new MetainfoException(where + " must not be negative, is " + length);
        }
        if (length > MetainfoReader.MAX_TOTAL_LENGTH) {
            throw new MetainfoException(where + " of " + length + " bytes is larger than the limit of "
                    + MetainfoReader.MAX_TOTAL_LENGTH + " bytes");
        }
        return length;
    }

    private static List<String> path(Fields entry, String where) {
        Optional<List<String>> utf8 = entry.optional("path.utf-8").flatMap(InfoDictionaryParser::utf8Components);
        List<String> path = new ArrayList<>();
        if (utf8.isPresent()) {
            path.addAll(utf8.get());
        } else {
            BList components = entry.requiredList("path");
            for (int i = 0; i < components.size(); i++) {
                path.add(Text.of(Fields.asString(components.get(i), where + ".path[" + i + "]")));
            }
        }
        if (path.isEmpty()) {
            throw new MetainfoException(where + ".path is empty");
        }
        for (int i = 0; i < path.size(); i++) {
            PathComponents.check(path.get(i), where + ".path[" + i + "]");
        }
        return path;
    }

    /** The components of a path.utf-8 list, if it is a list of well-formed UTF-8 strings. */
    private static Optional<List<String>> utf8Components(BValue value) {
        if (!(value instanceof BList list) || list.size() == 0) {
            return Optional.empty();
        }
        List<String> components = new ArrayList<>(list.size());
        for (BValue component : list.values()) {
            if (!(component instanceof BString string) || string.strictUtf8().isEmpty()) {
                return Optional.empty();
            }
            components.add(string.strictUtf8().get());
        }
        return Optional.of(components);
    }

    /** {@code key + ".utf-8"} if it is well-formed UTF-8, else {@code key} itself (required). */
    private static String preferUtf8(Fields fields, String key) {
        Optional<String> utf8 = fields.optional(key + ".utf-8")
                .filter(BString.class::isInstance)
                .flatMap(value -> ((BString) value).strictUtf8());
        return utf8.orElseGet(() -> Text.of(fields.requiredString(key)));
    }

    /** BEP 47 "attr": letters p (padding), x (executable), h (hidden); others are ignored. */
    private record Attributes(boolean padding, boolean executable, boolean hidden) {
        static Attributes of(Fields fields) {
            String attr = fields.optionalString("attr").map(BString::utf8).orElse("");
            return new Attributes(attr.indexOf('p') >= 0, attr.indexOf('x') >= 0, attr.indexOf('h') >= 0);
        }
    }
}
