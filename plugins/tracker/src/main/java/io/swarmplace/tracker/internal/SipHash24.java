package io.swarmplace.tracker.internal;

/**
 * SipHash-2-4 (Aumasson and Bernstein, 2012): a keyed pseudo-random function with a 64-bit output, made
 * for short inputs. Connection ids need exactly that: a MAC of a few bytes, 64 bits wide, cheap enough
 * to compute for every UDP packet on the event loop.
 */
final class SipHash24 {

    private final long k0;
    private final long k1;

    /** @param key 16 bytes */
    SipHash24(byte[] key) {
        if (key.length != 16) {
            throw new IllegalArgumentException("a SipHash key is 16 bytes, got " + key.length);
        }
        k0 = littleEndian(key, 0, 8);
        k1 = littleEndian(key, 8, 8);
    }

    long hash(byte[] data, int length) {
        long[] v = {k0 ^ 0x736f6d6570736575L, k1 ^ 0x646f72616e646f6dL, k0 ^ 0x6c7967656e657261L, k1 ^ 0x7465646279746573L};
        int whole = length & ~7;
        for (int offset = 0; offset < whole; offset += 8) {
            compress(v, littleEndian(data, offset, 8));
        }
        compress(v, ((long) length & 0xff) << 56 | littleEndian(data, whole, length - whole));
        v[2] ^= 0xff;
        sipRounds(v, 4);
        return v[0] ^ v[1] ^ v[2] ^ v[3];
    }

    /** Mixes one 8-byte word into the state with the two compression rounds ("2" of SipHash-2-4). */
    private static void compress(long[] v, long m) {
        v[3] ^= m;
        sipRounds(v, 2);
        v[0] ^= m;
    }

    private static void sipRounds(long[] v, int rounds) {
        long v0 = v[0];
        long v1 = v[1];
        long v2 = v[2];
        long v3 = v[3];
        for (int round = 0; round < rounds; round++) {
            v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
            v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
            v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
            v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
        }
        v[0] = v0;
        v[1] = v1;
        v[2] = v2;
        v[3] = v3;
    }

    private static long littleEndian(byte[] data, int offset, int count) {
        long value = 0;
        for (int i = count - 1; i >= 0; i--) {
            value = value << 8 | (data[offset + i] & 0xffL);
        }
        return value;
    }
}
