package io.swarmplace.ledger.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;

/** One ledger per test class over its own database; after every test the invariants must hold. */
abstract class LedgerTestBase {

    static LedgerFixture fixture;
    static LedgerEngine ledger;

    static void open(TestDatabase db, Clock clock, WriteFaults faults, Duration expiryInterval) {
        fixture = LedgerFixture.open(db, clock, faults, expiryInterval);
        ledger = fixture.ledger();
    }

    /** Closes and reopens the ledger on the same database, as a process restart would. */
    static void restart() {
        fixture.restart();
        ledger = fixture.ledger();
    }

    @AfterAll
    static void close() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
        fixture = null;
    }

    @AfterEach
    void invariantsHold() {
        assertThat(ledger.verify().violations()).isEmpty();
    }
}
