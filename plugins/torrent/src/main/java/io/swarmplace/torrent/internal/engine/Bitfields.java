package io.swarmplace.torrent.internal.engine;

import java.util.BitSet;

/** BEP 3 bitfields (high bit of the first byte is piece 0) to and from {@link BitSet}. */
final class Bitfields {

    private Bitfields() {}

    static BitSet toBitSet(byte[] bits) {
        BitSet set = new BitSet(bits.length * 8);
        for (int i = 0; i < bits.length; i++) {
            int b = bits[i] & 0xff;
            if (b == 0) {
                continue;
            }
            for (int bit = 0; bit < 8; bit++) {
                if ((b & (0x80 >>> bit)) != 0) {
                    set.set(i * 8 + bit);
                }
            }
        }
        return set;
    }

    static byte[] toBytes(BitSet set, int pieceCount) {
        byte[] bits = new byte[(pieceCount + 7) / 8];
        for (int piece = set.nextSetBit(0); piece >= 0 && piece < pieceCount; piece = set.nextSetBit(piece + 1)) {
            bits[piece >>> 3] |= (byte) (0x80 >>> (piece & 7));
        }
        return bits;
    }
}
