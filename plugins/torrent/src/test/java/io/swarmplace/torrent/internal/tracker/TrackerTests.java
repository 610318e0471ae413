package io.swarmplace.torrent.internal.tracker;

import io.swarmplace.torrent.metainfo.InfoHash;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Small helpers shared by the tracker tests. */
final class TrackerTests {

    private TrackerTests() {}

    /** A peer id of 20 bytes: the prefix, then filler. */
    static byte[] peerId(String prefix) {
        byte[] id = new byte[AnnounceRequest.PEER_ID_LENGTH];
        Arrays.fill(id, (byte) '0');
        byte[] text = prefix.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, id, 0, Math.min(text.length, id.length));
        return id;
    }

    static InfoHash randomInfoHash(Random random) {
        byte[] bytes = new byte[InfoHash.LENGTH];
        random.nextBytes(bytes);
        return new InfoHash(bytes);
    }

    static AnnounceRequest request(InfoHash infoHash, String peer, int port, long left, AnnounceEvent event) {
        return new AnnounceRequest(infoHash, peerId(peer), port, 0, 0, left, event, 50, 0x1234abcd, null);
    }

    /** Waits a bounded time for a future that must succeed. */
    static <T> T await(CompletableFuture<T> future) throws Exception {
        try {
            return future.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        } catch (TimeoutException e) {
            throw new AssertionError("no result within 10 s", e);
        }
    }

    /** Waits a bounded time for a future that must fail, and returns why (unwrapped). */
    static Throwable failure(CompletableFuture<?> future) throws InterruptedException {
        try {
            Object value = future.get(10, TimeUnit.SECONDS);
            throw new AssertionError("expected a failure, got " + value);
        } catch (ExecutionException e) {
            return HttpTrackerClient.unwrap(e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("neither result nor failure within 10 s", e);
        }
    }
}
