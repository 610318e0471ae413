package io.swarmplace.ledger.internal.engine;

import org.junit.jupiter.api.BeforeAll;

/** Faults mid-batch on the real PostgreSQL server: the writer's backend is terminated by the server. */
class PostgresLedgerFaultTest extends LedgerFaultTest {

    @BeforeAll
    static void start() throws Exception {
        open(TestDatabase.postgres(PostgresLedgerFaultTest.class));
    }
}
