package io.swarmplace.ledger.hub.internal.client;

import io.swarmplace.ledger.hub.internal.wire.Ed25519;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Properties;

/**
 * A node's hub key: an ed25519 key pair in a properties file readable by its owner only
 * ({@code ed25519.private}: PKCS#8, base64; {@code ed25519.public}: the raw key, hex, what the hub shows).
 */
public final class HubKeyFile {

    private static final String PRIVATE = "ed25519.private";
    private static final String PUBLIC = "ed25519.public";

    private HubKeyFile() {}

    /** Reads the key file, creating it with a fresh key pair if it does not exist. */
    public static KeyPair loadOrCreate(Path file) {
        if (!Files.exists(file)) {
            try {
                create(file, KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
            } catch (FileAlreadyExistsException raced) {
                // another component created it meanwhile: read theirs
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the JDK cannot make Ed25519 keys: " + e.getMessage(), e);
            } catch (IOException e) {
                throw new UncheckedIOException("could not create the hub key file " + file + ": " + e.getMessage(), e);
            }
        }
        return load(file);
    }

    public static KeyPair load(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the hub key file " + file + ": " + e.getMessage(), e);
        }
        String privateKey = properties.getProperty(PRIVATE);
        String publicKey = properties.getProperty(PUBLIC);
        if (privateKey == null || publicKey == null) {
            throw new IllegalArgumentException("the hub key file " + file + " needs " + PRIVATE + " and " + PUBLIC
                    + "; delete it to have a new key made");
        }
        try {
            PrivateKey key = KeyFactory.getInstance("Ed25519").generatePrivate(
                    new PKCS8EncodedKeySpec(Base64.getDecoder().decode(privateKey.strip())));
            return new KeyPair(Ed25519.publicKey(HexFormat.of().parseHex(publicKey.strip())), key);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the hub key file " + file + " holds no valid Ed25519 key: " + e.getMessage(), e);
        }
    }

    static void create(Path file, KeyPair keys) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path fresh = Files.createTempFile(parent, ".hub-key", ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(fresh, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the user's profile directory already restricts it
            }
            try (Writer writer = Files.newBufferedWriter(fresh, StandardCharsets.UTF_8)) {
                writer.write("# Swarmplace ledger hub key: it owns your hub accounts. Keep it secret, back it up.\n");
                writer.write(PRIVATE + "=" + Base64.getEncoder().encodeToString(keys.getPrivate().getEncoded()) + "\n");
                writer.write(PUBLIC + "=" + Ed25519.hex(Ed25519.raw(keys.getPublic())) + "\n");
            }
            Files.move(fresh, file);
        } finally {
            Files.deleteIfExists(fresh);
        }
    }
}
