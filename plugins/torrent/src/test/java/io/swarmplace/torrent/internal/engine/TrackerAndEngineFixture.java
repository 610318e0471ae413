package io.swarmplace.torrent.internal.engine;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * For interop tests where real peers and our engine find each other through our own tracker: a fresh
 * tracker and engine (data under {@code work/node}) per test, both stopped after it.
 */
abstract class TrackerAndEngineFixture {

    @TempDir
    Path work;

    InteropTracker tracker;
    TorrentEngine engine;

    /** Checks that the external peers every test of the class drives are installed, before anything starts. */
    void requirePeers() {
        // none by default
    }

    @BeforeEach
    final void startTrackerAndEngine() throws Exception {
        requirePeers();
        tracker = InteropTracker.start();
        engine = InteropSupport.newEngine(work.resolve("node"));
    }

    @AfterEach
    final void stopEngineAndTracker() throws Exception {
        if (engine != null) {
            engine.deactivate();
        }
        if (tracker != null) {
            tracker.close();
        }
    }
}
