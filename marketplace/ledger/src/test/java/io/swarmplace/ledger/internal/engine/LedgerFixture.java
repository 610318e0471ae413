package io.swarmplace.ledger.internal.engine;

import io.swarmplace.ledger.internal.store.LedgerDatabase;
import java.time.Clock;
import java.time.Duration;

/** A ledger over a test database, for one test class: opened once, restarted on demand, dropped at the end. */
final class LedgerFixture implements AutoCloseable {

    private final TestDatabase testDatabase;
    private final Clock clock;
    private final WriteFaults faults;
    private LedgerDatabase database;
    private LedgerEngine ledger;

    private LedgerFixture(TestDatabase testDatabase, Clock clock, WriteFaults faults) {
        this.testDatabase = testDatabase;
        this.clock = clock;
        this.faults = faults;
        start();
    }

    /** Expiry sweeps are left to the tests ({@link LedgerEngine#expireDue()}). */
    static LedgerFixture open(TestDatabase testDatabase, Clock clock, WriteFaults faults) {
        return new LedgerFixture(testDatabase, clock, faults);
    }

    private void start() {
        database = LedgerDatabase.open(testDatabase.settings());
        ledger = LedgerEngine.start(database, clock, Duration.ofHours(1), faults);
    }

    LedgerEngine ledger() {
        return ledger;
    }

    TestDatabase testDatabase() {
        return testDatabase;
    }

    /** What a process restart does to the ledger: everything in memory is gone, the database stays. */
    void restart() {
        stop();
        start();
    }

    private void stop() {
        ledger.close();
        database.close();
    }

    @Override
    public void close() throws Exception {
        stop();
        testDatabase.drop();
    }
}
