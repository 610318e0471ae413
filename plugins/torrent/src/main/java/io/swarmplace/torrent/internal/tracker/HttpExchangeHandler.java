package io.swarmplace.torrent.internal.tracker;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.ReadTimeoutException;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * One GET and its response: sends the request once connected, collects the body up to the size limit,
 * and completes {@code reply} exactly once, with the response or with a {@link TrackerException} that
 * says what went wrong (too large, malformed, truncated, too slow, TLS refused). Closes the channel
 * when done. The whole exchange has a deadline, so a server that drips bytes cannot hold it open.
 */
final class HttpExchangeHandler extends SimpleChannelInboundHandler<HttpObject> {

    private final URI tracker;
    private final URI target;
    private final HttpTrackerSettings settings;
    private final CompletableFuture<HttpReply> reply;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private HttpResponse head;
    private ScheduledFuture<?> deadline;

    HttpExchangeHandler(URI tracker, URI target, HttpTrackerSettings settings, CompletableFuture<HttpReply> reply) {
        this.tracker = tracker;
        this.target = target;
        this.settings = settings;
        this.reply = reply;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        deadline = ctx.executor().schedule(() -> fail(ctx, new TrackerTimeoutException(tracker,
                "no complete response within " + settings.responseTimeout().toMillis() + " ms ("
                        + body.size() + " bytes of the body received)")),
                settings.responseTimeout().toMillis(), TimeUnit.MILLISECONDS);
        // The TLS handler, if any, holds this write until its handshake is done.
        ctx.writeAndFlush(request()).addListener((ChannelFutureListener) written -> {
            if (!written.isSuccess()) {
                fail(ctx, describe(written.cause()));
            }
        });
        ctx.fireChannelActive();
    }

    private FullHttpRequest request() {
        String pathAndQuery = (target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath())
                + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, pathAndQuery);
        request.headers()
                .set(HttpHeaderNames.HOST, target.getRawAuthority().substring(target.getRawAuthority().lastIndexOf('@') + 1))
                .set(HttpHeaderNames.USER_AGENT, settings.userAgent())
                .set(HttpHeaderNames.ACCEPT_ENCODING, HttpHeaderValues.IDENTITY)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        return request;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, HttpObject message) {
        if (reply.isDone()) {
            return;
        }
        DecoderResult result = message.decoderResult();
        if (result.isFailure()) {
            fail(ctx, new TrackerResponseException(tracker, "the response is not valid HTTP: " + result.cause().getMessage(), result.cause()));
            return;
        }
        if (message instanceof HttpResponse response) {
            head = response;
            long declared = HttpUtil.getContentLength(response, -1L);
            if (declared > settings.maxResponseBytes()) {
                fail(ctx, tooLarge("declares " + declared + " bytes"));
                return;
            }
            if (redirectLocation().isPresent()) {
                // The body of a redirect is of no use; the client follows the Location.
                succeed(ctx);
                return;
            }
        }
        if (message instanceof HttpContent content) {
            if (head == null) {
                fail(ctx, new TrackerResponseException(tracker, "the response has content before its status line"));
                return;
            }
            ByteBuf data = content.content();
            if (body.size() + (long) data.readableBytes() > settings.maxResponseBytes()) {
                fail(ctx, tooLarge("has more than " + settings.maxResponseBytes() + " bytes"));
                return;
            }
            byte[] chunk = new byte[data.readableBytes()];
            data.readBytes(chunk);
            body.writeBytes(chunk);
            if (content instanceof LastHttpContent) {
                succeed(ctx);
            }
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        fail(ctx, new TrackerResponseException(tracker, head == null
                ? "the tracker closed the connection without a response"
                : "the tracker closed the connection after " + body.size() + " bytes, before the response was complete"));
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(ctx, describe(cause));
    }

    private TrackerException describe(Throwable cause) {
        if (cause instanceof ReadTimeoutException) {
            return new TrackerTimeoutException(tracker, "the tracker sent nothing for " + settings.readTimeout().toMillis() + " ms");
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof SSLException ssl) {
                return new TrackerConnectionException(tracker, "the TLS certificate or handshake of " + target.getHost() + ":"
                        + port() + " is not accepted: " + ssl.getMessage(), cause);
            }
        }
        return new TrackerConnectionException(tracker, "the connection failed: " + cause, cause);
    }

    private int port() {
        return target.getPort() > 0 ? target.getPort() : "https".equalsIgnoreCase(target.getScheme()) ? 443 : 80;
    }

    private TrackerResponseException tooLarge(String detail) {
        return new TrackerResponseException(tracker, "the response " + detail + ", more than the limit of "
                + settings.maxResponseBytes() + " bytes");
    }

    private Optional<String> redirectLocation() {
        int status = head.status().code();
        boolean redirect = status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
        return redirect ? Optional.ofNullable(head.headers().get(HttpHeaderNames.LOCATION)) : Optional.empty();
    }

    private void succeed(ChannelHandlerContext ctx) {
        cancelDeadline();
        reply.complete(new HttpReply(head.status().code(), head.status().reasonPhrase(), redirectLocation(), body.toByteArray()));
        ctx.close();
    }

    private void fail(ChannelHandlerContext ctx, TrackerException problem) {
        cancelDeadline();
        reply.completeExceptionally(problem);
        ctx.close();
    }

    private void cancelDeadline() {
        if (deadline != null) {
            deadline.cancel(false);
        }
    }
}
