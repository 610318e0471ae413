package io.swarmplace.tracker.internal;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.ScheduledFuture;
import io.swarmplace.tracker.SwarmStats;
import io.swarmplace.tracker.Tracker;
import io.swarmplace.tracker.TrackerCounters;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * The tracker: HTTP ({@link TrackerHttpInitializer}) and UDP ({@link UdpTrackerHandler}) on one Netty
 * event loop group, both answering from one {@link SwarmRegistry}, whose expired peers are swept on the
 * group's scheduler. A new configuration restarts the component and so forgets every swarm.
 */
@Component(immediate = true, configurationPid = TrackerServer.PID, service = Tracker.class)
@Designate(ocd = TrackerServer.Config.class)
public class TrackerServer implements Tracker {

    public static final String PID = "io.swarmplace.tracker";

    @ObjectClassDefinition(name = "Swarmplace tracker", description = "A BitTorrent tracker: HTTP and UDP announce and scrape")
    public @interface Config {
        @AttributeDefinition(description = "Serve at all; when false nothing is bound")
        boolean enabled() default true;

        @AttributeDefinition(description = "IP address to listen on (0.0.0.0: every IPv4 interface, ::: every interface)")
        String bindAddress() default "0.0.0.0";

        @AttributeDefinition(description = "TCP port for HTTP announce and scrape; 0 picks a free port, -1 switches HTTP off")
        int httpPort() default 6969;

        @AttributeDefinition(description = "UDP port for BEP 15 announce and scrape; 0 picks a free port, -1 switches UDP off")
        int udpPort() default 6969;

        @AttributeDefinition(description = "Seconds clients are told to wait between announces")
        int announceInterval() default 1800;

        @AttributeDefinition(description = "Seconds clients must wait at least between announces")
        int minInterval() default 60;

        @AttributeDefinition(description = "Most peers in one reply, also the default for numwant (at most 200)")
        int maxPeersPerReply() default 50;

        @AttributeDefinition(description = "Seconds after its last announce a peer is forgotten; 0: twice announceInterval")
        int peerExpiry() default 0;

        @AttributeDefinition(description = "Most torrents tracked at once; announces for more are refused")
        int maxTorrents() default 100_000;

        @AttributeDefinition(description = "Most peers remembered per torrent; more are answered but not remembered")
        int maxPeersPerTorrent() default 10_000;

        @AttributeDefinition(description = "Most peers remembered over all torrents")
        int maxPeers() default 1_000_000;

        @AttributeDefinition(description = "Most HTTP connections open at once")
        int maxHttpConnections() default 1024;

        @AttributeDefinition(description = "open: track any torrent; whitelist: only those in allowedInfoHashes",
                options = {@Option(label = "open", value = "open"), @Option(label = "whitelist", value = "whitelist")})
        String mode() default "open";

        @AttributeDefinition(description = "Info-hashes (40 hex digits each) served in whitelist mode")
        String[] allowedInfoHashes() default {};
    }

    private final TrackerSettings settings;
    private final TrackerStatistics statistics = new TrackerStatistics();
    private final SwarmRegistry registry;
    private final EventLoopGroup group;
    private final Channel httpChannel;
    private final Channel udpChannel;
    private final ScheduledFuture<?> sweep;

    @Activate
    public TrackerServer(Config config) throws InterruptedException {
        this(TrackerSettings.from(config));
    }

    TrackerServer(TrackerSettings settings) throws InterruptedException {
        this.settings = settings;
        this.registry = new SwarmRegistry(settings, statistics, System::nanoTime, new Random());
        if (!settings.enabled()) {
            group = null;
            httpChannel = null;
            udpChannel = null;
            sweep = null;
            return;
        }
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        Channel http = null;
        Channel udp = null;
        try {
            if (settings.httpOn()) {
                http = bindHttp();
            }
            if (settings.udpOn()) {
                udp = bindUdp();
            }
        } catch (RuntimeException | InterruptedException failed) {
            if (http != null) {
                http.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
            }
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
            throw failed;
        }
        httpChannel = http;
        udpChannel = udp;
        int period = settings.sweepPeriodSeconds();
        sweep = group.scheduleAtFixedRate(registry::expire, period, period, TimeUnit.SECONDS);
    }

    private Channel bindHttp() throws InterruptedException {
        HttpTrackerProtocol protocol = new HttpTrackerProtocol(registry, settings, statistics);
        ConnectionLimit limit = new ConnectionLimit(settings.maxHttpConnections(), statistics);
        return new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new TrackerHttpInitializer(limit, protocol, statistics))
                .bind(bindAddress(settings.httpPort(), "httpPort"))
                .sync()
                .channel();
    }

    private Channel bindUdp() throws InterruptedException {
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        UdpTrackerProtocol protocol = new UdpTrackerProtocol(registry, new ConnectionIds(secret, System::nanoTime), statistics);
        return new Bootstrap()
                .group(group)
                .channel(NioDatagramChannel.class)
                // Longer datagrams are cut here; BEP 15's largest request (a full scrape) is 1496 bytes.
                .option(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(2048))
                .handler(new UdpTrackerHandler(protocol, statistics))
                .bind(bindAddress(settings.udpPort(), "udpPort"))
                .sync()
                .channel();
    }

    private InetSocketAddress bindAddress(int port, String attribute) {
        InetSocketAddress address = new InetSocketAddress(settings.bindAddress(), port);
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("bindAddress '" + settings.bindAddress() + "' is not an address of this"
                    + " machine (PID " + PID + ", " + attribute + ")");
        }
        return address;
    }

    @Deactivate
    void deactivate() {
        if (group == null) {
            return;
        }
        sweep.cancel(false);
        if (httpChannel != null) {
            httpChannel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
        if (udpChannel != null) {
            udpChannel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    }

    @Override
    public boolean enabled() {
        return settings.enabled();
    }

    @Override
    public Optional<URI> httpAnnounceUri() {
        return Optional.ofNullable(httpChannel).map(channel -> announceUri("http", bindAddress(0, "httpPort"), channel));
    }

    @Override
    public Optional<URI> udpAnnounceUri() {
        return Optional.ofNullable(udpChannel).map(channel -> announceUri("udp", bindAddress(0, "udpPort"), channel));
    }

    /**
     * A wildcard bind is announced as loopback: the one address of it every local client can reach. The
     * configured address decides the family, since a dual-stack socket bound to 0.0.0.0 reports "::".
     */
    private static URI announceUri(String scheme, InetSocketAddress configured, Channel channel) {
        InetSocketAddress bound = (InetSocketAddress) channel.localAddress();
        InetAddress address = configured.getAddress();
        String host;
        if (address.isAnyLocalAddress()) {
            host = address instanceof Inet6Address ? "[::1]" : "127.0.0.1";
        } else if (address instanceof Inet6Address) {
            host = "[" + address.getHostAddress().replaceAll("%.*$", "") + "]";
        } else {
            host = address.getHostAddress();
        }
        return URI.create(scheme + "://" + host + ":" + bound.getPort() + "/announce");
    }

    @Override
    public List<SwarmStats> swarms() {
        return registry.swarms();
    }

    @Override
    public Optional<SwarmStats> swarm(String infoHashHex) {
        return registry.swarm(InfoHashKey.parseHex(infoHashHex));
    }

    @Override
    public TrackerCounters counters() {
        return statistics.snapshot();
    }

    /** Runs the expiry sweep now instead of waiting for the schedule. */
    void expireNow() {
        registry.expire();
    }
}
