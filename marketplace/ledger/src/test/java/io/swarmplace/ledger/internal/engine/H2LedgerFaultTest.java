package io.swarmplace.ledger.internal.engine;

import org.junit.jupiter.api.BeforeAll;

/** Faults mid-batch on the embedded default, an H2 file. */
class H2LedgerFaultTest extends LedgerFaultTest {

    @BeforeAll
    static void start() throws Exception {
        open(TestDatabase.h2());
    }
}
