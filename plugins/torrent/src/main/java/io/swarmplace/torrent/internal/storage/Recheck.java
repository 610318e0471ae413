package io.swarmplace.torrent.internal.storage;

import java.util.BitSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Hashes a list of pieces with a fixed number of workers, each with one reusable piece buffer, so memory
 * stays at workers times the piece length however large the torrent. A worker checks one piece per task
 * and then hands itself back to the executor, so reads and writes of the running download interleave
 * with the check instead of waiting for it to end.
 */
final class Recheck {

    /** Reads and hashes one piece into the buffer; true when it matches. */
    interface PieceCheck {
        boolean check(int piece, byte[] buffer);
    }

    private final int[] order;
    private final int workers;
    private final int bufferSize;
    private final Executor executor;
    private final PieceCheck check;
    private final ProgressListener listener;
    private final Supplier<BitSet> outcome;
    private final Supplier<StorageException> rejected;
    private final CompletableFuture<BitSet> result = new CompletableFuture<>();
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger checked = new AtomicInteger();
    private final AtomicInteger good = new AtomicInteger();
    private final AtomicInteger running;

    /**
     * @param outcome the verified pieces to answer with once every piece is checked
     * @param rejected the error when the executor refuses work
     */
    Recheck(int[] order, int workers, int bufferSize, Executor executor, PieceCheck check, ProgressListener listener,
            Supplier<BitSet> outcome, Supplier<StorageException> rejected) {
        this.order = order;
        this.workers = workers;
        this.bufferSize = bufferSize;
        this.executor = executor;
        this.check = check;
        this.listener = listener;
        this.outcome = outcome;
        this.rejected = rejected;
        this.running = new AtomicInteger(workers);
    }

    CompletableFuture<BitSet> start() {
        for (int w = 0; w < workers; w++) {
            schedule(new byte[bufferSize]);
        }
        return result;
    }

    private void schedule(byte[] buffer) {
        try {
            executor.execute(() -> step(buffer));
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(rejected.get());
        }
    }

    private void step(byte[] buffer) {
        if (result.isDone()) {
            return;
        }
        int i = next.getAndIncrement();
        if (i >= order.length) {
            if (running.decrementAndGet() == 0) {
                result.complete(outcome.get());
            }
            return;
        }
        try {
            boolean ok = check.check(order[i], buffer);
            int done = checked.incrementAndGet();
            int verified = ok ? good.incrementAndGet() : good.get();
            listener.onProgress(done, order.length, verified);
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
            return;
        }
        schedule(buffer);
    }
}
