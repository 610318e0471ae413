package io.swarmplace.wallet.internal.store;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swarmplace.wallet.WalletException;
import io.swarmplace.wallet.internal.keystore.AtomicFiles;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The wallet's transfers, one JSON file per transaction ({@code <txid>.json}), each written atomically
 * and forced to disk before the transaction it describes is broadcast. Loaded whole at start: a node's
 * own transfers are few compared to memory.
 */
public final class TransferStore {

    private final Path directory;
    private final ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final Map<String, StoredTransfer> byTxid = new HashMap<>();
    private final Map<String, String> txidByReference = new HashMap<>();

    public TransferStore(Path directory) throws WalletException {
        this.directory = directory;
        try {
            Files.createDirectories(directory);
            try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.json")) {
                for (Path file : files) {
                    index(json.readValue(file.toFile(), StoredTransfer.class));
                }
            }
        } catch (IOException e) {
            throw new WalletException("cannot read the wallet's transfers in " + directory + ": " + e.getMessage(), e);
        }
    }

    public synchronized void save(StoredTransfer transfer) throws WalletException {
        try {
            AtomicFiles.write(directory.resolve(transfer.txid() + ".json"), json.writeValueAsBytes(transfer));
        } catch (IOException e) {
            throw new WalletException("cannot record transfer " + transfer.txid() + " in " + directory + " (disk full?): "
                    + e.getMessage(), e);
        }
        index(transfer);
    }

    private void index(StoredTransfer transfer) {
        byTxid.put(transfer.txid(), transfer);
        if (!transfer.reference().isEmpty()) {
            txidByReference.put(transfer.reference(), transfer.txid());
        }
    }

    public synchronized Optional<StoredTransfer> byTxid(String txid) {
        return Optional.ofNullable(byTxid.get(txid));
    }

    public synchronized Optional<StoredTransfer> byReference(String reference) {
        return Optional.ofNullable(txidByReference.get(reference)).map(byTxid::get);
    }

    public synchronized List<StoredTransfer> all() {
        return new ArrayList<>(byTxid.values());
    }
}
