package io.swarmplace.bridge.internal.store;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swarmplace.bridge.BridgeException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The bridge's own durable state, as small JSON files in its data folder, each replaced atomically
 * (written aside, forced to disk, renamed): the custody address, the deposit address of each user, one
 * record per withdrawal (written before any money moves) and one per credited deposit.
 */
public final class BridgeStore {

    private static final String CUSTODY = "custody.json";
    private static final String DEPOSIT_ADDRESSES = "deposit-addresses.json";
    private static final String WITHDRAWALS = "withdrawals";
    private static final String DEPOSITS = "deposits";

    private final Path folder;
    private final ObjectMapper json = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public BridgeStore(Path folder) throws BridgeException {
        this.folder = folder;
        try {
            Files.createDirectories(folder.resolve(WITHDRAWALS));
            Files.createDirectories(folder.resolve(DEPOSITS));
        } catch (IOException e) {
            throw new BridgeException("cannot create the bridge's folder " + folder + ": " + e.getMessage(), e);
        }
    }

    public Path folder() {
        return folder;
    }

    public Optional<String> custodyAddress() throws BridgeException {
        return read(folder.resolve(CUSTODY), StoredCustody.class).map(StoredCustody::address);
    }

    public void saveCustodyAddress(String address) throws BridgeException {
        write(folder.resolve(CUSTODY), new StoredCustody(address));
    }

    /** User account (hex) to deposit address. */
    public synchronized Map<String, String> depositAddresses() throws BridgeException {
        Path file = folder.resolve(DEPOSIT_ADDRESSES);
        if (!Files.exists(file)) {
            return Map.of();
        }
        try {
            return json.readValue(file.toFile(), new TypeReference<TreeMap<String, String>>() {});
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    public synchronized void saveDepositAddress(String userAccount, String address) throws BridgeException {
        Map<String, String> all = new TreeMap<>(depositAddresses());
        all.put(userAccount, address);
        write(folder.resolve(DEPOSIT_ADDRESSES), all);
    }

    public Optional<StoredWithdrawal> withdrawal(String id) throws BridgeException {
        return read(folder.resolve(WITHDRAWALS).resolve(id + ".json"), StoredWithdrawal.class);
    }

    public void saveWithdrawal(StoredWithdrawal withdrawal) throws BridgeException {
        write(folder.resolve(WITHDRAWALS).resolve(withdrawal.id() + ".json"), withdrawal);
    }

    public List<StoredWithdrawal> withdrawals() throws BridgeException {
        return readAll(folder.resolve(WITHDRAWALS), StoredWithdrawal.class);
    }

    public Optional<StoredDeposit> deposit(String txid) throws BridgeException {
        return read(folder.resolve(DEPOSITS).resolve(txid + ".json"), StoredDeposit.class);
    }

    public void saveDeposit(StoredDeposit deposit) throws BridgeException {
        write(folder.resolve(DEPOSITS).resolve(deposit.txid() + ".json"), deposit);
    }

    public List<StoredDeposit> deposits() throws BridgeException {
        return readAll(folder.resolve(DEPOSITS), StoredDeposit.class);
    }

    private <T> List<T> readAll(Path directory, Class<T> type) throws BridgeException {
        List<T> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
                read(file, type).ifPresent(all::add);
            }
        } catch (IOException e) {
            throw unreadable(directory, e);
        }
        return all;
    }

    private <T> Optional<T> read(Path file, Class<T> type) throws BridgeException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(file.toFile(), type));
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    private void write(Path file, Object value) throws BridgeException {
        Path aside = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.write(aside, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(value));
            try (FileChannel channel = FileChannel.open(aside, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(aside, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new BridgeException("cannot write " + file + " (is the disk full or read-only?): " + e.getMessage(), e);
        }
    }

    private static BridgeException unreadable(Path file, IOException e) {
        return new BridgeException("cannot read the bridge's state in " + file + ": " + e.getMessage()
                + " (restore it from a backup; the ledger and the wallet keep their own records)", e);
    }
}
