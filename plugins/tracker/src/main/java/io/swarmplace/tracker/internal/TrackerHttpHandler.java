package io.swarmplace.tracker.internal;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.timeout.ReadTimeoutException;
import java.net.InetSocketAddress;

/**
 * Answers one aggregated HTTP request at a time with {@link HttpTrackerProtocol}. Requests the codec
 * could not parse (or that broke its size limits) get 400, 414 or 431 and the connection is closed;
 * methods other than GET get 405. Keep-alive follows the request.
 */
final class TrackerHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private final HttpTrackerProtocol protocol;
    private final TrackerStatistics statistics;

    TrackerHttpHandler(HttpTrackerProtocol protocol, TrackerStatistics statistics) {
        this.protocol = protocol;
        this.statistics = statistics;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (request.decoderResult().isFailure()) {
            statistics.invalidHttpRequests.increment();
            send(ctx, request, badRequest(request.decoderResult().cause()), false);
            return;
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (!HttpMethod.GET.equals(request.method())) {
            statistics.invalidHttpRequests.increment();
            FullHttpResponse response = response(HttpTrackerProtocol.text(405,
                    "method " + request.method() + " not allowed: tracker requests are GET"));
            response.headers().set(HttpHeaderNames.ALLOW, HttpMethod.GET.name());
            send(ctx, request, response, keepAlive);
            return;
        }
        InetSocketAddress remote = (InetSocketAddress) ctx.channel().remoteAddress();
        HttpReply reply = protocol.handle(request.uri(), remote.getAddress());
        send(ctx, request, response(reply), keepAlive);
    }

    private static FullHttpResponse badRequest(Throwable cause) {
        if (cause instanceof TooLongHttpLineException) {
            return response(HttpTrackerProtocol.text(414, "request line too long"));
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return response(HttpTrackerProtocol.text(431, "request headers too large"));
        }
        if (cause instanceof TooLongFrameException) {
            return response(HttpTrackerProtocol.text(413, "request too large"));
        }
        return response(HttpTrackerProtocol.text(400, "bad request: not a valid HTTP/1.x request"));
    }

    private static FullHttpResponse response(HttpReply reply) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(reply.status()), Unpooled.wrappedBuffer(reply.body()));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, reply.isBencode()
                        ? HttpHeaderValues.TEXT_PLAIN
                        : HttpHeaderValues.TEXT_PLAIN + "; charset=utf-8")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, reply.body().length)
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE);
        return response;
    }

    private static void send(ChannelHandlerContext ctx, FullHttpRequest request, FullHttpResponse response, boolean keepAlive) {
        HttpUtil.setKeepAlive(response.headers(), request.protocolVersion(), keepAlive);
        if (!keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        var written = ctx.writeAndFlush(response);
        if (!keepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Idle clients and broken connections end here; neither is worth more than closing.
        if (!(cause instanceof ReadTimeoutException)) {
            statistics.invalidHttpRequests.increment();
        }
        ctx.close();
    }
}
