package io.swarmplace.torrent.internal.wire;

import io.netty.buffer.ByteBuf;
import io.swarmplace.bencode.BDictionary;
import io.swarmplace.bencode.Decoded;
import java.util.Arrays;
import java.util.Optional;

/**
 * A BEP 9 ut_metadata message: a bencoded dictionary with "msg_type" and "piece", and for data the
 * "total_size" and the piece's bytes right after the dictionary.
 */
public sealed interface MetadataMessage {

    String WHAT = "ut_metadata message";
    int REQUEST = 0;
    int DATA = 1;
    int REJECT = 2;

    int piece();

    byte[] encode();

    record Request(int piece) implements MetadataMessage {
        public Request {
            requirePiece(piece);
        }

        @Override
        public byte[] encode() {
            return BDictionary.builder().put("msg_type", REQUEST).put("piece", piece).build().encode();
        }
    }

    record Reject(int piece) implements MetadataMessage {
        public Reject {
            requirePiece(piece);
        }

        @Override
        public byte[] encode() {
            return BDictionary.builder().put("msg_type", REJECT).put("piece", piece).build().encode();
        }
    }

    /** One piece of the info dictionary, at most {@link MetadataPieces#PIECE_SIZE} bytes. */
    record Data(int piece, int totalSize, byte[] data) implements MetadataMessage {
        public Data {
            requirePiece(piece);
            if (data.length > MetadataPieces.PIECE_SIZE) {
                throw new IllegalArgumentException("a metadata piece has at most " + MetadataPieces.PIECE_SIZE
                        + " bytes, got " + data.length);
            }
            data = data.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        int length() {
            return data.length;
        }

        @Override
        public byte[] encode() {
            byte[] dict = BDictionary.builder().put("msg_type", DATA).put("piece", piece)
                    .put("total_size", totalSize).build().encode();
            byte[] out = Arrays.copyOf(dict, dict.length + data.length);
            System.arraycopy(data, 0, out, dict.length, data.length);
            return out;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Data that && piece == that.piece && totalSize == that.totalSize
                    && Arrays.equals(data, that.data);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * piece + totalSize) + Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "Data[piece=" + piece + ", totalSize=" + totalSize + ", " + data.length + " bytes]";
        }
    }

    /**
     * Decodes a ut_metadata payload. An unknown msg_type is ignored as BEP 9 asks: empty, and counted in
     * {@code statistics}. Anything else malformed is a {@link PeerProtocolException}.
     */
    static Optional<MetadataMessage> decode(ByteBuf payload, WireStatistics statistics) {
        return decode(ExtensionPayloads.bytesOf(payload, WHAT), statistics);
    }

    /** As {@link #decode(ByteBuf, WireStatistics)}. */
    static Optional<MetadataMessage> decode(byte[] payload, WireStatistics statistics) {
        Decoded decoded = ExtensionPayloads.dictionaryPrefix(payload, WHAT);
        BDictionary dict = (BDictionary) decoded.value();
        long type = ExtensionPayloads.integer(dict, "msg_type", WHAT)
                .orElseThrow(() -> new PeerProtocolException(WHAT + " without \"msg_type\""));
        int piece = ExtensionPayloads.integerInRange(dict, "piece", 0, Integer.MAX_VALUE, WHAT)
                .orElseThrow(() -> new PeerProtocolException(WHAT + " without \"piece\""));
        int trailing = payload.length - decoded.end();
        if (type == DATA) {
            int totalSize = ExtensionPayloads.integerInRange(dict, "total_size", 1, Integer.MAX_VALUE, WHAT)
                    .orElseThrow(() -> new PeerProtocolException(WHAT + ": data without \"total_size\""));
            if (trailing > MetadataPieces.PIECE_SIZE) {
                throw new PeerProtocolException(WHAT + ": data piece " + piece + " carries " + trailing
                        + " bytes, more than " + MetadataPieces.PIECE_SIZE);
            }
            return Optional.of(new Data(piece, totalSize, Arrays.copyOfRange(payload, decoded.end(), payload.length)));
        }
        if (type != REQUEST && type != REJECT) {
            statistics.unknownMetadataMessage();
            return Optional.empty();
        }
        if (trailing != 0) {
            throw new PeerProtocolException(WHAT + ": " + (type == REQUEST ? "request" : "reject") + " has "
                    + trailing + " bytes after its dictionary");
        }
        return Optional.of(type == REQUEST ? new Request(piece) : new Reject(piece));
    }

    private static void requirePiece(int piece) {
        if (piece < 0) {
            throw new IllegalArgumentException("a metadata piece index must not be negative: " + piece);
        }
    }
}
