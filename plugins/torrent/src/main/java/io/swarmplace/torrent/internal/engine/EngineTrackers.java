package io.swarmplace.torrent.internal.engine;

import io.netty.channel.EventLoopGroup;
import io.swarmplace.torrent.PeerSource;
import io.swarmplace.torrent.internal.tracker.AnnouncerEnvironment;
import io.swarmplace.torrent.internal.tracker.AnnouncerSettings;
import io.swarmplace.torrent.internal.tracker.HttpTrackerClient;
import io.swarmplace.torrent.internal.tracker.HttpTrackerSettings;
import io.swarmplace.torrent.internal.tracker.TrackerAnnouncer;
import io.swarmplace.torrent.internal.tracker.TrackerClients;
import io.swarmplace.torrent.internal.tracker.TrackerPeer;
import io.swarmplace.torrent.internal.tracker.TrackerScheduler;
import io.swarmplace.torrent.internal.tracker.TransferTotals;
import io.swarmplace.torrent.internal.tracker.UdpTrackerClient;
import io.swarmplace.torrent.internal.tracker.UdpTrackerSettings;
import io.swarmplace.torrent.metainfo.InfoHash;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * The engine's tracker clients: one HTTP client and one UDP socket shared by every torrent, host name
 * lookups on a thread of their own (they block), and an announcer per torrent.
 */
final class EngineTrackers implements AutoCloseable {

    private static final String USER_AGENT = "Swarmplace/0.1.0";

    private final ExecutorService nameLookups = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "swarmplace-tracker-dns");
        thread.setDaemon(true);
        return thread;
    });
    private final EventLoopGroup group;
    private final UdpTrackerClient udp;
    private final TrackerClients clients;

    EngineTrackers(EventLoopGroup group, String bindAddress) {
        this.group = group;
        try {
            this.udp = UdpTrackerClient.open(group, new InetSocketAddress(bindAddress, 0), nameLookups,
                    UdpTrackerSettings.defaults(), Clock.systemUTC());
        } catch (IOException e) {
            nameLookups.shutdownNow();
            throw new UncheckedIOException("cannot open the UDP socket for trackers on " + bindAddress + ": " + e.getMessage(), e);
        }
        HttpTrackerClient http = new HttpTrackerClient(group, nameLookups, HttpTrackerSettings.defaults(USER_AGENT));
        this.clients = new TrackerClients(http, udp);
    }

    TrackerAnnouncer announcer(InfoHash infoHash, List<List<URI>> tiers, byte[] peerId, int listenPort,
            Supplier<TransferTotals> totals, BiConsumer<InetSocketAddress, PeerSource> peers) {
        AnnouncerEnvironment environment = new AnnouncerEnvironment(clients, TrackerScheduler.using(group),
                Clock.systemUTC(), new SecureRandom(), AnnouncerSettings.defaults());
        return new TrackerAnnouncer(environment, infoHash, tiers, peerId, listenPort, totals, found -> {
            for (TrackerPeer peer : found) {
                peers.accept(peer.address(), PeerSource.TRACKER);
            }
        });
    }

    @Override
    public void close() {
        udp.close();
        nameLookups.shutdownNow();
    }
}
