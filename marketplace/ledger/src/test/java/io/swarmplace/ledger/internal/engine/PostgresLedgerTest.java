package io.swarmplace.ledger.internal.engine;

import org.junit.jupiter.api.BeforeAll;

/** The ledger's rules on the real PostgreSQL server, in a schema of its own. */
class PostgresLedgerTest extends LedgerContractTest {

    @BeforeAll
    static void start() throws Exception {
        open(TestDatabase.postgres(PostgresLedgerTest.class));
    }
}
