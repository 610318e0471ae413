package io.swarmplace.ledger.hub.internal;

import io.swarmplace.ledger.internal.store.DatabaseSettings;
import java.nio.file.Path;

class H2LedgerHubTest extends LedgerHubTest {

    @Override
    DatabaseSettings database(Path directory) {
        return DatabaseSettings.h2(directory.resolve("ledger"));
    }
}
