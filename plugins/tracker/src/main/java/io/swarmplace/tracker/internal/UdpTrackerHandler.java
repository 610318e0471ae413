package io.swarmplace.tracker.internal;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;

/** Feeds each datagram to {@link UdpTrackerProtocol} and sends its reply back to the sender. */
final class UdpTrackerHandler extends SimpleChannelInboundHandler<DatagramPacket> {

    private final UdpTrackerProtocol protocol;
    private final TrackerStatistics statistics;

    UdpTrackerHandler(UdpTrackerProtocol protocol, TrackerStatistics statistics) {
        this.protocol = protocol;
        this.statistics = statistics;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        byte[] bytes = ByteBufUtil.getBytes(packet.content());
        protocol.handle(bytes, packet.sender()).ifPresent(reply ->
                ctx.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(reply), packet.sender())));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A datagram socket stays open whatever one packet did (e.g. ICMP port unreachable on a send).
        statistics.droppedUdpPackets.increment();
    }
}
