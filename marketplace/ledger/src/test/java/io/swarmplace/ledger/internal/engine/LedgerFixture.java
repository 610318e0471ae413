package io.swarmplace.ledger.internal.engine;

import io.swarmplace.ledger.internal.store.LedgerDatabase;
import java.time.Clock;
import java.time.Duration;

/** A ledger over a test database, for one test class: opened once, restarted on demand, dropped at the end. */
final class LedgerFixture implements AutoCloseable {

    private final TestDatabase testDatabase;
    private final Clock clock;
    private final WriteFaults faults;
    private final Duration expiryInterval;
    private LedgerDatabase database;
    private LedgerEngine ledger;

    private LedgerFixture(TestDatabase testDatabase, Clock clock, WriteFaults faults, Duration expiryInterval) {
        this.testDatabase = testDatabase;
        this.clock = clock;
        this.faults = faults;
        this.expiryInterval = expiryInterval;
        start();
    }

    /** The writer sweeps expired pending transfers every {@code expiryInterval}; tests can also call {@link LedgerEngine#expireDue()}. */
    static LedgerFixture open(TestDatabase testDatabase, Clock clock, WriteFaults faults, Duration expiryInterval) {
        return new LedgerFixture(testDatabase, clock, faults, expiryInterval);
    }

    private void start() {
        database = LedgerDatabase.open(testDatabase.settings());
        ledger = LedgerEngine.start(database, clock, expiryInterval, faults);
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

    /** Closes the ledger but keeps its database, for another process to open. */
    void stop() {
        ledger.close();
        database.close();
    }

    @Override
    public void close() throws Exception {
        stop();
        testDatabase.drop();
    }
}
