package io.swarmplace.dht.internal.node;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.swarmplace.dht.internal.net.UdpTransport;
import io.swarmplace.bencode.BencodeEncoder;
import io.swarmplace.dht.internal.krpc.ByteString;
import io.swarmplace.dht.internal.krpc.KrpcCodec;
import io.swarmplace.dht.internal.krpc.KrpcQuery;
import io.swarmplace.dht.internal.krpc.NodeId;
import io.swarmplace.dht.internal.krpc.QueryBody;
import io.swarmplace.testing.peers.FreePorts;
import io.swarmplace.testing.peers.LibtorrentPeer;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The DHT benchmark (bench/network.sh; figures in docs/benchmarks.md "DHT"): in a network of our nodes on
 * loopback, lookup latency (median, p99), hops and messages per lookup and success, before and after 20%
 * of the nodes die; heap per node; and find_node queries per second one node answers on its one event
 * loop thread, next to a libtorrent 2.0.8 node flooded the same way.
 *
 * <p>Arguments: {@code [nodes] [infoHashes] [lookupsPerInfoHash] [floodSeconds]}, default 1000 50 4 5.
 */
public final class DhtNetworkBenchmark {

    private DhtNetworkBenchmark() {}

    public static void main(String[] args) throws Exception {
        int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int infoHashes = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        int lookupsPer = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        int floodSeconds = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        System.out.printf(Locale.ROOT, "DHT benchmark: %d nodes, %d info-hashes x %d lookups, %d cores, load %s%n", nodes,
                infoHashes, lookupsPer, Runtime.getRuntime().availableProcessors(), loadAverage());

        if (nodes > 0) {
            network(nodes, infoHashes, lookupsPer);
        }
        // Alternating rounds, so a burst of load from other processes does not favour one side.
        for (int round = 1; round <= FLOOD_ROUNDS; round++) {
            floodOurNode(floodSeconds, UdpTransport.NIO);
            if (UdpTransport.best() == UdpTransport.EPOLL) {
                floodOurNode(floodSeconds, UdpTransport.EPOLL);
            }
            floodLibtorrent(floodSeconds);
            // libtorrent's process winds down for a while after it was told to quit; let it go before the next round.
            Thread.sleep(SETTLE_MILLIS);
        }
    }

    private static void network(int nodes, int infoHashes, int lookupsPer) throws Exception {
        long heapBefore = usedHeapAfterGc();
        long joinStarted = System.nanoTime();
        try (DhtNetworkScenario network = DhtNetworkScenario.start(nodes, 2, 1)) {
            double joinSeconds = seconds(System.nanoTime() - joinStarted);
            long heap = usedHeapAfterGc() - heapBefore;
            System.out.printf(Locale.ROOT, "joined in %.1f s; heap per node %.1f KiB (%.1f MiB for %d nodes)%n", joinSeconds,
                    heap / 1024.0 / nodes, heap / 1048576.0, nodes);
            System.out.printf(Locale.ROOT, "announce: the worst announce reached %d nodes%n", network.announce(infoHashes));
            report("lookups, no churn", network.lookUpAnnounced(lookupsPer));
            int killed = network.kill(0.2);
            report("lookups right after " + killed + " nodes died", network.lookUpAnnounced(lookupsPer));
            List<Long> seen = network.risingSeq(5, 10);
            long newest = 0;
            for (int i = 0; i < seen.size(); i++) {
                newest += seen.get(i) == i / 10 + 1 ? 1 : 0;
            }
            System.out.printf(Locale.ROOT, "mutable item, 5 rising seqs x 10 readers after churn: %d/%d reads saw the newest%n",
                    newest, seen.size());
        }
    }

    private static final int FLOOD_ROUNDS = 3;
    private static final long SETTLE_MILLIS = 5_000;

    private static void report(String what, List<DhtNetworkScenario.Lookup> lookups) {
        List<Long> nanos = lookups.stream().map(DhtNetworkScenario.Lookup::nanos).sorted().toList();
        long found = lookups.stream().filter(DhtNetworkScenario.Lookup::found).count();
        System.out.printf(Locale.ROOT, "%s: %d lookups, success %.1f%%, latency median %.1f ms, p99 %.1f ms, max %.1f ms;"
                        + " hops mean %.2f (max %d); queries per lookup mean %.1f (answered %.1f)%n", what, lookups.size(),
                100.0 * found / lookups.size(), nanos.get(nanos.size() / 2) / 1e6,
                nanos.get(Math.min(nanos.size() - 1, (int) Math.ceil(nanos.size() * 0.99) - 1)) / 1e6,
                nanos.get(nanos.size() - 1) / 1e6,
                lookups.stream().mapToInt(DhtNetworkScenario.Lookup::hops).average().orElse(0),
                lookups.stream().mapToInt(DhtNetworkScenario.Lookup::hops).max().orElse(0),
                lookups.stream().mapToInt(DhtNetworkScenario.Lookup::queried).average().orElse(0),
                lookups.stream().mapToInt(DhtNetworkScenario.Lookup::answered).average().orElse(0));
    }

    /** One of our nodes on a one-thread event loop group, with 20 others in its table, flooded with find_node. */
    private static void floodOurNode(int seconds, UdpTransport transport) throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, transport.ioHandlerFactory());
        ExecutorService blocking = Executors.newSingleThreadExecutor();
        List<DhtRuntime> neighbours = new ArrayList<>();
        try {
            DhtSettings settings = DhtSettings.loopback().withRateLimit(1_000_000, 1_000_000);
            DhtRuntime target = DhtRuntime.start(settings, group, blocking);
            for (int i = 0; i < 20; i++) {
                neighbours.add(DhtRuntime.start(DhtSettings.loopback().withBootstrap(target.reachableAddress()), group, blocking));
            }
            target.refreshNeighbourhood().get(10, TimeUnit.SECONDS);
            double rate = flood(target.reachableAddress(), seconds);
            System.out.printf(Locale.ROOT, "queries/s one of our nodes answers (find_node, 1 event loop thread, %s, %d nodes in"
                    + " its table): %.0f%n", transport, target.routingTable().size(), rate);
            neighbours.forEach(DhtRuntime::close);
            target.close();
        } finally {
            blocking.shutdownNow();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }

    private static void floodLibtorrent(int seconds) {
        if (!LibtorrentPeer.available()) {
            System.out.println("libtorrent anchor skipped: " + LibtorrentPeer.NAME + " is not installed");
            return;
        }
        // Its defaults cap DHT upload at 8 KB/s and block an IP sending more than 5 queries a second.
        LibtorrentPeer.Options options = LibtorrentPeer.Options.defaults().withDht()
                .with("dht_upload_rate_limit", 1_000_000_000).with("dht_block_ratelimit", 1_000_000_000);
        try (LibtorrentPeer libtorrent = LibtorrentPeer.started(FreePorts.loopbackPort(), options)) {
            double rate = flood(new InetSocketAddress("127.0.0.1", libtorrent.port()), seconds);
            System.out.printf(Locale.ROOT, "queries/s libtorrent 2.0.8 answers (find_node, same flood): %.0f%n", rate);
        } catch (Exception failed) {
            System.out.println("libtorrent anchor failed: " + failed);
        }
    }

    /**
     * Sends find_node queries for random targets from one client thread, keeping up to 128 unanswered,
     * for {@code seconds} after a one-second warm-up; returns answers per second.
     */
    private static double flood(InetSocketAddress node, int seconds) throws Exception {
        KrpcCodec codec = new KrpcCodec(new byte[0]);
        BencodeEncoder encoder = new BencodeEncoder();
        Random random = new Random(5);
        NodeId sender = NodeId.random(random);
        List<ByteBuffer> queries = new ArrayList<>();
        for (int i = 0; i < 4096; i++) {
            byte[] tid = {(byte) (i >> 8), (byte) i};
            queries.add(ByteBuffer.wrap(encoder.encode(codec.encode(new KrpcQuery(new ByteString(tid), sender, false,
                    new QueryBody.FindNode(NodeId.random(random)))))));
        }
        try (DatagramChannel client = DatagramChannel.open(StandardProtocolFamily.INET)) {
            client.bind(new InetSocketAddress("127.0.0.1", 0));
            client.configureBlocking(false);
            ByteBuffer answer = ByteBuffer.allocate(4096);
            long warmUpEnds = System.nanoTime() + Duration.ofSeconds(1).toNanos();
            long ends = warmUpEnds + Duration.ofSeconds(seconds).toNanos();
            long answered = 0;
            int outstanding = 0;
            int next = 0;
            long lastAnswer = System.nanoTime();
            while (true) {
                long now = System.nanoTime();
                if (now >= ends) {
                    break;
                }
                while (outstanding < 128) {
                    ByteBuffer query = queries.get(next++ & 4095).duplicate();
                    client.send(query, node);
                    outstanding++;
                }
                answer.clear();
                if (client.receive(answer) != null) {
                    outstanding--;
                    lastAnswer = now;
                    if (now >= warmUpEnds) {
                        answered++;
                    }
                } else if (now - lastAnswer > 20_000_000L) {
                    outstanding = 0; // answers lost (dropped queries): send again
                    lastAnswer = now;
                }
            }
            return answered / (double) seconds;
        }
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static String loadAverage() {
        return String.format(Locale.ROOT, "%.2f",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
