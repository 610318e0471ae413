package io.swarmplace.tracker.internal;

import io.swarmplace.bencode.BDictionary;
import io.swarmplace.bencode.BInteger;
import io.swarmplace.bencode.BString;
import io.swarmplace.bencode.BValue;
import io.swarmplace.bencode.BencodeDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Builds tracker requests the way clients do, and reads bencoded replies back. */
final class Announces {

    private Announces() {}

    static byte[] bytes(int seed, int length) {
        byte[] out = new byte[length];
        new java.util.Random(seed).nextBytes(out);
        return out;
    }

    static byte[] hash(int seed) {
        return bytes(seed, 20);
    }

    static byte[] peerId(int seed) {
        byte[] id = bytes(1000 + seed, 20);
        byte[] prefix = "-SP0001-".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(prefix, 0, id, 0, prefix.length);
        return id;
    }

    /** Percent-encodes every byte, upper-case hex, as libtorrent does for non-unreserved bytes. */
    static String percentEncode(byte[] value) {
        StringBuilder out = new StringBuilder(value.length * 3);
        for (byte b : value) {
            out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                    .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
        }
        return out.toString();
    }

    static String announceQuery(byte[] infoHash, byte[] peerId, int port, long left, String extra) {
        return "info_hash=" + percentEncode(infoHash) + "&peer_id=" + percentEncode(peerId) + "&port=" + port
                + "&uploaded=0&downloaded=0&left=" + left + extra;
    }

    static BDictionary decode(byte[] body) {
        BValue value = new BencodeDecoder().decode(body);
        if (!(value instanceof BDictionary dictionary)) {
            throw new AssertionError("expected a dictionary, got " + value);
        }
        return dictionary;
    }

    static long integer(BDictionary dictionary, String key) {
        return ((BInteger) dictionary.get(key).orElseThrow(() -> new AssertionError("no " + key + " in " + dictionary))).value();
    }

    static byte[] string(BDictionary dictionary, String key) {
        return ((BString) dictionary.get(key).orElseThrow(() -> new AssertionError("no " + key + " in " + dictionary))).bytes();
    }

    static String failureReason(byte[] body) {
        BDictionary reply = decode(body);
        return new String(string(reply, "failure reason"), StandardCharsets.UTF_8);
    }

    /** The (ip, port) pairs of a compact peer string of {@code entrySize}-byte entries. */
    static java.util.List<String> compactPeers(byte[] peers, int entrySize) {
        if (peers.length % entrySize != 0) {
            throw new AssertionError("compact peers of " + peers.length + " bytes are not " + entrySize + "-byte entries");
        }
        java.util.List<String> out = new java.util.ArrayList<>();
        for (int offset = 0; offset < peers.length; offset += entrySize) {
            byte[] ip = Arrays.copyOfRange(peers, offset, offset + entrySize - 2);
            int port = (peers[offset + entrySize - 2] & 0xff) << 8 | (peers[offset + entrySize - 1] & 0xff);
            out.add(PeerAddress.of(ip, port).toString());
        }
        return out;
    }
}
