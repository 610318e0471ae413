package io.swarmplace.dht.internal;

import io.swarmplace.dht.DhtContact;
import io.swarmplace.dht.DhtException;
import io.swarmplace.dht.DhtService;
import io.swarmplace.dht.DhtStats;
import io.swarmplace.dht.DropReason;
import io.swarmplace.dht.PeerLookup;
import io.swarmplace.dht.internal.krpc.NodeId;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Shell commands {@code dht:status} and {@code dht:lookup}. */
@Component(
        service = DhtCommands.class,
        property = {
            "osgi.command.scope=dht",
            "osgi.command.function=status",
            "osgi.command.function=lookup"
        })
public class DhtCommands {

    /** Longer than any lookup's own bound, so the command reports the lookup's outcome rather than its own timeout. */
    private static final long LOOKUP_WAIT_SECONDS = 60;

    private final DhtService dht;

    @Activate
    public DhtCommands(@Reference DhtService dht) {
        this.dht = dht;
    }

    @Descriptor("shows the DHT node's id, address, routing table and counters")
    public String status() {
        DhtStats stats = dht.stats();
        if (stats.localAddress().isEmpty()) {
            return "DHT not running (set enabled=true in PID " + DhtNode.PID + ")";
        }
        InetSocketAddress local = stats.localAddress().get();
        String drops = stats.dropped().entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .sorted(java.util.Map.Entry.comparingByKey())
                .map(e -> e.getKey().name().toLowerCase(java.util.Locale.ROOT) + " " + e.getValue())
                .collect(Collectors.joining(", "));
        return "DHT node\n"
                + "  id:       " + stats.nodeIdHex() + '\n'
                + "  udp:      " + local.getAddress().getHostAddress() + ":" + local.getPort() + '\n'
                + "  routing:  " + stats.routingTableNodes() + " nodes in " + stats.buckets() + " buckets, "
                + stats.replacementNodes() + " waiting\n"
                + "  messages: " + stats.messagesIn() + " in, " + stats.messagesOut() + " out\n"
                + "  dropped:  " + stats.droppedTotal() + (drops.isEmpty() ? "" : " (" + drops + ")") + '\n'
                + "  stored:   " + stats.storedPeers() + " peers for " + stats.storedInfoHashes() + " info-hashes";
    }

    @Descriptor("looks up peers for an info-hash in the DHT")
    public String lookup(@Descriptor("the info-hash, 40 hex digits") String infoHashHex) throws InterruptedException {
        NodeId infoHash = NodeId.parseHex(infoHashHex);
        PeerLookup found;
        try {
            found = dht.getPeers(infoHash.bytes()).get(LOOKUP_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException failed) {
            Throwable cause = failed.getCause();
            throw cause instanceof DhtException dht ? dht : new DhtException("lookup failed: " + cause, cause);
        } catch (TimeoutException slow) {
            throw new DhtException("the lookup for " + infoHash.hex() + " did not end within " + LOOKUP_WAIT_SECONDS + " s");
        }
        StringBuilder out = new StringBuilder("Info-hash ").append(found.infoHashHex()).append(": ")
                .append(found.peers().size()).append(" peers from ").append(found.nodesAnswered()).append(" of ")
                .append(found.nodesQueried()).append(" nodes asked");
        for (InetSocketAddress peer : found.peers()) {
            out.append("\n  peer ").append(peer.getAddress().getHostAddress()).append(':').append(peer.getPort());
        }
        for (DhtContact node : found.closestNodes()) {
            out.append("\n  node ").append(node);
        }
        return out.toString();
    }
}
