package io.swarmplace.ledger.internal.engine;

/** The ledger process killed mid-stream on PostgreSQL. */
class PostgresProcessKillTest extends ProcessKillTest {

    @Override
    TestDatabase database() throws Exception {
        return TestDatabase.postgres(PostgresProcessKillTest.class);
    }
}
