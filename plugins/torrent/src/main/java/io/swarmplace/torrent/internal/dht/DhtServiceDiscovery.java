package io.swarmplace.torrent.internal.dht;

import io.swarmplace.dht.AnnounceResult;
import io.swarmplace.dht.DhtService;
import io.swarmplace.torrent.internal.engine.DhtPeerDiscovery;
import io.swarmplace.torrent.metainfo.InfoHash;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The only class of the torrent bundle that sees the DHT bundle's API. It is satisfied only while a
 * {@link DhtService} is registered; the engine binds it as an optional, dynamic, greedy reference. Without
 * the DHT bundle its class is never loaded, which is why the bundle imports {@code io.swarmplace.dht}
 * optionally.
 */
// Without the DHT bundle this component waits forever, by design: the node is ready without it
// (io.swarmplace.node.NodeStatus.NOT_NEEDED_FOR_READY_PROPERTY).
@Component(service = DhtPeerDiscovery.class, property = "swarmplace.ready.optional:Boolean=true")
public final class DhtServiceDiscovery implements DhtPeerDiscovery {

    private static final Logger LOG = Logger.getLogger(DhtServiceDiscovery.class.getName());

    private final DhtService dht;

    @Activate
    public DhtServiceDiscovery(@Reference(name = "dht") DhtService dht) {
        this.dht = dht;
    }

    @Override
    public CompletableFuture<List<InetSocketAddress>> announce(InfoHash infoHash, int port) {
        return dht.announce(infoHash.bytes(), port).thenApply(AnnounceResult::peers);
    }

    @Override
    public void nodeLearned(InetSocketAddress node) {
        dht.ping(node).whenComplete((contact, failure) -> {
            if (failure != null) {
                LOG.log(Level.FINE, () -> "the DHT node a peer announced at " + node + " did not answer: " + failure.getMessage());
            }
        });
    }

    @Override
    public OptionalInt port() {
        return dht.stats().localAddress().map(address -> OptionalInt.of(address.getPort())).orElse(OptionalInt.empty());
    }
}
