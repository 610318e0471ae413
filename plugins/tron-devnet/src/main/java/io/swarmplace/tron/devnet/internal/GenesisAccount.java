package io.swarmplace.tron.devnet.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

import org.tron.trident.core.key.KeyPair;

import io.swarmplace.tron.devnet.Faucet;

/**
 * The devnet's genesis ("faucet") account, as geth --dev and Ganache have one: created and funded once, on the first
 * start of an empty data directory, so that nodes sharing a devnet process fund themselves with plain TRON transfers.
 * The key is a devnet-only key: it is written in clear (owner-only) because anyone on the machine may run the devnet.
 */
public final class GenesisAccount {

    public static final String KEY_FILE = "faucet.key";
    public static final long GENESIS_TRX_SUN = 1_000_000_000L * 1_000_000L;
    public static final long GENESIS_BTT_TRC10 = 1_000_000_000L * 1_000_000L;
    public static final BigInteger GENESIS_BTT_TRC20 = BigInteger.valueOf(1_000_000_000L).multiply(BigInteger.TEN.pow(18));

    private final String address;
    private final Path keyFile;

    private GenesisAccount(String address, Path keyFile) {
        this.address = address;
        this.keyFile = keyFile;
    }

    /** Loads the genesis account of {@code dataDirectory}, or creates and funds it when the directory has none. */
    public static GenesisAccount loadOrCreate(Path dataDirectory, Faucet faucet) {
        Path keyFile = dataDirectory.resolve(KEY_FILE);
        try {
            if (Files.exists(keyFile)) {
                String hex = Files.readString(keyFile, StandardCharsets.US_ASCII).trim();
                return new GenesisAccount(keyPair(hex, keyFile).toBase58CheckAddress(), keyFile);
            }
            KeyPair key = KeyPair.generate();
            Path pending = writeOwnerOnly(dataDirectory, key.toPrivateKey());
            String address = key.toBase58CheckAddress();
            faucet.mintTrx(address, GENESIS_TRX_SUN);
            faucet.mintBttTrc10(address, GENESIS_BTT_TRC10);
            faucet.mintBttTrc20(address, GENESIS_BTT_TRC20);
            // Published only once funded: a crash before this line leaves no key that points at an empty account.
            Files.move(pending, keyFile, StandardCopyOption.ATOMIC_MOVE);
            return new GenesisAccount(address, keyFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the devnet faucet key " + keyFile + ": " + e.getMessage(), e);
        }
    }

    private static KeyPair keyPair(String hex, Path keyFile) {
        try {
            return new KeyPair(hex);
        } catch (RuntimeException e) {
            throw new IllegalStateException(keyFile + " does not hold a TRON private key (64 hex digits); "
                    + "delete it only together with the chain state in its directory", e);
        }
    }

    private static Path writeOwnerOnly(Path directory, String privateKeyHex) throws IOException {
        Files.createDirectories(directory);
        Path pending = Files.createTempFile(directory, KEY_FILE, ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (FileChannel channel = FileChannel.open(pending, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.write(StandardCharsets.US_ASCII.encode(privateKeyHex + "\n"));
            channel.force(true);
        }
        return pending;
    }

    /** Base58Check address of the genesis account. */
    public String address() {
        return address;
    }

    /** The file holding the genesis private key as hex, for {@code wallet import --key-file}. */
    public Path keyFile() {
        return keyFile;
    }
}
