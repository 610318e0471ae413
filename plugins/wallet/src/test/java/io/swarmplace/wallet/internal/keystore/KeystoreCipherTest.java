package io.swarmplace.wallet.internal.keystore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swarmplace.wallet.WalletException;
import io.swarmplace.wallet.WrongPassphraseException;
import io.swarmplace.wallet.internal.crypto.TronKeys;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Against the published test vectors of the version 3 keystore format, so other wallets open ours. */
class KeystoreCipherTest {

    private static final String PRIVATE_KEY = "7a28b5ba57c53603b0b07b56bba752f7784bf506fa95edc395f5cf6c7514fe9d";
    private static final char[] PASSWORD = "testpassword".toCharArray();

    /**
     * go-ethereum's test keystore (scrypt, password "foobar"). The format's own scrypt vector uses r=1
     * with n=2^18, which RFC 7914 forbids and BouncyCastle refuses; wallets write r=8, as here.
     */
    private static final String GETH_SCRYPT_FILE = """
            {"address":"7ef5a6135f1fd6a02593eedc869c6d41d934aef8","crypto":{"cipher":"aes-128-ctr",
             "ciphertext":"1d0839166e7a15b9c1333fc865d69858b22df26815ccf601b28219b6192974e1",
             "cipherparams":{"iv":"8df6caa7ff1b00c4e871f002cb7921ed"},"kdf":"scrypt",
             "kdfparams":{"dklen":32,"n":8,"p":16,"r":8,"salt":"e5e6ef3f4ea695f496b643ebd3f75c0aa58ef4070e90c80c5d3fb0241bf1595c"},
             "mac":"6d16dfde774845e4585357f24bce530528bc69f4f84e1e22880d34fa45c273e5"},
             "id":"950077c7-71e3-4c44-a4a1-143919141ed4","version":3}""";

    private static final String PBKDF2_VECTOR = """
            {"Crypto":{"cipher":"aes-128-ctr","cipherparams":{"iv":"6087dab2f9fdbbfaddc31a909735c1e6"},
             "ciphertext":"5318b4d5bcd28de64ee5559e671353e16f075ecae9f99c7a79a38af5f869aa46","kdf":"pbkdf2",
             "kdfparams":{"c":262144,"dklen":32,"prf":"hmac-sha256","salt":"ae3cd4e7013836a3df6bd7241b12db061dbe2c6785853cce422d148a624ce0bd"},
             "mac":"517ead924a9d0dc3124507e3393d175ce3ff7c1e96529c6c555ce9e51205e9b2"},
             "id":"3198bc9c-6672-5ab3-d995-4942343ae5b6","version":3}""";

    private final ObjectMapper json = new ObjectMapper();
    private final KeystoreCipher cipher = new KeystoreCipher(new SecureRandom());

    @Test
    void opensAScryptKeystoreWrittenByGoEthereum() throws Exception {
        byte[] key = cipher.decrypt(json.readValue(GETH_SCRYPT_FILE, KeystoreJson.class), "foobar".toCharArray());
        // TRON and Ethereum derive the same 20 bytes from a key; TRON puts 0x41 in front.
        assertThat(TronKeys.addressOf(key).hex()).isEqualTo("41" + "7ef5a6135f1fd6a02593eedc869c6d41d934aef8");
    }

    @Test
    void opensTheStandardPbkdf2Vector() throws Exception {
        byte[] key = cipher.decrypt(json.readValue(PBKDF2_VECTOR, KeystoreJson.class), PASSWORD);
        assertThat(HexFormat.of().formatHex(key)).isEqualTo(PRIVATE_KEY);
    }

    @Test
    void wrongPassphraseIsToldApartBeforeAnyKeyIsUsed() throws Exception {
        KeystoreJson keystore = json.readValue(PBKDF2_VECTOR, KeystoreJson.class);
        assertThatThrownBy(() -> cipher.decrypt(keystore, "testpasswore".toCharArray()))
                .isInstanceOf(WrongPassphraseException.class)
                .hasMessageContaining("wrong passphrase");
    }

    @Test
    void roundTripsWithOurOwnParameters() throws Exception {
        byte[] key = HexFormat.of().parseHex(PRIVATE_KEY);
        KeystoreJson written = cipher.encrypt(key, "correct horse".toCharArray(), ScryptCost.LIGHT);
        String file = json.writeValueAsString(written);
        assertThat(file).doesNotContain(PRIVATE_KEY).contains("\"kdf\":\"scrypt\"", "\"cipher\":\"aes-128-ctr\"");
        byte[] opened = cipher.decrypt(json.readValue(file, KeystoreJson.class), "correct horse".toCharArray());
        assertThat(opened).isEqualTo(key);
    }

    @Test
    void hostileParametersAreRefusedBeforeAnyWorkIsDone() throws Exception {
        String greedy = GETH_SCRYPT_FILE.replace("\"n\":8,", "\"n\":1073741824,");
        assertThatThrownBy(() -> cipher.decrypt(json.readValue(greedy, KeystoreJson.class), PASSWORD))
                .isInstanceOf(WalletException.class)
                .hasMessageContaining("more than 1 GiB");
        String unknownKdf = PBKDF2_VECTOR.replace("\"pbkdf2\"", "\"argon9\"");
        assertThatThrownBy(() -> cipher.decrypt(json.readValue(unknownKdf, KeystoreJson.class), PASSWORD))
                .isInstanceOf(WalletException.class)
                .hasMessageContaining("kdf 'argon9' is not supported");
        String version2 = PBKDF2_VECTOR.replace("\"version\":3", "\"version\":2");
        assertThatThrownBy(() -> cipher.decrypt(json.readValue(version2, KeystoreJson.class), PASSWORD))
                .isInstanceOf(WalletException.class)
                .hasMessageContaining("version 2");
    }
}
