package io.swarmplace.wallet.internal.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swarmplace.wallet.WalletException;
import io.swarmplace.wallet.internal.keystore.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The wallet's small settings that change at run time: the default account and the last solidified
 * block the incoming-transfer watch has scanned (-1: not yet started). Saved atomically on each change.
 */
public final class WalletState {

    /** What is on disk. */
    public record Values(String defaultAccount, long scannedBlock) {}

    private final Path file;
    private final ObjectMapper json = new ObjectMapper();
    private Values values;

    public WalletState(Path file) throws WalletException {
        this.file = file;
        try {
            values = Files.exists(file) ? json.readValue(file.toFile(), Values.class) : new Values("", -1);
        } catch (IOException e) {
            throw new WalletException("cannot read the wallet state " + file + ": " + e.getMessage(), e);
        }
    }

    public synchronized String defaultAccount() {
        return values.defaultAccount();
    }

    public synchronized long scannedBlock() {
        return values.scannedBlock();
    }

    public synchronized void setDefaultAccount(String account) throws WalletException {
        write(new Values(account, values.scannedBlock()));
    }

    public synchronized void setScannedBlock(long block) throws WalletException {
        write(new Values(values.defaultAccount(), block));
    }

    private void write(Values next) throws WalletException {
        try {
            AtomicFiles.write(file, json.writeValueAsBytes(next));
        } catch (IOException e) {
            throw new WalletException("cannot save the wallet state " + file + ": " + e.getMessage(), e);
        }
        values = next;
    }
}
