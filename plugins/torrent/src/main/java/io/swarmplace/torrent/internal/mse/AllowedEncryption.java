package io.swarmplace.torrent.internal.mse;

import java.util.EnumSet;
import java.util.Set;

/** What may follow an MSE handshake, as a setting (libtorrent's allowed_enc_level). */
public enum AllowedEncryption {
    /** Only the handshake is obfuscated (pe_plaintext). */
    PLAINTEXT(EnumSet.of(CryptoMethod.PLAINTEXT)),
    /** The whole stream in RC4 (pe_rc4). */
    RC4(EnumSet.of(CryptoMethod.RC4)),
    /** Either, as the two sides agree (pe_both). */
    BOTH(EnumSet.allOf(CryptoMethod.class));

    private final Set<CryptoMethod> methods;

    AllowedEncryption(Set<CryptoMethod> methods) {
        this.methods = Set.copyOf(methods);
    }

    public Set<CryptoMethod> methods() {
        return methods;
    }
}
