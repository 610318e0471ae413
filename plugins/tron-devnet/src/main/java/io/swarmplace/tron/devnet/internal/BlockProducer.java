package io.swarmplace.tron.devnet.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.google.protobuf.ByteString;

/** Seals the pending transactions into a block at a fixed interval and saves the state after each block. */
final class BlockProducer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(BlockProducer.class.getName());

    private final ChainState state;
    private final StateSnapshot snapshot;
    private final Clock clock;
    private final ByteString witness;
    private final ScheduledExecutorService scheduler;

    BlockProducer(ChainState state, StateSnapshot snapshot, Clock clock, ByteString witness) {
        this.state = state;
        this.snapshot = snapshot;
        this.clock = clock;
        this.witness = witness;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "tron-devnet-block-producer");
            thread.setDaemon(true);
            return thread;
        });
    }

    void start(Duration interval) {
        scheduler.scheduleAtFixedRate(this::produceSafely, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void produce() {
        synchronized (state) {
            state.appendBlock(clock.millis(), witness);
            save();
        }
    }

    /** The caller holds the state's lock. */
    void save() {
        try {
            snapshot.write(state);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the devnet state to " + snapshot.file(), e);
        }
    }

    private void produceSafely() {
        try {
            produce();
        } catch (RuntimeException e) {
            // An exception would cancel the schedule and silently freeze the chain; keep producing.
            LOG.log(Level.SEVERE, "block production failed; retrying at the next interval", e);
        }
    }

    @Override
    public void close() {
        scheduler.shutdown();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
