package io.swarmplace.torrent.internal.tracker;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.ScheduledFuture;
import io.swarmplace.torrent.internal.tracker.UdpTrackerPackets.MalformedPacketException;
import io.swarmplace.torrent.internal.wire.CompactPeers;
import io.swarmplace.torrent.metainfo.InfoHash;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * UDP trackers (BEP 15) over one Netty datagram channel shared by every tracker and torrent. A request
 * first obtains a connection id (kept per tracker address for {@link UdpTrackerSettings#connectionIdLifetime()}),
 * then sends the announce or scrape; answers are matched to requests by random transaction id and by
 * the address the request went to. Unanswered packets are sent again after baseTimeout·2^n up to
 * {@link UdpTrackerSettings#maxAttempts()} times. Datagrams that answer nothing pending are dropped and
 * counted ({@link #dropCounts()}). All protocol state lives on the channel's event loop.
 */
public final class UdpTrackerClient implements TrackerClient, AutoCloseable {

    /** The largest datagram read; an answer for 200 IPv6 peers is about 3.6 KB. */
    private static final int MAX_DATAGRAM = 65_535;

    private final Channel channel;
    private final EventLoop loop;
    private final NameLookups lookups;
    private final UdpTrackerSettings settings;
    private final Clock clock;
    private final Random transactionIds = new SecureRandom();
    private final Map<Integer, Exchange<?>> pending = new HashMap<>();
    private final Map<InetSocketAddress, ConnectionId> connectionIds = new HashMap<>();
    private final AtomicLong tooShort = new AtomicLong();
    private final AtomicLong unsolicited = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();

    private record ConnectionId(long id, Instant expires) {}

    private UdpTrackerClient(Channel channel, Executor nameLookups, UdpTrackerSettings settings, Clock clock) {
        this.channel = channel;
        this.loop = channel.eventLoop();
        this.lookups = new NameLookups(nameLookups);
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Binds the shared datagram channel (port 0 picks a free one). Blocks until bound, so call it from
     * a component's activation, not from an event loop.
     *
     * @throws IOException if the address cannot be bound
     */
    public static UdpTrackerClient open(EventLoopGroup group, InetSocketAddress bindAddress, Executor nameLookups,
            UdpTrackerSettings settings, Clock clock) throws IOException {
        UdpTrackerClient[] client = new UdpTrackerClient[1];
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(NioDatagramChannel.class)
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM))
                .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
                        ByteBuf content = packet.content();
                        byte[] bytes = new byte[content.readableBytes()];
                        content.getBytes(content.readerIndex(), bytes);
                        client[0].received(packet.sender(), bytes);
                    }

                    @Override
                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                        // An ICMP error or the like on a connectionless socket concerns no request in particular;
                        // the request it belonged to times out.
                    }
                });
        ChannelFuture bound = bootstrap.register();
        if (!bound.awaitUninterruptibly(10, TimeUnit.SECONDS) || !bound.isSuccess()) {
            throw new IOException("cannot open a UDP socket for trackers: " + bound.cause(), bound.cause());
        }
        client[0] = new UdpTrackerClient(bound.channel(), nameLookups, settings, clock);
        ChannelFuture binding = bound.channel().bind(bindAddress);
        if (!binding.awaitUninterruptibly(10, TimeUnit.SECONDS) || !binding.isSuccess()) {
            bound.channel().close();
            throw new IOException("cannot bind the UDP tracker socket to " + bindAddress + ": " + binding.cause(), binding.cause());
        }
        return client[0];
    }

    /** Where the shared socket is bound. */
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    public UdpDropCounts dropCounts() {
        return new UdpDropCounts(tooShort.get(), unsolicited.get(), malformed.get());
    }

    /** Datagrams sent since opening, retransmissions included. */
    public long packetsSent() {
        return sent.get();
    }

    @Override
    public CompletableFuture<AnnounceResponse> announce(URI tracker, AnnounceRequest request) {
        return resolve(tracker).thenCompose(address -> {
            int peerEntry = address.getAddress() instanceof Inet6Address ? CompactPeers.IPV6_ENTRY : CompactPeers.IPV4_ENTRY;
            Exchange<AnnounceResponse> exchange = new Exchange<>(tracker, address, UdpTrackerPackets.ANNOUNCE,
                    (connectionId, transactionId) -> UdpTrackerPackets.announceRequest(connectionId, transactionId, request),
                    packet -> UdpTrackerPackets.announceResponse(packet, peerEntry));
            loop.execute(exchange::begin);
            return exchange.result;
        });
    }

    @Override
    public CompletableFuture<Map<InfoHash, ScrapeResult>> scrape(URI tracker, List<InfoHash> infoHashes) {
        List<InfoHash> distinct = List.copyOf(new LinkedHashSet<>(infoHashes));
        if (distinct.isEmpty()) {
            return CompletableFuture.completedFuture(Map.of());
        }
        return resolve(tracker).thenCompose(address -> {
            List<CompletableFuture<Map<InfoHash, ScrapeResult>>> parts = new ArrayList<>();
            for (int from = 0; from < distinct.size(); from += UdpTrackerPackets.MAX_SCRAPE_HASHES) {
                List<InfoHash> chunk = distinct.subList(from, Math.min(distinct.size(), from + UdpTrackerPackets.MAX_SCRAPE_HASHES));
                Exchange<Map<InfoHash, ScrapeResult>> exchange = new Exchange<>(tracker, address, UdpTrackerPackets.SCRAPE,
                        (connectionId, transactionId) -> UdpTrackerPackets.scrapeRequest(connectionId, transactionId, chunk),
                        packet -> {
                            List<ScrapeResult> counts = UdpTrackerPackets.scrapeResponse(packet, chunk.size());
                            Map<InfoHash, ScrapeResult> byHash = new LinkedHashMap<>();
                            for (int i = 0; i < chunk.size(); i++) {
                                byHash.put(chunk.get(i), counts.get(i));
                            }
                            return byHash;
                        });
                loop.execute(exchange::begin);
                parts.add(exchange.result);
            }
            return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(done -> {
                Map<InfoHash, ScrapeResult> all = new LinkedHashMap<>();
                parts.forEach(part -> all.putAll(part.join()));
                return all;
            });
        });
    }

    private CompletableFuture<InetSocketAddress> resolve(URI tracker) {
        if (!"udp".equalsIgnoreCase(tracker.getScheme()) || tracker.getHost() == null) {
            return CompletableFuture.failedFuture(new TrackerConnectionException(tracker, "not a udp://host:port tracker URL"));
        }
        if (tracker.getPort() <= 0) {
            return CompletableFuture.failedFuture(new TrackerConnectionException(tracker, "the UDP tracker URL has no port"));
        }
        if (!channel.isActive()) {
            return CompletableFuture.failedFuture(new TrackerConnectionException(tracker, "the UDP tracker client is closed"));
        }
        return lookups.resolve(tracker, tracker.getHost()).thenApply(address -> new InetSocketAddress(address, tracker.getPort()));
    }

    /** Called on the event loop for every datagram that arrives. */
    private void received(InetSocketAddress sender, byte[] packet) {
        if (packet.length < UdpTrackerPackets.HEADER) {
            tooShort.incrementAndGet();
            return;
        }
        Exchange<?> exchange = pending.get(UdpTrackerPackets.transactionId(packet));
        if (exchange == null || !exchange.address.equals(sender)) {
            unsolicited.incrementAndGet();
            return;
        }
        exchange.answer(packet);
    }

    /** Fails every pending request and closes the socket. */
    @Override
    public void close() {
        channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        try {
            loop.execute(() -> List.copyOf(pending.values()).forEach(exchange ->
                    exchange.fail(new TrackerConnectionException(exchange.tracker, "the UDP tracker client is closed"))));
        } catch (java.util.concurrent.RejectedExecutionException loopAlreadyStopped) {
            // the event loop group is gone, and with it every timer: nothing is left to fail
        }
    }

    private interface RequestPacket {
        byte[] build(long connectionId, int transactionId);
    }

    private interface ResponseParser<T> {
        T parse(byte[] packet) throws MalformedPacketException;
    }

    /** One announce or scrape: connect if needed, send, retransmit, match the answer. Event loop only. */
    private final class Exchange<T> {
        private final URI tracker;
        private final InetSocketAddress address;
        private final int action;
        private final RequestPacket request;
        private final ResponseParser<T> parser;
        private final CompletableFuture<T> result = new CompletableFuture<>();
        private boolean connecting;
        private int transactionId;
        private byte[] packet;
        private int timeouts;
        private ScheduledFuture<?> timer;

        Exchange(URI tracker, InetSocketAddress address, int action, RequestPacket request, ResponseParser<T> parser) {
            this.tracker = tracker;
            this.address = address;
            this.action = action;
            this.request = request;
            this.parser = parser;
        }

        void begin() {
            if (!channel.isActive()) {
                fail(new TrackerConnectionException(tracker, "the UDP tracker client is closed"));
                return;
            }
            // A caller that gives up frees the transaction at once.
            result.whenComplete((done, failure) -> loop.execute(this::forget));
            next();
        }

        /** Sends the request with a valid connection id, or first asks for one. */
        private void next() {
            ConnectionId cached = connectionIds.get(address);
            if (cached != null && clock.instant().isBefore(cached.expires())) {
                connecting = false;
                stage(request.build(cached.id(), 0));
            } else {
                connectionIds.remove(address);
                connecting = true;
                stage(UdpTrackerPackets.connectRequest(0));
            }
        }

        /** Takes a fresh transaction id for a new packet and sends it. */
        private void stage(byte[] unnumbered) {
            forget();
            do {
                transactionId = transactionIds.nextInt();
            } while (pending.containsKey(transactionId));
            pending.put(transactionId, this);
            packet = unnumbered;
            ByteBuffer.wrap(packet).putInt(UdpTrackerPackets.REQUEST_TRANSACTION_ID_OFFSET, transactionId);
            send();
        }

        private void send() {
            sent.incrementAndGet();
            channel.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(packet), address))
                    .addListener((ChannelFutureListener) written -> {
                        if (!written.isSuccess()) {
                            fail(new TrackerConnectionException(tracker, "cannot send to " + address + ": " + written.cause(), written.cause()));
                        }
                    });
            timer = loop.schedule(this::timedOut, settings.timeoutAfter(timeouts).toMillis(), TimeUnit.MILLISECONDS);
        }

        private void timedOut() {
            if (result.isDone()) {
                return;
            }
            timeouts++;
            if (timeouts >= settings.maxAttempts()) {
                fail(new TrackerTimeoutException(tracker, "no answer to " + timeouts + " " + (connecting ? "connect" : actionName(action))
                        + " packets sent to " + address + " (the last waited " + settings.timeoutAfter(timeouts - 1).toMillis() + " ms)"));
            } else if (connecting || connectionIds.containsKey(address) && clock.instant().isBefore(connectionIds.get(address).expires())) {
                send();
            } else {
                next();
            }
        }

        void answer(byte[] answer) {
            int answerAction = UdpTrackerPackets.action(answer);
            if (answerAction == UdpTrackerPackets.ERROR) {
                fail(new TrackerFailureException(tracker, UdpTrackerPackets.errorMessage(answer)));
                return;
            }
            int expected = connecting ? UdpTrackerPackets.CONNECT : action;
            if (answerAction != expected) {
                malformed(new MalformedPacketException("the tracker answered a " + actionName(expected) + " request with action "
                        + answerAction));
                return;
            }
            try {
                if (connecting) {
                    connectionIds.put(address, new ConnectionId(UdpTrackerPackets.connectionId(answer),
                            clock.instant().plus(settings.connectionIdLifetime())));
                    cancelTimer();
                    next();
                } else {
                    T parsed = parser.parse(answer);
                    forget();
                    result.complete(parsed);
                }
            } catch (MalformedPacketException e) {
                malformed(e);
            }
        }

        private void malformed(MalformedPacketException problem) {
            malformed.incrementAndGet();
            fail(new TrackerResponseException(tracker, problem.getMessage(), problem));
        }

        void fail(TrackerException problem) {
            forget();
            result.completeExceptionally(problem);
        }

        private void forget() {
            cancelTimer();
            pending.remove(transactionId, this);
        }

        private void cancelTimer() {
            if (timer != null) {
                timer.cancel(false);
                timer = null;
            }
        }
    }

    private static String actionName(int action) {
        return switch (action) {
            case UdpTrackerPackets.CONNECT -> "connect";
            case UdpTrackerPackets.ANNOUNCE -> "announce";
            case UdpTrackerPackets.SCRAPE -> "scrape";
            default -> "action " + action;
        };
    }
}
