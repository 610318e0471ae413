package io.swarmplace.tron.devnet.internal;

import com.google.protobuf.ByteString;
import org.tron.trident.utils.Base58Check;

/** TRON addresses: 21 bytes starting with 0x41; the EVM side (ABI, logs) sees the last 20. */
final class Addresses {

    static final byte TRON_PREFIX = 0x41;

    private Addresses() {
    }

    static ByteString fromBase58(String base58) {
        byte[] raw;
        try {
            raw = Base58Check.base58ToBytes(base58);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a Base58Check TRON address: " + base58, e);
        }
        return requireTron(ByteString.copyFrom(raw));
    }

    static String toBase58(ByteString address) {
        return Base58Check.bytesToBase58(address.toByteArray());
    }

    static ByteString requireTron(ByteString address) {
        if (!isTron(address)) {
            throw new IllegalArgumentException("a TRON address is 21 bytes starting with 0x41");
        }
        return address;
    }

    static boolean isTron(ByteString address) {
        return address.size() == 21 && address.byteAt(0) == TRON_PREFIX;
    }

    static ByteString fromEvmWord(byte[] word32) {
        byte[] raw = new byte[21];
        raw[0] = TRON_PREFIX;
        System.arraycopy(word32, 12, raw, 1, 20);
        return ByteString.copyFrom(raw);
    }

    static byte[] toEvmWord(ByteString tron) {
        byte[] word = new byte[32];
        tron.substring(1).copyTo(word, 12);
        return word;
    }
}
