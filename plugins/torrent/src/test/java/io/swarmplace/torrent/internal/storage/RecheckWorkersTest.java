package io.swarmplace.torrent.internal.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The recheck's memory bound: never more pieces in flight, nor buffers, than workers. */
class RecheckWorkersTest {

    @Test
    void checksEveryPieceOnceWithAtMostTheWorkersBuffersAndInFlight() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            int[] order = IntStream.range(0, 200).toArray();
            AtomicInteger inFlight = new AtomicInteger();
            AtomicInteger maxInFlight = new AtomicInteger();
            Set<byte[]> buffers = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
            BitSet seen = new BitSet();
            Recheck.PieceCheck check = (piece, buffer) -> {
                int now = inFlight.incrementAndGet();
                maxInFlight.accumulateAndGet(now, Math::max);
                buffers.add(buffer);
                synchronized (seen) {
                    assertThat(seen.get(piece)).as("piece %d checked twice", piece).isFalse();
                    seen.set(piece);
                }
                Thread.onSpinWait();
                inFlight.decrementAndGet();
                return piece % 3 != 0;
            };
            AtomicInteger lastVerified = new AtomicInteger();
            BitSet result = new Recheck(order, 3, 1024, pool, check,
                    (checked, total, verified) -> lastVerified.accumulateAndGet(verified, Math::max),
                    () -> seen, () -> new StorageException(StorageException.Kind.CLOSED, "gone"))
                    .start().get(20, TimeUnit.SECONDS);

            assertThat(result.cardinality()).isEqualTo(200);
            assertThat(maxInFlight.get()).isLessThanOrEqualTo(3);
            // At most one buffer per worker; a worker the pool starts late may find every piece taken.
            assertThat(buffers).hasSizeBetween(1, 3).allMatch(buffer -> buffer.length == 1024);
            assertThat(lastVerified.get()).isEqualTo(133);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailingPieceStopsTheOtherWorkers() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            AtomicInteger calls = new AtomicInteger();
            StorageException broken = new StorageException(StorageException.Kind.PERMISSION_DENIED, "denied");
            var future = new Recheck(IntStream.range(0, 1000).toArray(), 2, 16, pool, (piece, buffer) -> {
                calls.incrementAndGet();
                if (piece == 5) {
                    throw broken;
                }
                return true;
            }, ProgressListener.NONE, BitSet::new, () -> broken).start();
            try {
                future.get(20, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                assertThat(e.getCause()).isSameAs(broken);
            }
            assertThat(future).isCompletedExceptionally();
            pool.shutdown();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
            assertThat(calls.get()).isLessThan(1000);
        } finally {
            pool.shutdownNow();
        }
    }
}
