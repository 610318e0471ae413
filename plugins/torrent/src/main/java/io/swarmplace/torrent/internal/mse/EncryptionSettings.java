package io.swarmplace.torrent.internal.mse;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * What the MSE handlers of one engine share.
 *
 * @param outgoing policy for connections we dial
 * @param incoming policy for connections peers dial
 * @param allowed the stream ciphers we provide and accept after the MSE handshake (libtorrent's
 *     allowed_enc_level)
 * @param preferRc4 when a peer offers both and both are allowed, choose RC4 (else plaintext, which is
 *     cheaper and what libtorrent chooses by default)
 * @param timeout how long the MSE handshake may take
 */
public record EncryptionSettings(EncryptionPolicy outgoing, EncryptionPolicy incoming, Set<CryptoMethod> allowed,
        boolean preferRc4, Duration timeout, SecureRandom random) {

    public EncryptionSettings {
        if (allowed.isEmpty()) {
            throw new IllegalArgumentException("allow at least one of plaintext and RC4 after the MSE handshake");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the MSE handshake timeout must be positive: " + timeout);
        }
        allowed = Set.copyOf(EnumSet.copyOf(allowed));
    }

    /** libtorrent's defaults: try MSE out, accept both in, either cipher, plaintext preferred. */
    public static EncryptionSettings defaults(Duration timeout, SecureRandom random) {
        return new EncryptionSettings(EncryptionPolicy.ENABLED, EncryptionPolicy.ENABLED,
                EnumSet.allOf(CryptoMethod.class), false, timeout, random);
    }

    /** The cipher we answer a peer's crypto_provide with, or null if we allow none of them. */
    CryptoMethod select(Set<CryptoMethod> provided) {
        boolean rc4 = provided.contains(CryptoMethod.RC4) && allowed.contains(CryptoMethod.RC4);
        boolean plaintext = provided.contains(CryptoMethod.PLAINTEXT) && allowed.contains(CryptoMethod.PLAINTEXT);
        if (rc4 && plaintext) {
            return preferRc4 ? CryptoMethod.RC4 : CryptoMethod.PLAINTEXT;
        }
        return rc4 ? CryptoMethod.RC4 : plaintext ? CryptoMethod.PLAINTEXT : null;
    }
}
