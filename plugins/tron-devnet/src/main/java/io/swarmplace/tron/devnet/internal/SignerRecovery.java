package io.swarmplace.tron.devnet.internal;

import java.math.BigInteger;
import java.util.Optional;

import com.google.protobuf.ByteString;
import org.tron.trident.core.key.KeyPair;
import org.tron.trident.crypto.SECP256K1;
import org.tron.trident.crypto.tuwenitypes.Bytes32;

/** Recovers the address that signed a transaction id, as TRON nodes do (65-byte r||s||v signatures). */
final class SignerRecovery {

    private SignerRecovery() {
    }

    static Optional<ByteString> signerOf(byte[] txid, ByteString signature) {
        if (signature.size() != 65) {
            return Optional.empty();
        }
        byte[] sig = signature.toByteArray();
        BigInteger r = new BigInteger(1, java.util.Arrays.copyOfRange(sig, 0, 32));
        BigInteger s = new BigInteger(1, java.util.Arrays.copyOfRange(sig, 32, 64));
        int v = sig[64] & 0xff;
        byte recId = (byte) (v >= 27 ? v - 27 : v);
        if (recId < 0 || recId > 3) {
            return Optional.empty();
        }
        try {
            return SECP256K1.PublicKey
                    .recoverFromSignature(Bytes32.wrap(txid), SECP256K1.Signature.create(r, s, recId))
                    .map(key -> ByteString.copyFrom(KeyPair.publicKeyToAddress(key)));
        } catch (RuntimeException malformed) {
            return Optional.empty();
        }
    }
}
