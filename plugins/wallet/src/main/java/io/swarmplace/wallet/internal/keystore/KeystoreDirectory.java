package io.swarmplace.wallet.internal.keystore;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.swarmplace.wallet.TronAddress;
import io.swarmplace.wallet.WalletException;
import io.swarmplace.wallet.internal.crypto.TronKeys;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The node's accounts: one version 3 keystore file per key in a directory, named as other wallets name
 * them ({@code UTC--<time>--<address>.json}) so the files can be opened elsewhere. Keys exist in memory
 * only while a caller holds them, and never leave this package except to sign.
 */
public final class KeystoreDirectory {

    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss.SSS'Z'");

    private final Path directory;
    private final KeystoreCipher cipher;
    private final SecureRandom random;
    private final ScryptCost cost;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public KeystoreDirectory(Path directory, SecureRandom random, ScryptCost cost) {
        this.directory = directory;
        this.random = random;
        this.cipher = new KeystoreCipher(random);
        this.cost = cost;
    }

    /** Generates a new key pair and stores it under {@code passphrase}. */
    public TronAddress create(char[] passphrase) throws WalletException {
        byte[] privateKey = TronKeys.newPrivateKey(random);
        try {
            return store(privateKey, passphrase);
        } finally {
            TronKeys.wipe(privateKey);
        }
    }

    /** Stores an existing private key (64 hex digits) under {@code passphrase}. */
    public TronAddress importKey(char[] privateKeyHex, char[] passphrase) throws WalletException {
        byte[] privateKey;
        try {
            privateKey = HexFormat.of().parseHex(new String(privateKeyHex).strip());
            TronKeys.requireValidPrivateKey(privateKey);
        } catch (IllegalArgumentException e) {
            throw new WalletException("cannot import the private key: " + e.getMessage());
        }
        try {
            TronAddress address = TronKeys.addressOf(privateKey);
            if (find(address) != null) {
                throw new WalletException("the keystore already holds " + address);
            }
            return store(privateKey, passphrase);
        } finally {
            TronKeys.wipe(privateKey);
        }
    }

    /** Addresses of every keystore file in the directory, oldest first. */
    public List<TronAddress> addresses() throws WalletException {
        List<TronAddress> addresses = new ArrayList<>();
        for (Path file : files()) {
            addresses.add(TronAddress.parse(read(file).address()));
        }
        return addresses;
    }

    /**
     * Decrypts the key of {@code address}. The caller must wipe the returned bytes (TronKeys.wipe) once
     * it has signed.
     */
    public byte[] unlock(TronAddress address, char[] passphrase) throws WalletException {
        Path file = find(address);
        if (file == null) {
            throw new WalletException("no key for " + address + " in " + directory + "; 'wallet list' shows the accounts");
        }
        byte[] privateKey = cipher.decrypt(read(file), passphrase);
        if (!TronKeys.addressOf(privateKey).equals(address)) {
            TronKeys.wipe(privateKey);
            throw new WalletException("keystore file " + file.getFileName() + " holds a key for another address than it claims");
        }
        return privateKey;
    }

    private TronAddress store(byte[] privateKey, char[] passphrase) throws WalletException {
        KeystoreJson keystore = cipher.encrypt(privateKey, passphrase, cost);
        String name = "UTC--" + FILE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)) + "--" + keystore.address() + ".json";
        try {
            AtomicFiles.write(directory.resolve(name), json.writeValueAsBytes(keystore));
        } catch (IOException e) {
            throw new WalletException("cannot write the keystore in " + directory + ": " + e.getMessage(), e);
        }
        return TronAddress.parse(keystore.address());
    }

    private Path find(TronAddress address) throws WalletException {
        for (Path file : files()) {
            if (address.base58().equals(read(file).address())) {
                return file;
            }
        }
        return null;
    }

    private List<Path> files() throws WalletException {
        List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return files;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, "UTC--*.json")) {
            stream.forEach(files::add);
        } catch (IOException e) {
            throw new WalletException("cannot list the keystore directory " + directory + ": " + e.getMessage(), e);
        }
        files.sort(null);
        return files;
    }

    private KeystoreJson read(Path file) throws WalletException {
        try {
            return json.readValue(file.toFile(), KeystoreJson.class);
        } catch (IOException e) {
            throw new WalletException("keystore file " + file + " is not a valid keystore: " + e.getMessage(), e);
        }
    }
}
