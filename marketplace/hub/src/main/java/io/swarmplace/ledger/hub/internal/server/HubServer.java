package io.swarmplace.ledger.hub.internal.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.netty.util.concurrent.EventExecutorGroup;
import io.swarmplace.ledger.Id128;
import io.swarmplace.ledger.Ledger;
import io.swarmplace.ledger.hub.HubClientInfo;
import io.swarmplace.ledger.hub.HubStatus;
import io.swarmplace.ledger.hub.KeyAccounts;
import io.swarmplace.ledger.hub.LedgerHub;
import io.swarmplace.ledger.hub.internal.store.OwnershipStore;
import io.swarmplace.ledger.hub.internal.store.SequenceStore;
import io.swarmplace.ledger.hub.internal.wire.WireJson;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The hub's TCP server. Pipeline, one concern per handler: [TLS] - length framing (capped) - response
 * encoder - request decoder - rate limit - authentication (worker group) - connection registry -
 * dispatch to the ledger (ledger threads) - refusals.
 */
public final class HubServer implements LedgerHub, AutoCloseable {

    private final HubServerSettings settings;
    private final SslContext tls;
    private final SequenceStore sequences;
    private final OwnershipStore owners;
    private final ConnectionRegistry connections = new ConnectionRegistry();
    private final HubCounters counters = new HubCounters();
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final EventExecutorGroup authentication;
    private final ExecutorService ledgerThreads;
    private final Channel serverChannel;

    private HubServer(Ledger ledger, HubServerSettings settings, SslContext tls, Clock clock) {
        this.settings = settings;
        this.tls = tls;
        this.sequences = SequenceStore.open(settings.dataDirectory().resolve("sequences.log"));
        this.owners = OwnershipStore.open(settings.dataDirectory().resolve("accounts.log"));
        ObjectMapper json = WireJson.mapper();
        LedgerOperations operations = new LedgerOperations(ledger, owners, settings.operatorKey(), json);
        this.boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        this.workers = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        this.authentication = new DefaultEventExecutorGroup(2);
        this.ledgerThreads = Executors.newFixedThreadPool(Math.max(1, settings.ledgerThreads()), runnable -> {
            Thread thread = new Thread(runnable, "ledger-hub-dispatch");
            thread.setDaemon(true);
            return thread;
        });
        ResponseEncoder encoder = new ResponseEncoder(json);
        RateLimiter rateLimiter = new RateLimiter(settings.requestsPerSecond(), settings.requestBurst(), System::nanoTime);
        LedgerDispatcher dispatcher = new LedgerDispatcher(operations, ledgerThreads, counters);
        RefusalHandler refusals = new RefusalHandler(counters);
        try {
            this.serverChannel = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(NioServerSocketChannel.class)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            ChannelPipeline pipeline = channel.pipeline();
                            if (tls != null) {
                                pipeline.addLast("tls", tls.newHandler(channel.alloc()));
                            }
                            pipeline.addLast("frames", new LengthFieldBasedFrameDecoder(settings.maxFrameBytes(), 0, 4, 0, 4));
                            pipeline.addLast("frame-length", new LengthFieldPrepender(4));
                            pipeline.addLast("responses", encoder);
                            pipeline.addLast("requests", new RequestDecoder(json));
                            pipeline.addLast("connections", connections);
                            pipeline.addLast("rate-limit", rateLimiter);
                            pipeline.addLast(authentication, "authentication",
                                    new Authenticator(sequences, clock, settings.timestampWindow(), connections));
                            pipeline.addLast(authentication, "dispatch", dispatcher);
                            pipeline.addLast(authentication, "refusals", refusals);
                        }
                    })
                    .bind(settings.host(), settings.port()).syncUninterruptibly().channel();
        } catch (RuntimeException e) {
            shutdown();
            throw new IllegalStateException("the ledger hub could not listen on " + settings.host() + ":" + settings.port()
                    + ": " + e.getMessage(), e);
        }
    }

    /** Listens at once; {@code tls} null for plain TCP. */
    public static HubServer start(Ledger ledger, HubServerSettings settings, SslContext tls, Clock clock) {
        return new HubServer(ledger, settings, tls, clock);
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    @Override
    public HubStatus status() {
        return new HubStatus(address(), tls != null, connections.size(), counters.requests(), counters.refusals());
    }

    @Override
    public List<HubClientInfo> clients() {
        return connections.clients();
    }

    @Override
    public List<KeyAccounts> keys() {
        List<KeyAccounts> keys = new ArrayList<>();
        for (Map.Entry<String, List<Id128>> entry : owners.accountsByKey().entrySet()) {
            keys.add(new KeyAccounts(entry.getKey(), sequences.last(HexFormat.of().parseHex(entry.getKey())), entry.getValue()));
        }
        return keys;
    }

    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
        connections.closeAll();
        shutdown();
    }

    private void shutdown() {
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        authentication.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        ledgerThreads.shutdown();
        try {
            ledgerThreads.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sequences.close();
        owners.close();
    }
}
