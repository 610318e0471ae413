package io.swarmplace.ledger.internal.engine;

import org.junit.jupiter.api.BeforeAll;

/** The ledger's rules on the embedded default, an H2 file. */
class H2LedgerTest extends LedgerContractTest {

    @BeforeAll
    static void start() throws Exception {
        open(TestDatabase.h2());
    }
}
