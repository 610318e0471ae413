package io.swarmplace.torrent.internal.engine;

import io.swarmplace.torrent.PeerSource;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.IntSupplier;
import java.util.logging.Level;

/**
 * Finds peers for one public torrent through the DHT and announces us there, as libtorrent does: at once,
 * then every {@code interval} (15 minutes by default); a download with fewer than {@value #FEW_PEERS}
 * connections, and any torrent whose last round failed (the node may still be bootstrapping), looks again
 * after {@code fewPeersInterval}. Runs on the torrent's loop; one round at a time.
 */
final class DhtAnnouncer {

    static final int FEW_PEERS = 5;

    private final TorrentSession session;
    private final DhtPeerDiscovery dht;
    private final IntSupplier connectedPeers;
    private final BiConsumer<InetSocketAddress, PeerSource> peers;
    private final Duration interval;
    private final Duration fewPeersInterval;
    private ScheduledFuture<?> next;
    private boolean running;

    DhtAnnouncer(TorrentSession session, DhtPeerDiscovery dht, IntSupplier connectedPeers,
            BiConsumer<InetSocketAddress, PeerSource> peers, Duration interval, Duration fewPeersInterval) {
        this.session = session;
        this.dht = dht;
        this.connectedPeers = connectedPeers;
        this.peers = peers;
        this.interval = interval;
        this.fewPeersInterval = fewPeersInterval;
    }

    DhtPeerDiscovery dht() {
        return dht;
    }

    void start() {
        running = true;
        announce();
    }

    void stop() {
        running = false;
        if (next != null) {
            next.cancel(false);
            next = null;
        }
    }

    private void announce() {
        next = null;
        if (!running) {
            return;
        }
        int port = session.runtime.listenAddress().getPort();
        dht.announce(session.infoHash, port).whenComplete((found, failure) -> session.loop.execute(() -> {
            if (!running) {
                return;
            }
            if (failure != null) {
                session.log(Level.FINE, "DHT announce failed, trying again in " + fewPeersInterval.toSeconds() + " s: "
                        + TorrentSession.rootMessage(failure));
                schedule(fewPeersInterval);
                return;
            }
            offer(found);
            schedule(needsPeers() ? fewPeersInterval : interval);
        }));
    }

    /** A seed waits for leechers to find it; a download looks again soon while it has few peers. */
    private boolean needsPeers() {
        boolean seeding = session.picker != null && session.picker.isComplete();
        return !seeding && connectedPeers.getAsInt() < FEW_PEERS;
    }

    private void offer(List<InetSocketAddress> found) {
        session.log(Level.FINE, "DHT found " + found.size() + " peers");
        for (InetSocketAddress peer : found) {
            peers.accept(peer, PeerSource.DHT);
        }
    }

    private void schedule(Duration delay) {
        next = session.loop.schedule(this::announce, delay.toMillis(), TimeUnit.MILLISECONDS);
    }
}
