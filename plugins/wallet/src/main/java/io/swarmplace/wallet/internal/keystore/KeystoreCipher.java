package io.swarmplace.wallet.internal.keystore;

import io.swarmplace.wallet.TronAddress;
import io.swarmplace.wallet.WalletException;
import io.swarmplace.wallet.WrongPassphraseException;
import io.swarmplace.wallet.internal.crypto.TronKeys;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;
import org.bouncycastle.crypto.digests.KeccakDigest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.generators.SCrypt;
import org.bouncycastle.crypto.modes.SICBlockCipher;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/** Encrypts private keys into {@link KeystoreJson} and back. */
final class KeystoreCipher {

    private static final HexFormat HEX = HexFormat.of();
    private static final int DERIVED_KEY_LENGTH = 32;
    /** Caps what a hostile keystore file can make us spend: 2^20 × r 8 is 1 GiB of scrypt memory. */
    private static final long MAX_SCRYPT_MEMORY = 1L << 30;
    private static final int MAX_PBKDF2_ROUNDS = 10_000_000;

    private final SecureRandom random;

    KeystoreCipher(SecureRandom random) {
        this.random = random;
    }

    KeystoreJson encrypt(byte[] privateKey, char[] passphrase, ScryptCost cost) {
        TronAddress address = TronKeys.addressOf(privateKey);
        byte[] salt = randomBytes(32);
        byte[] iv = randomBytes(16);
        byte[] derived = SCrypt.generate(utf8(passphrase), salt, cost.n, cost.r, cost.p, DERIVED_KEY_LENGTH);
        try {
            byte[] ciphertext = aes128Ctr(derived, iv, privateKey);
            KeystoreJson.Crypto crypto = new KeystoreJson.Crypto(
                    "aes-128-ctr",
                    HEX.formatHex(ciphertext),
                    new KeystoreJson.CipherParams(HEX.formatHex(iv)),
                    "scrypt",
                    new KeystoreJson.KdfParams(DERIVED_KEY_LENGTH, HEX.formatHex(salt), cost.n, cost.r, cost.p, null, null),
                    HEX.formatHex(mac(derived, ciphertext)));
            return new KeystoreJson(address.base58(), crypto, UUID.randomUUID().toString(), 3);
        } finally {
            Arrays.fill(derived, (byte) 0);
        }
    }

    /** Returns the private key; the caller wipes it after use. */
    byte[] decrypt(KeystoreJson keystore, char[] passphrase) throws WalletException {
        KeystoreJson.Crypto crypto = requireSupported(keystore);
        byte[] ciphertext = hex(crypto.ciphertext(), "ciphertext");
        byte[] derived = deriveKey(crypto.kdf().toLowerCase(Locale.ROOT), crypto.kdfparams(), passphrase);
        try {
            if (!MessageDigest.isEqual(mac(derived, ciphertext), hex(crypto.mac(), "mac"))) {
                throw new WrongPassphraseException(
                        "wrong passphrase for this keystore (or the file was altered): nothing was unlocked");
            }
            byte[] privateKey = aes128Ctr(derived, hex(crypto.cipherparams().iv(), "iv"), ciphertext);
            TronKeys.requireValidPrivateKey(privateKey);
            return privateKey;
        } catch (IllegalArgumentException e) {
            throw new WalletException("the keystore decrypts to something that is not a private key: " + e.getMessage());
        } finally {
            Arrays.fill(derived, (byte) 0);
        }
    }

    private static KeystoreJson.Crypto requireSupported(KeystoreJson keystore) throws WalletException {
        if (keystore.version() != 3) {
            throw new WalletException("keystore version " + keystore.version() + " is not supported (only version 3)");
        }
        KeystoreJson.Crypto crypto = keystore.crypto();
        if (crypto == null || crypto.cipherparams() == null || crypto.kdfparams() == null
                || crypto.kdf() == null || crypto.ciphertext() == null || crypto.mac() == null) {
            throw new WalletException("the keystore is incomplete: crypto, cipherparams, kdf, kdfparams, ciphertext and mac are required");
        }
        if (!"aes-128-ctr".equalsIgnoreCase(crypto.cipher())) {
            throw new WalletException("keystore cipher '" + crypto.cipher() + "' is not supported (only aes-128-ctr)");
        }
        if (crypto.kdfparams().dklen() < DERIVED_KEY_LENGTH) {
            throw new WalletException("keystore dklen must be at least 32");
        }
        return crypto;
    }

    private static byte[] deriveKey(String kdf, KeystoreJson.KdfParams params, char[] passphrase) throws WalletException {
        byte[] salt = hex(params.salt(), "salt");
        return switch (kdf) {
            case "scrypt" -> {
                if (params.n() == null || params.r() == null || params.p() == null) {
                    throw new WalletException("scrypt keystore without n, r and p");
                }
                int n = params.n();
                int r = params.r();
                int p = params.p();
                if (n < 2 || Integer.bitCount(n) != 1 || r < 1 || p < 1 || 128L * r * n > MAX_SCRYPT_MEMORY || (long) p * r > 1 << 20) {
                    throw new WalletException("scrypt parameters n=" + n + " r=" + r + " p=" + p + " are invalid or need more than 1 GiB");
                }
                yield SCrypt.generate(utf8(passphrase), salt, n, r, p, params.dklen());
            }
            case "pbkdf2" -> {
                if (params.c() == null || params.c() < 1 || params.c() > MAX_PBKDF2_ROUNDS) {
                    throw new WalletException("pbkdf2 keystore needs 1.." + MAX_PBKDF2_ROUNDS + " rounds (c)");
                }
                if (params.prf() != null && !params.prf().equalsIgnoreCase("hmac-sha256")) {
                    throw new WalletException("pbkdf2 prf '" + params.prf() + "' is not supported (only hmac-sha256)");
                }
                PKCS5S2ParametersGenerator generator = new PKCS5S2ParametersGenerator(new SHA256Digest());
                generator.init(utf8(passphrase), salt, params.c());
                yield ((KeyParameter) generator.generateDerivedParameters(params.dklen() * 8)).getKey();
            }
            default -> throw new WalletException("keystore kdf '" + kdf + "' is not supported (scrypt or pbkdf2)");
        };
    }

    /** Keccak-256 over the second half of the derived key and the ciphertext, as the format defines. */
    private static byte[] mac(byte[] derived, byte[] ciphertext) {
        KeccakDigest keccak = new KeccakDigest(256);
        keccak.update(derived, 16, 16);
        keccak.update(ciphertext, 0, ciphertext.length);
        byte[] mac = new byte[32];
        keccak.doFinal(mac, 0);
        return mac;
    }

    private static byte[] aes128Ctr(byte[] derived, byte[] iv, byte[] input) {
        SICBlockCipher ctr = new SICBlockCipher(AESEngine.newInstance());
        ctr.init(true, new ParametersWithIV(new KeyParameter(derived, 0, 16), iv));
        byte[] output = new byte[input.length];
        ctr.processBytes(input, 0, input.length, output, 0);
        return output;
    }

    private static byte[] utf8(char[] passphrase) {
        return new String(passphrase).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] hex(String value, String field) throws WalletException {
        try {
            return HEX.parseHex(value.startsWith("0x") ? value.substring(2) : value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new WalletException("keystore field '" + field + "' is not hex");
        }
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
