package io.swarmplace.wallet.internal.keystore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swarmplace.wallet.TronAddress;
import io.swarmplace.wallet.WalletException;
import io.swarmplace.wallet.WrongPassphraseException;
import io.swarmplace.wallet.internal.crypto.TronKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeystoreDirectoryTest {

    private static final String TRONWEB_KEY = "da146374a75310b9666e834ee4ad0866d6f4035967bfc76217c5a495fff9f0d0";

    @TempDir
    Path directory;

    private KeystoreDirectory keystore() {
        return new KeystoreDirectory(directory, new SecureRandom(), ScryptCost.LIGHT);
    }

    @Test
    void createsImportsListsAndUnlocksAccounts() throws Exception {
        KeystoreDirectory keystore = keystore();
        TronAddress created = keystore.create("first".toCharArray());
        TronAddress imported = keystore.importKey(TRONWEB_KEY.toCharArray(), "second".toCharArray());
        assertThat(imported.base58()).isEqualTo("TPL66VK2gCXNCD7EJg9pgJRfqcRazjhUZY");
        assertThat(keystore().addresses()).containsExactlyInAnyOrder(created, imported);

        byte[] key = keystore().unlock(imported, "second".toCharArray());
        assertThat(TronKeys.addressOf(key)).isEqualTo(imported);
        assertThatThrownBy(() -> keystore().unlock(imported, "first".toCharArray())).isInstanceOf(WrongPassphraseException.class);
    }

    @Test
    void keysAtRestAreEncryptedAndReadableByTheOwnerOnly() throws Exception {
        keystore().importKey(TRONWEB_KEY.toCharArray(), "secret".toCharArray());
        try (Stream<Path> files = Files.list(directory)) {
            Path file = files.filter(p -> p.getFileName().toString().startsWith("UTC--")).findFirst().orElseThrow();
            assertThat(file.getFileName().toString()).endsWith("--TPL66VK2gCXNCD7EJg9pgJRfqcRazjhUZY.json");
            assertThat(Files.readString(file, StandardCharsets.UTF_8)).doesNotContain(TRONWEB_KEY);
            assertThat(Files.getPosixFilePermissions(file))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        }
    }

    @Test
    void importingTheSameKeyTwiceIsRefused() throws Exception {
        keystore().importKey(TRONWEB_KEY.toCharArray(), "a".toCharArray());
        assertThatThrownBy(() -> keystore().importKey(TRONWEB_KEY.toCharArray(), "b".toCharArray()))
                .isInstanceOf(WalletException.class)
                .hasMessageContaining("already holds TPL66VK2gCXNCD7EJg9pgJRfqcRazjhUZY");
    }

    @Test
    void malformedPrivateKeysAreRefusedWithTheReason() {
        assertThatThrownBy(() -> keystore().importKey("xyz".toCharArray(), "a".toCharArray()))
                .isInstanceOf(WalletException.class)
                .hasMessageContaining("cannot import the private key");
        assertThatThrownBy(() -> keystore().importKey("00".repeat(32).toCharArray(), "a".toCharArray()))
                .isInstanceOf(WalletException.class)
                .hasMessageContaining("not a valid secp256k1 private key");
    }

    @Test
    void aCrashBetweenWritingAndRenamingLeavesTheOldFile() throws Exception {
        Path target = directory.resolve("UTC--file.json");
        Files.writeString(target, "old content");
        assertThatThrownBy(() -> AtomicFiles.write(target, "new content".getBytes(StandardCharsets.UTF_8), written -> {
            assertThat(Files.readString(written)).isEqualTo("new content");
            throw new IOException("power cut");
        })).isInstanceOf(IOException.class);
        assertThat(Files.readString(target)).isEqualTo("old content");
        try (Stream<Path> files = Files.list(directory)) {
            assertThat(files).containsExactly(target);
        }
    }
}
