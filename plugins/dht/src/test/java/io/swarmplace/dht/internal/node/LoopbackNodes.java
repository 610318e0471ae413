package io.swarmplace.dht.internal.node;

import static org.awaitility.Awaitility.await;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.swarmplace.dht.internal.net.UdpTransport;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Assumptions;

/** Our DHT nodes on 127.0.0.1 in this JVM, sharing one event loop group; closes them all. */
final class LoopbackNodes implements AutoCloseable {

    /** ::1, built from its bytes so no name is looked up. */
    static final InetAddress IPV6_LOOPBACK = ipv6Loopback();

    private final EventLoopGroup group;
    private final ExecutorService blocking = Executors.newFixedThreadPool(2);
    private final List<DhtRuntime> nodes = new ArrayList<>();

    LoopbackNodes(int threads) {
        group = new MultiThreadIoEventLoopGroup(threads, UdpTransport.best().ioHandlerFactory());
    }

    DhtRuntime start(DhtSettings settings) throws InterruptedException {
        DhtRuntime node = DhtRuntime.start(settings, group, blocking);
        nodes.add(node);
        return node;
    }

    DhtRuntime start(InetSocketAddress... bootstrap) throws InterruptedException {
        return start(DhtSettings.loopback().withBootstrap(bootstrap));
    }

    /** Skips the calling test class, naming why, when this machine cannot bind UDP on ::1. */
    /**
     * Refreshes the neighbourhood of every node not yet {@code joined}, round after round, until all are. One
     * round is not enough on a busy machine: a refresh whose queries time out leaves its node short of
     * contacts, and nothing else would fill the table within a test's time (a real node refreshes its
     * buckets every 15 minutes).
     */
    static void refreshUntil(List<DhtRuntime> nodes, Predicate<DhtRuntime> joined, Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(200)).until(() -> {
            for (DhtRuntime node : nodes) {
                if (!joined.test(node)) {
                    node.refreshNeighbourhood().get(10, TimeUnit.SECONDS);
                }
            }
            return nodes.stream().allMatch(joined);
        });
    }

    static void assumeIpv6Loopback(String what) {
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(IPV6_LOOPBACK, 0))) {
            if (!probe.getLocalAddress().equals(IPV6_LOOPBACK)) {
                Assumptions.abort("UDP on ::1 binds " + probe.getLocalAddress() + ": " + what + " skipped");
            }
        } catch (IOException noIpv6) {
            Assumptions.abort("this machine cannot bind UDP on ::1 (" + noIpv6.getMessage() + "): " + what + " skipped");
        }
    }

    private static InetAddress ipv6Loopback() {
        byte[] one = new byte[16];
        one[15] = 1;
        try {
            return InetAddress.getByAddress(one);
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    List<DhtRuntime> all() {
        return nodes;
    }

    @Override
    public void close() {
        nodes.parallelStream().forEach(DhtRuntime::close);
        blocking.shutdownNow();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
