package io.swarmplace.control.internal;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.swarmplace.control.ControlRequest;
import io.swarmplace.control.ControlResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Lets a request through only with the node's secret. Anyone on the machine can reach a loopback port;
 * only the node's owner can read the endpoint file that holds the secret.
 */
@Sharable
final class TokenCheck extends SimpleChannelInboundHandler<ControlRequest> {

    private final byte[] token;

    TokenCheck(String token) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ControlRequest request) {
        byte[] presented = request.token() == null ? new byte[0] : request.token().getBytes(StandardCharsets.UTF_8);
        if (MessageDigest.isEqual(token, presented)) {
            ctx.fireChannelRead(request);
            return;
        }
        ctx.writeAndFlush(ControlResponse.failure(
                        ControlResponse.UNAUTHORIZED,
                        "",
                        "wrong control token: run bin/swarmplace as the user that started the node",
                        "Unauthorized"))
                .addListener(ChannelFutureListener.CLOSE);
    }
}
