package io.swarmplace.wallet.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class TronKeysTest {

    @Test
    void derivesTheAddressTronWebDerives() {
        byte[] key = HexFormat.of().parseHex("da146374a75310b9666e834ee4ad0866d6f4035967bfc76217c5a495fff9f0d0");
        assertThat(TronKeys.addressOf(key).base58()).isEqualTo("TPL66VK2gCXNCD7EJg9pgJRfqcRazjhUZY");
    }

    @Test
    void newKeysAreValidAndDistinct() {
        SecureRandom random = new SecureRandom();
        byte[] first = TronKeys.newPrivateKey(random);
        byte[] second = TronKeys.newPrivateKey(random);
        assertThat(first).hasSize(32).isNotEqualTo(second);
        assertThat(TronKeys.addressOf(first).base58()).startsWith("T");
    }

    @Test
    void refusesInvalidPrivateKeys() {
        assertThatThrownBy(() -> TronKeys.addressOf(new byte[32])).hasMessageContaining("not a valid secp256k1 private key");
        assertThatThrownBy(() -> TronKeys.addressOf(new byte[31])).hasMessageContaining("32 bytes");
        byte[] order = HexFormat.of().parseHex("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141");
        assertThatThrownBy(() -> TronKeys.addressOf(order)).hasMessageContaining("below the curve order");
    }
}
