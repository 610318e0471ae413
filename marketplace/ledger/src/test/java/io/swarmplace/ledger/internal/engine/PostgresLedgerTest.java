package io.swarmplace.ledger.internal.engine;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swarmplace.ledger.LedgerException;
import io.swarmplace.ledger.internal.store.LedgerDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The ledger's rules on the real PostgreSQL server, in a schema of its own. */
class PostgresLedgerTest extends LedgerContractTest {

    @BeforeAll
    static void start() throws Exception {
        open(TestDatabase.postgres(PostgresLedgerTest.class));
    }

    @Test
    void aSecondLedgerOnTheSameDatabaseIsRefused() {
        assertThatThrownBy(() -> LedgerDatabase.open(fixture.testDatabase().settings()).close())
                .isInstanceOf(LedgerException.class)
                .hasMessageContaining("another ledger process already writes to");
    }
}
