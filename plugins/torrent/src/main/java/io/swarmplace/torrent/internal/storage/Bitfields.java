package io.swarmplace.torrent.internal.storage;

import java.util.BitSet;

/** Piece sets as BEP 3 bitfields: piece 0 is the high bit of the first byte, spare bits are zero. */
final class Bitfields {

    private Bitfields() {}

    static byte[] toBytes(BitSet pieces, int pieceCount) {
        byte[] bytes = new byte[(pieceCount + 7) / 8];
        for (int piece = pieces.nextSetBit(0); piece >= 0 && piece < pieceCount; piece = pieces.nextSetBit(piece + 1)) {
            bytes[piece >>> 3] |= (byte) (0x80 >>> (piece & 7));
        }
        return bytes;
    }

    /**
     * @throws IllegalArgumentException when the length is wrong or a spare bit is set
     */
    static BitSet fromBytes(byte[] bytes, int pieceCount) {
        int expected = (pieceCount + 7) / 8;
        if (bytes.length != expected) {
            throw new IllegalArgumentException(
                    "a bitfield of " + pieceCount + " pieces has " + expected + " bytes, this one has " + bytes.length);
        }
        BitSet pieces = new BitSet(pieceCount);
        for (int i = 0; i < bytes.length * 8; i++) {
            if ((bytes[i >>> 3] & (0x80 >>> (i & 7))) != 0) {
                if (i >= pieceCount) {
                    throw new IllegalArgumentException("spare bit " + i + " is set beyond the last piece " + (pieceCount - 1));
                }
                pieces.set(i);
            }
        }
        return pieces;
    }
}
