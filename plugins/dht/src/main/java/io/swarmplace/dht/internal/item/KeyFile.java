package io.swarmplace.dht.internal.item;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * An ed25519 signing key for mutable DHT items, in a file of one line: the 32-byte RFC 8032 seed as 64 hex
 * digits (the public key derives from it). New files are readable by their owner only.
 */
public final class KeyFile {

    private KeyFile() {}

    /** The key pair in {@code file}. */
    public static KeyPair read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        byte[] seed;
        try {
            seed = HexFormat.of().parseHex(text);
        } catch (IllegalArgumentException notHex) {
            throw new IOException(file + " is not a DHT key file: it should hold one line of 64 hex digits (an ed25519 seed)");
        }
        if (seed.length != Ed25519Keys.SEED_LENGTH) {
            throw new IOException(file + " holds " + seed.length + " bytes; a DHT key file holds a 32-byte ed25519 seed"
                    + " as 64 hex digits");
        }
        return Ed25519Keys.fromSeed(seed);
    }

    /** Generates a key pair and writes it to {@code file}, which must not exist yet. */
    public static KeyPair create(Path file, SecureRandom random) throws IOException {
        byte[] seed = new byte[Ed25519Keys.SEED_LENGTH];
        random.nextBytes(seed);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (Files.exists(file)) {
            throw new FileAlreadyExistsException(file + " exists already; read it instead of replacing a key");
        }
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        Files.writeString(file, HexFormat.of().formatHex(seed) + "\n", StandardCharsets.US_ASCII);
        return Ed25519Keys.fromSeed(seed);
    }
}
