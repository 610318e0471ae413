package io.swarmplace.dht.internal.node;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** Our DHT nodes on 127.0.0.1 in this JVM, sharing one event loop group; closes them all. */
final class LoopbackNodes implements AutoCloseable {

    private final EventLoopGroup group;
    private final ExecutorService blocking = Executors.newFixedThreadPool(2);
    private final List<DhtRuntime> nodes = new ArrayList<>();

    LoopbackNodes(int threads) {
        group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
    }

    DhtRuntime start(DhtSettings settings) throws InterruptedException {
        DhtRuntime node = DhtRuntime.start(settings, group, blocking);
        nodes.add(node);
        return node;
    }

    DhtRuntime start(InetSocketAddress... bootstrap) throws InterruptedException {
        return start(DhtSettings.loopback().withBootstrap(bootstrap));
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
