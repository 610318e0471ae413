package io.swarmplace.tracker.internal;

import io.swarmplace.tracker.TrackerCounters;
import java.util.concurrent.atomic.LongAdder;

/** The tracker's counters, shared by the HTTP and UDP sides and the registry. */
final class TrackerStatistics {

    final LongAdder httpAnnounces = new LongAdder();
    final LongAdder httpScrapes = new LongAdder();
    final LongAdder udpConnects = new LongAdder();
    final LongAdder udpAnnounces = new LongAdder();
    final LongAdder udpScrapes = new LongAdder();
    final LongAdder refusals = new LongAdder();
    final LongAdder invalidHttpRequests = new LongAdder();
    final LongAdder droppedUdpPackets = new LongAdder();
    final LongAdder peersNotStored = new LongAdder();
    final LongAdder peersExpired = new LongAdder();

    TrackerCounters snapshot() {
        return new TrackerCounters(
                httpAnnounces.sum(),
                httpScrapes.sum(),
                udpConnects.sum(),
                udpAnnounces.sum(),
                udpScrapes.sum(),
                refusals.sum(),
                invalidHttpRequests.sum(),
                droppedUdpPackets.sum(),
                peersNotStored.sum(),
                peersExpired.sum());
    }
}
