package io.swarmplace.ledger.hub.internal.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.swarmplace.ledger.hub.internal.wire.HubResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Completes the waiting call whose sequence a response names; on a lost connection, fails every waiting
 * call so it can retry on a new one.
 */
final class ResponseRouter extends SimpleChannelInboundHandler<ByteBuf> {

    private final ObjectMapper json;
    private final Map<Long, CompletableFuture<HubResponse>> waiting = new ConcurrentHashMap<>();
    private volatile boolean closed;

    ResponseRouter(ObjectMapper json) {
        this.json = json;
    }

    CompletableFuture<HubResponse> expect(long sequence) {
        CompletableFuture<HubResponse> response = new CompletableFuture<>();
        waiting.put(sequence, response);
        if (closed) {
            waiting.remove(sequence);
            response.completeExceptionally(new ConnectException("the connection to the hub is closed"));
        }
        return response;
    }

    void forget(long sequence) {
        waiting.remove(sequence);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) throws IOException {
        HubResponse response;
        try (InputStream in = new ByteBufInputStream(frame)) {
            response = json.readValue(in, HubResponse.class);
        }
        CompletableFuture<HubResponse> call = waiting.remove(response.sequence());
        if (call != null) {
            call.complete(response);
        } else if (response.sequence() == 0) {
            // a refusal of a frame the hub could not read (too large, broken): fail all, the connection closes
            failAll(new IOException("the hub refused a frame: " + response.status() + ": " + response.message()));
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closed = true;
        failAll(new ConnectException("the connection to the hub was lost"));
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        failAll(cause instanceof IOException ? cause : new IOException("hub connection failed: " + cause, cause));
        ctx.close();
    }

    private void failAll(Throwable cause) {
        for (Long sequence : waiting.keySet()) {
            CompletableFuture<HubResponse> call = waiting.remove(sequence);
            if (call != null) {
                call.completeExceptionally(cause);
            }
        }
    }
}
