package io.swarmplace.torrent.metainfo;

import io.swarmplace.bencode.BDictionary;
import io.swarmplace.bencode.BList;
import io.swarmplace.bencode.BString;
import io.swarmplace.bencode.BValue;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Hand-built torrents for tests: bencoded dictionaries with piece hashes of the right count. */
final class TestTorrents {

    private TestTorrents() {}

    /** {@code count} distinct, recognisable 20-byte hashes. */
    static byte[] pieces(long count) {
        byte[] pieces = new byte[Math.toIntExact(count * 20)];
        for (int i = 0; i < pieces.length; i++) {
            pieces[i] = (byte) (i * 7 + 3);
        }
        return pieces;
    }

    static long pieceCount(long total, int pieceLength) {
        return (total + pieceLength - 1) / pieceLength;
    }

    static BDictionary.Builder singleInfo(String name, long length, int pieceLength) {
        return BDictionary.builder()
                .put("name", name)
                .put("length", length)
                .put("piece length", pieceLength)
                .put("pieces", pieces(pieceCount(length, pieceLength)));
    }

    /** A multi-file info dictionary of {@code files}, made with {@link #file}. */
    static BDictionary.Builder multiInfo(String name, int pieceLength, BDictionary... files) {
        long total = Arrays.stream(files).mapToLong(f -> ((io.swarmplace.bencode.BInteger) f.get("length").orElseThrow()).value()).sum();
        return BDictionary.builder()
                .put("name", name)
                .put("files", new BList(List.<BValue>of(files)))
                .put("piece length", pieceLength)
                // Absurd sizes (for rejection tests) get a token hash; the test is about something else.
                .put("pieces", pieces(Math.min(pieceCount(total, pieceLength), 1_000_000)));
    }

    static BDictionary file(long length, String... path) {
        return BDictionary.builder().put("length", length).put("path", strings(path)).build();
    }

    static BDictionary attrFile(long length, String attr, String... path) {
        return BDictionary.builder().put("length", length).put("path", strings(path)).put("attr", attr).build();
    }

    static BList strings(String... values) {
        return new BList(Arrays.stream(values).<BValue>map(BString::of).toList());
    }

    static byte[] torrent(BDictionary info) {
        return torrent(BDictionary.builder(), info);
    }

    static byte[] torrent(BDictionary.Builder top, BDictionary info) {
        return top.put("info", info).build().encode();
    }

    static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
