package io.swarmplace.torrent.internal.mse;

import java.util.EnumSet;
import java.util.Set;

/** The stream ciphers MSE can select, with their bits in crypto_provide and crypto_select. */
public enum CryptoMethod {
    /** Only the handshake is obfuscated; the BitTorrent stream after it is plaintext. */
    PLAINTEXT(0x01),
    /** The whole stream is RC4-encrypted. */
    RC4(0x02);

    private final int bit;

    CryptoMethod(int bit) {
        this.bit = bit;
    }

    int bit() {
        return bit;
    }

    static int bits(Set<CryptoMethod> methods) {
        int bits = 0;
        for (CryptoMethod method : methods) {
            bits |= method.bit;
        }
        return bits;
    }

    static Set<CryptoMethod> fromBits(int bits) {
        Set<CryptoMethod> methods = EnumSet.noneOf(CryptoMethod.class);
        for (CryptoMethod method : values()) {
            if ((bits & method.bit) != 0) {
                methods.add(method);
            }
        }
        return methods;
    }
}
