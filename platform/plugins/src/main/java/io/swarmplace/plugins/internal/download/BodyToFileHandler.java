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
import io.netty.handler.timeout.ReadTimeoutException;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLException;

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
    private final long maxBytes;
    private final String userAgent;
    private final CompletableFuture<FetchOutcome> outcome;
    private long received;

    BodyToFileHandler(URI uri, FileChannel file, Executor disk, long maxBytes, String userAgent, CompletableFuture<FetchOutcome> outcome) {
        this.uri = uri;
        this.file = file;
        this.disk = disk;
        this.maxBytes = maxBytes;
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
                return fail(ctx, new DownloadFailure("the server answered " + response.status() + " without a Location"));
            }
            complete(ctx, new FetchOutcome.Redirected(uri.resolve(location)));
            return false;
        }
        if (status != HttpResponseStatus.OK.code()) {
            return fail(ctx, new DownloadFailure("the server answered " + response.status()));
        }
        long declared = HttpUtil.getContentLength(response, -1L);
        if (declared > maxBytes) {
            return fail(ctx, tooLarge());
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
        if (received > maxBytes) {
            content.release();
            fail(ctx, tooLarge());
            return;
        }
        boolean last = content instanceof LastHttpContent;
        disk.execute(() -> {
            try {
                while (chunk.isReadable()) {
                    chunk.readBytes(file, chunk.readableBytes());
                }
                if (last) {
                    complete(ctx, new FetchOutcome.Saved(received));
                } else {
                    ctx.read();
                }
            } catch (IOException e) {
                fail(ctx, new DownloadFailure("cannot write the download to disk: " + e.getMessage(), e));
            } finally {
                content.release();
            }
        });
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        // Queued behind pending writes: after the last chunk the outcome is already complete and this is a no-op.
        disk.execute(() -> fail(ctx, new DownloadFailure("the server closed the connection before the download finished")));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        SslHandler tls = ctx.pipeline().get(SslHandler.class);
        if (cause instanceof ReadTimeoutException && tls != null && !tls.handshakeFuture().isDone()) {
            fail(ctx, new DownloadFailure("the TLS handshake did not complete (read timeout): is it an https server?"));
        } else if (cause instanceof ReadTimeoutException) {
            fail(ctx, new DownloadFailure("the server stopped sending data (read timeout)"));
        } else if (cause instanceof SSLException || cause.getCause() instanceof SSLException) {
            fail(ctx, new DownloadFailure("the TLS handshake failed: " + rootMessage(cause), cause));
        } else {
            fail(ctx, new DownloadFailure(rootMessage(cause), cause));
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

    private DownloadFailure tooLarge() {
        return new DownloadFailure("it is larger than the limit of " + maxBytes / (1024 * 1024)
                + " MiB (max_artifact_size_mib in configuration io.swarmplace.plugins)");
    }

    private String pathAndQuery() {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }

    private static String rootMessage(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
