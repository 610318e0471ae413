package io.swarmplace.dht.internal.net;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.util.Locale;

/**
 * The UDP transport under the node: Netty's epoll where the native library loads (Linux x86_64), else NIO.
 * Epoll reads up to {@link #DATAGRAMS_PER_READ} datagrams per system call ({@code recvmmsg}); NIO reads one.
 * The event loop group and the channel must agree, so both come from here.
 */
public enum UdpTransport {
    EPOLL, NIO;

    /** Datagrams one epoll read takes at most. */
    static final int DATAGRAMS_PER_READ = 16;

    /** Epoll where available, unless the system property {@code swarmplace.dht.transport=nio} says otherwise. */
    public static UdpTransport best() {
        String chosen = System.getProperty("swarmplace.dht.transport", "").toLowerCase(Locale.ROOT);
        return !chosen.equals("nio") && epollAvailable() ? EPOLL : NIO;
    }

    private static boolean epollAvailable() {
        try {
            return Epoll.isAvailable();
        } catch (LinkageError missing) {
            return false;
        }
    }

    /** Why epoll does not load here, for the log. */
    public static String whyNotEpoll() {
        try {
            Throwable cause = Epoll.unavailabilityCause();
            return cause == null ? "epoll loads here" : String.valueOf(cause);
        } catch (LinkageError missing) {
            return String.valueOf(missing);
        }
    }

    public IoHandlerFactory ioHandlerFactory() {
        return this == EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    }

    /** The transport of {@code loop}'s group: epoll only if that loop runs epoll. */
    public static UdpTransport of(EventLoop loop) {
        try {
            return loop instanceof IoEventLoop io && io.isIoType(EpollIoHandler.class) ? EPOLL : NIO;
        } catch (LinkageError noEpollClasses) {
            return NIO;
        }
    }

    /**
     * An unregistered datagram channel of {@code family} (an IPv6 one also takes IPv4, mapped) that hands
     * datagrams of up to {@code maxDatagram} bytes to the pipeline; a longer one arrives with more than that,
     * so the pipeline can count it as oversized.
     */
    public Channel newChannel(SocketProtocolFamily family, int maxDatagram) {
        if (this == NIO) {
            Channel channel = new NioDatagramChannel(family);
            channel.config().setOption(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(maxDatagram + 1));
            return channel;
        }
        EpollDatagramChannel channel = new EpollDatagramChannel(family);
        channel.config().setOption(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, maxDatagram + 1);
        channel.config().setOption(ChannelOption.RECVBUF_ALLOCATOR,
                new FixedRecvByteBufAllocator((maxDatagram + 1) * DATAGRAMS_PER_READ));
        return channel;
    }
}
