package io.swarmplace.plugins.internal.download;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import io.netty.handler.timeout.ReadTimeoutException;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Sends one GET and streams the response body into a file. Reading is driven by hand (auto-read is
 * off): each chunk is written on the disk executor, and only then is the next one read, so the event
 * loop never touches the disk and a slow disk slows the download instead of filling memory.
 */
final class BodyToFileHandler extends ChannelInboundHandlerAdapter {

    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private final URI uri;
    private final FileChannel file;
    private final Executor disk;
    private final DownloadLimits limits;
    private final String userAgent;
    private final CompletableFuture<FetchOutcome> outcome;
    private long received;

    BodyToFileHandler(URI uri, FileChannel file, Executor disk, DownloadLimits limits, String userAgent,
            CompletableFuture<FetchOutcome> outcome) {
        this.uri = uri;
        this.file = file;
        this.disk = disk;
        this.limits = limits;
        this.userAgent = userAgent;
        this.outcome = outcome;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        DefaultFullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, pathAndQuery());
        request.headers()
                .set(HttpHeaderNames.HOST, uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort())
                .set(HttpHeaderNames.USER_AGENT, userAgent)
                .set(HttpHeaderNames.ACCEPT_ENCODING, HttpHeaderValues.IDENTITY)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(request);
        ctx.read();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        try {
            if (message instanceof HttpResponse response && !onResponse(ctx, response)) {
                return;
            }
            if (message instanceof HttpContent content) {
                onContent(ctx, content);
                return;
            }
        } finally {
            if (!(message instanceof HttpContent)) {
                ReferenceCountUtil.release(message);
            }
        }
        ctx.read();
    }

    /** Returns true to keep reading the body. */
    private boolean onResponse(ChannelHandlerContext ctx, HttpResponse response) {
        int status = response.status().code();
        if (REDIRECTS.contains(status)) {
            String location = response.headers().get(HttpHeaderNames.LOCATION);
            if (location == null) {
                return fail(ctx, new DownloadFailure("the server answered " + response.status() + " without saying where to (no Location)"));
            }
            try {
                complete(ctx, new FetchOutcome.Redirected(uri.resolve(location.strip())));
            } catch (IllegalArgumentException e) {
                fail(ctx, new DownloadFailure("the server redirects to '" + location + "', which is not a valid URL", e));
            }
            return false;
        }
        if (status != HttpResponseStatus.OK.code()) {
            return fail(ctx, DownloadFailure.httpStatus(response.status().toString()));
        }
        // Refused before a single body byte is read when the server is honest about the size.
        if (HttpUtil.getContentLength(response, -1L) > limits.maxBytes()) {
            return fail(ctx, DownloadFailure.tooLarge(limits));
        }
        return true;
    }

    private void onContent(ChannelHandlerContext ctx, HttpContent content) {
        if (outcome.isDone()) {
            content.release();
            return;
        }
        ByteBuf chunk = content.content();
        received += chunk.readableBytes();
        if (received > limits.maxBytes()) {
            content.release();
            fail(ctx, DownloadFailure.tooLarge(limits));
            return;
        }
        boolean last = content instanceof LastHttpContent;
        long total = received;
        onDisk(ctx, content, () -> {
            try {
                while (chunk.isReadable()) {
                    chunk.readBytes(file, chunk.readableBytes());
                }
                if (last) {
                    complete(ctx, new FetchOutcome.Saved(total));
                } else {
                    ctx.read();
                }
            } catch (IOException e) {
                fail(ctx, new DownloadFailure("cannot write the download to disk (" + e.getMessage() + ")", e));
            } finally {
                content.release();
            }
        });
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        // Queued behind pending writes: after the last chunk the outcome is already complete and this is a no-op.
        DownloadFailure failure;
        if (ctx.channel().eventLoop().isShuttingDown()) {
            failure = DownloadFailure.stopping();
        } else if (handshakeTimedOut(ctx)) {
            failure = DownloadFailure.handshakeTimedOut(address(), limits);
        } else {
            failure = DownloadFailure.closedEarly(handshakePending(ctx), address());
        }
        onDisk(ctx, null, () -> fail(ctx, failure));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof ReadTimeoutException) {
            fail(ctx, handshakePending(ctx) ? DownloadFailure.handshakeTimedOut(address(), limits) : DownloadFailure.readTimedOut(limits));
        } else {
            fail(ctx, DownloadFailure.afterConnect(address(), cause));
        }
    }

    /** Runs {@code task} on the disk thread; if that is gone the plugin manager is stopping, so the download ends. */
    private void onDisk(ChannelHandlerContext ctx, HttpContent content, Runnable task) {
        try {
            disk.execute(task);
        } catch (RejectedExecutionException e) {
            ReferenceCountUtil.release(content);
            fail(ctx, DownloadFailure.stopping());
        }
    }

    private boolean fail(ChannelHandlerContext ctx, DownloadFailure failure) {
        if (outcome.completeExceptionally(failure)) {
            ctx.close();
        }
        return false;
    }

    private void complete(ChannelHandlerContext ctx, FetchOutcome result) {
        if (outcome.complete(result)) {
            ctx.close();
        }
    }

    /** The SslHandler closes the connection itself when its handshake timeout strikes. */
    private static boolean handshakeTimedOut(ChannelHandlerContext ctx) {
        SslHandler tls = ctx.pipeline().get(SslHandler.class);
        return tls != null && tls.handshakeFuture().cause() instanceof SslHandshakeTimeoutException;
    }

    /** True for https until the handshake succeeded, also when it has failed: then TLS is the culprit. */
    private static boolean handshakePending(ChannelHandlerContext ctx) {
        SslHandler tls = ctx.pipeline().get(SslHandler.class);
        return tls != null && !tls.handshakeFuture().isSuccess();
    }

    private String address() {
        return uri.getHost() + ":" + (uri.getPort() > 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80);
    }

    private String pathAndQuery() {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }
}
