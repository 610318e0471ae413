package io.swarmplace.tracker.internal;

import io.swarmplace.tracker.SwarmStats;
import io.swarmplace.tracker.Tracker;
import io.swarmplace.tracker.TrackerCounters;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Shell commands {@code tracker:status} and {@code tracker:swarms}. */
@Component(
        service = TrackerCommands.class,
        property = {
            "osgi.command.scope=tracker",
            "osgi.command.function=status",
            "osgi.command.function=swarms"
        })
public class TrackerCommands {

    private final Tracker tracker;

    @Activate
    public TrackerCommands(@Reference Tracker tracker) {
        this.tracker = tracker;
    }

    @Descriptor("shows the tracker's announce URLs, how many torrents and peers it tracks, and its counters")
    public String status() {
        if (!tracker.enabled()) {
            return "Tracker disabled (set enabled=true in PID " + TrackerServer.PID + ")";
        }
        List<SwarmStats> swarms = tracker.swarms();
        long seeders = swarms.stream().mapToLong(SwarmStats::seeders).sum();
        long leechers = swarms.stream().mapToLong(SwarmStats::leechers).sum();
        TrackerCounters c = tracker.counters();
        return "Tracker\n"
                + "  http:     " + uri(tracker.httpAnnounceUri()) + '\n'
                + "  udp:      " + uri(tracker.udpAnnounceUri()) + '\n'
                + "  torrents: " + swarms.size() + '\n'
                + "  peers:    " + (seeders + leechers) + " (" + seeders + " seeders, " + leechers + " leechers)\n"
                + "  announces: " + c.httpAnnounces() + " http, " + c.udpAnnounces() + " udp\n"
                + "  scrapes:   " + c.httpScrapes() + " http, " + c.udpScrapes() + " udp\n"
                + "  udp connects: " + c.udpConnects() + '\n'
                + "  refused: " + c.refusals() + ", invalid http: " + c.invalidHttpRequests()
                + ", dropped udp: " + c.droppedUdpPackets() + '\n'
                + "  peers not stored (limits): " + c.peersNotStored() + ", expired: " + c.peersExpired();
    }

    @Descriptor("lists every swarm: info-hash, seeders, leechers, completed downloads")
    public String swarms() {
        List<SwarmStats> swarms = tracker.swarms();
        if (swarms.isEmpty()) {
            return "No swarms";
        }
        StringBuilder out = new StringBuilder(String.format("%-40s %8s %8s %9s", "INFO-HASH", "SEEDERS", "LEECHERS", "COMPLETED"));
        for (SwarmStats swarm : swarms) {
            out.append('\n').append(String.format("%-40s %8d %8d %9d",
                    swarm.infoHash(), swarm.seeders(), swarm.leechers(), swarm.completed()));
        }
        return out.toString();
    }

    private static String uri(Optional<URI> uri) {
        return uri.map(URI::toString).orElse("off");
    }
}
