package io.swarmplace.ledger.hub.internal.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.handler.ssl.SslContext;
import io.swarmplace.ledger.LedgerUnavailableException;
import io.swarmplace.ledger.hub.HubError;
import io.swarmplace.ledger.hub.HubException;
import io.swarmplace.ledger.hub.internal.wire.Ed25519;
import io.swarmplace.ledger.hub.internal.wire.HubOperation;
import io.swarmplace.ledger.hub.internal.wire.HubRequest;
import io.swarmplace.ledger.hub.internal.wire.HubResponse;
import io.swarmplace.ledger.hub.internal.wire.SignedRequest;
import io.swarmplace.ledger.hub.internal.wire.WireJson;
import java.io.IOException;
import java.security.KeyPair;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One connection to a hub, made on first use and again after it drops. Calls may be made from many threads
 * at once: they are pipelined on the connection and matched to their answers by sequence. A call that
 * loses its connection or times out is sent again with a new sequence (the ids inside stay the same).
 */
public final class HubClient implements AutoCloseable {

    /** Refusals that say nothing about the request itself: waiting and sending it again may succeed. */
    private static final Set<String> RETRIED = Set.of(HubError.LEDGER_UNAVAILABLE.name(), HubError.RATE_LIMITED.name());

    private final HubClientSettings settings;
    private final KeyPair key;
    private final byte[] rawPublicKey;
    private final SslContext tls;
    private final Clock clock;
    private final ObjectMapper json = WireJson.mapper();
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final AtomicLong sequence;
    private Connection connection;
    private boolean closed;

    public HubClient(HubClientSettings settings, KeyPair key, SslContext tls, Clock clock) {
        this.settings = settings;
        this.key = key;
        this.rawPublicKey = Ed25519.raw(key.getPublic());
        this.tls = tls;
        this.clock = clock;
        // Microseconds of the clock: above anything this key sent before a restart, without a file of its own.
        this.sequence = new AtomicLong(TimeUnit.MILLISECONDS.toMicros(clock.millis()));
    }

    public String publicKeyHex() {
        return Ed25519.hex(rawPublicKey);
    }

    public ObjectMapper json() {
        return json;
    }

    /**
     * Sends the operation and returns its result.
     *
     * @throws HubException if the hub refused it (nothing moved)
     * @throws LedgerUnavailableException if no answer came after every attempt; retrying with the same ids is safe
     */
    public JsonNode call(HubOperation operation, JsonNode arguments) {
        Exception last = null;
        for (int attempt = 1; attempt <= settings.attempts(); attempt++) {
            if (attempt > 1) {
                pause(attempt);
            }
            try {
                HubResponse response = send(operation, arguments);
                if (response.ok()) {
                    return response.result();
                }
                if (HubError.REPLAYED_SEQUENCE.name().equals(response.status()) && response.result() != null
                        && response.result().has("lastSequence")) {
                    // The hub saw a higher sequence from this key: the clock stepped back, or another process
                    // shares the key file. Continue above it; the retry is safe (same ids).
                    long hubLast = response.result().get("lastSequence").asLong();
                    sequence.accumulateAndGet(hubLast, Math::max);
                    last = new IOException(response.status() + ": " + response.message());
                    continue;
                }
                if (!RETRIED.contains(response.status())) {
                    throw new HubException(error(response.status()), response.message());
                }
                last = new IOException(response.status() + ": " + response.message());
            } catch (IOException | TimeoutException e) {
                last = e;
                dropConnection();
            }
        }
        throw new LedgerUnavailableException("the ledger hub at " + settings.hub() + " did not answer " + operation + " after "
                + settings.attempts() + " attempts (" + last.getMessage() + "); retrying with the same ids is safe", last);
    }

    private HubResponse send(HubOperation operation, JsonNode arguments) throws IOException, TimeoutException {
        Connection current = connection();
        // Encoded before numbering (the arguments are the bulk of the payload), so pipelined callers only
        // queue for the sequence, the signature and the write.
        byte[] encodedArguments;
        try {
            encodedArguments = json.writeValueAsBytes(arguments);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("could not encode a hub request: " + e.getMessage(), e);
        }
        CompletableFuture<HubResponse> answer;
        long requestSequence;
        // The hub refuses a sequence below one it has seen: numbering and writing happen in one step, so
        // pipelined calls from many threads reach the wire in sequence order.
        synchronized (sequence) {
            requestSequence = sequence.updateAndGet(previous -> Math.max(previous + 1, TimeUnit.MILLISECONDS.toMicros(clock.millis())));
            byte[] payload = HubRequest.payload(requestSequence, clock.millis(), operation.name(), encodedArguments);
            SignedRequest request = new SignedRequest(rawPublicKey, Ed25519.sign(key.getPrivate(), rawPublicKey, payload), payload, null);
            answer = current.router.expect(requestSequence);
            ByteBuf frame = current.channel.alloc().buffer(SignedRequest.HEADER_BYTES + payload.length);
            request.writeTo(frame);
            current.channel.writeAndFlush(frame);
        }
        try {
            return answer.get(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException ? (IOException) e.getCause() : new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerUnavailableException("interrupted while waiting for the ledger hub", e);
        } finally {
            current.router.forget(requestSequence);
        }
    }

    private synchronized Connection connection() throws IOException {
        if (closed) {
            throw new LedgerUnavailableException("the hub client is closed", null);
        }
        if (connection != null && connection.channel.isActive()) {
            return connection;
        }
        ResponseRouter router = new ResponseRouter(json);
        Bootstrap bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.requestTimeout().toMillis())
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        ChannelPipeline pipeline = channel.pipeline();
                        if (tls != null) {
                            pipeline.addLast("tls", tls.newHandler(channel.alloc(), settings.hub().getHostString(), settings.hub().getPort()));
                        }
                        pipeline.addLast("frames", new LengthFieldBasedFrameDecoder(settings.maxFrameBytes(), 0, 4, 0, 4));
                        pipeline.addLast("frame-length", new LengthFieldPrepender(4));
                        pipeline.addLast("responses", router);
                    }
                });
        try {
            Channel channel = bootstrap.connect(settings.hub()).syncUninterruptibly().channel();
            connection = new Connection(channel, router);
            return connection;
        } catch (RuntimeException e) {
            throw new IOException("could not connect to the ledger hub at " + settings.hub() + ": " + e.getMessage(), e);
        }
    }

    private synchronized void dropConnection() {
        if (connection != null) {
            connection.channel.close();
            connection = null;
        }
    }

    private void pause(int attempt) {
        try {
            Thread.sleep(settings.retryDelay().toMillis() * Math.min(attempt - 1, 10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerUnavailableException("interrupted while waiting to retry the ledger hub", e);
        }
    }

    private static HubError error(String status) {
        for (HubError error : HubError.values()) {
            if (error.name().equals(status)) {
                return error;
            }
        }
        return HubError.INTERNAL_ERROR;
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        dropConnection();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private record Connection(Channel channel, ResponseRouter router) {}
}
