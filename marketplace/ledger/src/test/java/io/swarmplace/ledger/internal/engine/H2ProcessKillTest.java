package io.swarmplace.ledger.internal.engine;

/** The ledger process killed mid-stream on the embedded H2 file. */
class H2ProcessKillTest extends ProcessKillTest {

    @Override
    TestDatabase database() throws Exception {
        return TestDatabase.h2();
    }
}
