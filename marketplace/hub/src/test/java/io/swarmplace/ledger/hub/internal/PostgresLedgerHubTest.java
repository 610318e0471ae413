package io.swarmplace.ledger.hub.internal;

import io.swarmplace.ledger.internal.store.DatabaseSettings;
import java.nio.file.Path;

/** The hub over a ledger on the real PostgreSQL (schema hub_test, dropped after). */
class PostgresLedgerHubTest extends LedgerHubTest {

    private PostgresSchema schema;

    @Override
    DatabaseSettings database(Path directory) throws Exception {
        schema = PostgresSchema.create("hub_test");
        return schema.settings();
    }

    @Override
    void dropDatabase() throws Exception {
        if (schema != null) {
            schema.close();
        }
    }
}
