package io.swarmplace.dht.internal.node;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import io.swarmplace.dht.DhtErrorException;
import io.swarmplace.dht.DhtTimeoutException;
import io.swarmplace.dht.DhtUnavailableException;
import io.swarmplace.dht.internal.krpc.ByteString;
import io.swarmplace.dht.internal.krpc.KrpcError;
import io.swarmplace.dht.internal.krpc.KrpcMessage;
import io.swarmplace.dht.internal.krpc.KrpcResponse;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Our queries in flight, by transaction id. A response or error completes the query it answers only if it
 * comes from the address the query went to; a query unanswered for its timeout fails with
 * {@link DhtTimeoutException}. Ids are 4 bytes from a counter with a random start. Used on one event loop.
 */
public final class Transactions {

    private final EventExecutor loop;
    private final int maxInFlight;
    private final Map<ByteString, Pending> pending = new HashMap<>();
    private int next;

    private record Pending(InetSocketAddress recipient, String method, CompletableFuture<KrpcResponse> future,
            ScheduledFuture<?> timeout) {}

    public Transactions(EventExecutor loop, int maxInFlight, Random random) {
        this.loop = loop;
        this.maxInFlight = maxInFlight;
        this.next = random.nextInt();
    }

    /**
     * Reserves a transaction id for a query to {@code recipient}; the future completes with the response,
     * or fails with {@link DhtTimeoutException}, {@link DhtErrorException} or, when too many queries are in
     * flight already, {@link DhtUnavailableException} (then no id is reserved and the id is null).
     */
    public Started start(InetSocketAddress recipient, String method, Duration timeout) {
        CompletableFuture<KrpcResponse> future = new CompletableFuture<>();
        if (pending.size() >= maxInFlight) {
            future.completeExceptionally(new DhtUnavailableException("the DHT node has " + pending.size()
                    + " queries in flight already; try again shortly"));
            return new Started(null, future);
        }
        ByteString id;
        do {
            int value = next++;
            id = new ByteString(new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value});
        } while (pending.containsKey(id));
        ByteString key = id;
        ScheduledFuture<?> timer = loop.schedule(() -> {
            Pending expired = pending.remove(key);
            if (expired != null) {
                expired.future.completeExceptionally(new DhtTimeoutException(method + " to " + recipient
                        + " got no answer within " + timeout.toMillis() + " ms"));
            }
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        pending.put(id, new Pending(recipient, method, future, timer));
        return new Started(id, future);
    }

    /** A reserved id and the future of its answer. */
    public record Started(ByteString transactionId, CompletableFuture<KrpcResponse> answer) {
        public boolean refused() {
            return transactionId == null;
        }
    }

    /**
     * Completes the query {@code message} answers; false if it answers none of ours (unknown id, or
     * sent from another address than the one asked).
     */
    public boolean complete(KrpcMessage message, InetSocketAddress sender) {
        Pending query = pending.get(message.transactionId());
        if (query == null || !query.recipient.equals(sender)) {
            return false;
        }
        pending.remove(message.transactionId());
        query.timeout.cancel(false);
        if (message instanceof KrpcResponse response) {
            query.future.complete(response);
        } else if (message instanceof KrpcError error) {
            query.future.completeExceptionally(new DhtErrorException(query.method + " to " + sender + " failed with error "
                    + error.code() + ": " + error.message(), error.code(), error.message()));
        }
        return true;
    }

    /** Fails every query in flight (the node is stopping). */
    public void failAll(String reason) {
        List<Pending> all = new ArrayList<>(pending.values());
        pending.clear();
        for (Pending query : all) {
            query.timeout.cancel(false);
            query.future.completeExceptionally(new DhtUnavailableException(reason));
        }
    }

    public int inFlight() {
        return pending.size();
    }
}
