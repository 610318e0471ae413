package io.swarmplace.torrent.internal.tracker;

import static io.swarmplace.torrent.internal.tracker.TrackerTests.await;
import static io.swarmplace.torrent.internal.tracker.TrackerTests.failure;
import static io.swarmplace.torrent.internal.tracker.TrackerTests.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.swarmplace.testing.peers.FreePorts;
import io.swarmplace.testing.peers.OpenTracker;
import io.swarmplace.torrent.metainfo.InfoHash;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Our HTTP and UDP tracker clients against a real opentracker on 127.0.0.1 (a fresh one for this class,
 * through the shared fixture). Every test uses its own whitelisted info-hash, so the swarms do not meet.
 */
class OpenTrackerInteropTest {

    private static final Random RANDOM = new Random(0x7ac6e7);
    private static final InfoHash HTTP_SWARM = TrackerTests.randomInfoHash(RANDOM);
    private static final InfoHash UDP_SWARM = TrackerTests.randomInfoHash(RANDOM);
    private static final InfoHash HTTP_SCRAPED = TrackerTests.randomInfoHash(RANDOM);
    private static final InfoHash UDP_SCRAPED = TrackerTests.randomInfoHash(RANDOM);
    private static final InfoHash ANNOUNCER_SWARM = TrackerTests.randomInfoHash(RANDOM);
    private static final InfoHash NOT_LISTED = TrackerTests.randomInfoHash(RANDOM);
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private static OpenTracker tracker;
    private static URI httpAnnounce;
    private static URI udpAnnounce;
    private static EventLoopGroup group;
    private static ExecutorService lookups;
    private static HttpTrackerClient http;
    private static UdpTrackerClient udp;

    @BeforeAll
    static void startTracker() throws Exception {
        OpenTracker.require();
        tracker = OpenTracker.start(FreePorts.loopbackPort(),
                Stream.of(HTTP_SWARM, UDP_SWARM, HTTP_SCRAPED, UDP_SCRAPED, ANNOUNCER_SWARM).map(InfoHash::hex).toList());
        httpAnnounce = URI.create(tracker.httpAnnounceUrl());
        udpAnnounce = URI.create(tracker.udpAnnounceUrl());
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        lookups = Executors.newSingleThreadExecutor();
        http = new HttpTrackerClient(group, lookups, HttpTrackerSettings.defaults("Swarmplace-test"));
        udp = UdpTrackerClient.open(group, new InetSocketAddress(LOOPBACK, 0), lookups,
                new UdpTrackerSettings(Duration.ofMillis(500), 3, Duration.ofSeconds(60)), Clock.systemUTC());
    }

    @AfterAll
    static void stopTracker() throws Exception {
        if (udp != null) {
            udp.close();
        }
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        if (lookups != null) {
            lookups.shutdownNow();
        }
        if (tracker != null) {
            tracker.close();
        }
    }

    @Test
    void httpPeersFindEachOtherAndStoppedRemovesThem() throws Exception {
        peersFindEachOtherAndStoppedRemovesThem(http, httpAnnounce, HTTP_SWARM);
    }

    @Test
    void udpPeersFindEachOtherAndStoppedRemovesThem() throws Exception {
        peersFindEachOtherAndStoppedRemovesThem(udp, udpAnnounce, UDP_SWARM);
    }

    private void peersFindEachOtherAndStoppedRemovesThem(TrackerClient client, URI announce, InfoHash swarm) throws Exception {
        AnnounceResponse first = await(client.announce(announce, request(swarm, "-SW0001-alice", 7001, 1000, AnnounceEvent.STARTED)));
        assertThat(first.interval()).isPositive();

        AnnounceResponse second = await(client.announce(announce, request(swarm, "-SW0001-bob", 7002, 1000, AnnounceEvent.STARTED)));
        assertThat(second.peers()).contains(new InetSocketAddress(LOOPBACK, 7001));
        assertThat(second.leechers()).hasValue(2);

        AnnounceResponse again = await(client.announce(announce, request(swarm, "-SW0001-alice", 7001, 1000, AnnounceEvent.NONE)));
        assertThat(again.peers()).contains(new InetSocketAddress(LOOPBACK, 7002));

        await(client.announce(announce, request(swarm, "-SW0001-alice", 7001, 1000, AnnounceEvent.STOPPED)));
        AnnounceResponse afterStop = await(client.announce(announce, request(swarm, "-SW0001-bob", 7002, 1000, AnnounceEvent.NONE)));
        assertThat(afterStop.peers()).doesNotContain(new InetSocketAddress(LOOPBACK, 7001));
        assertThat(afterStop.leechers()).hasValue(1);
    }

    @Test
    void httpScrapeShowsTheCounts() throws Exception {
        scrapeShowsTheCounts(http, httpAnnounce, HTTP_SCRAPED);
    }

    @Test
    void udpScrapeShowsTheCounts() throws Exception {
        scrapeShowsTheCounts(udp, udpAnnounce, UDP_SCRAPED);
    }

    private void scrapeShowsTheCounts(TrackerClient client, URI announce, InfoHash swarm) throws Exception {
        await(client.announce(announce, request(swarm, "-SW0001-seed", 7101, 0, AnnounceEvent.STARTED)));
        await(client.announce(announce, request(swarm, "-SW0001-leech", 7102, 500, AnnounceEvent.STARTED)));
        await(client.announce(announce, request(swarm, "-SW0001-done", 7103, 500, AnnounceEvent.STARTED)));
        await(client.announce(announce, request(swarm, "-SW0001-done", 7103, 0, AnnounceEvent.COMPLETED)));

        Map<InfoHash, ScrapeResult> counts = await(client.scrape(announce, List.of(swarm)));

        assertThat(counts).containsEntry(swarm, new ScrapeResult(2, 1, 1));

        await(client.announce(announce, request(swarm, "-SW0001-leech", 7102, 500, AnnounceEvent.STOPPED)));
        assertThat(await(client.scrape(announce, List.of(swarm)))).containsEntry(swarm, new ScrapeResult(2, 1, 0));
    }

    @Test
    void anInfoHashTheTrackerDoesNotServeIsRefusedInItsWordsOverHttp() throws Exception {
        Throwable refused = failure(http.announce(httpAnnounce, request(NOT_LISTED, "-SW0001-eve", 7201, 1, AnnounceEvent.STARTED)));

        assertThat(refused).isInstanceOf(TrackerFailureException.class);
        assertThat(((TrackerFailureException) refused).reason())
                .isEqualTo("Requested download is not authorized for use with this tracker.");
        assertThat(refused).hasMessageStartingWith(httpAnnounce + ": the tracker refused: Requested download is not authorized");
    }

    @Test
    void anInfoHashTheTrackerDoesNotServeFailsClearlyOverUdp() throws Exception {
        // opentracker sends no error packet here, only the 8-byte header of an announce response.
        long malformedBefore = udp.dropCounts().malformed();

        Throwable refused = failure(udp.announce(udpAnnounce, request(NOT_LISTED, "-SW0001-eve", 7202, 1, AnnounceEvent.STARTED)));

        assertThat(refused).isInstanceOf(TrackerResponseException.class)
                .hasMessageContaining("the announce response has 8 bytes, fewer than the 20");
        assertThat(udp.dropCounts().malformed()).isEqualTo(malformedBefore + 1);
    }

    @Test
    void theAnnouncerFallsBackToTheNextTierAndReportsTheSwarm() throws Exception {
        URI unreachable = URI.create("http://127.0.0.1:1/announce");
        ManualClock clock = new ManualClock(java.time.Instant.parse("2026-01-01T00:00:00Z"));
        AnnouncerEnvironment environment = new AnnouncerEnvironment(new TrackerClients(http, udp), new ManualScheduler(clock), clock,
                new Random(5), AnnouncerSettings.defaults());
        List<List<TrackerPeer>> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        TrackerAnnouncer announcer = new TrackerAnnouncer(environment, ANNOUNCER_SWARM,
                List.of(List.of(unreachable), List.of(udpAnnounce)), TrackerTests.peerId("-SW0001-tiers"), 7301,
                () -> new TransferTotals(0, 0, 1234), heard::add);

        await(announcer.start());

        List<TrackerStatus> status = announcer.status();
        assertThat(status).extracting(TrackerStatus::url).containsExactly(unreachable.toString(), udpAnnounce.toString());
        assertThat(status.get(0).lastError()).hasValueSatisfying(error -> assertThat(error).contains("could not connect"));
        assertThat(status.get(1).lastError()).isEmpty();
        assertThat(status.get(1).leechers()).hasValue(1);
        assertThat(heard).hasSize(1);
        assertThat(heard.get(0)).containsExactly(new TrackerPeer(new InetSocketAddress(LOOPBACK, 7301), "tracker:" + udpAnnounce));

        await(announcer.stop());
        Map<InfoHash, ScrapeResult> counts = await(udp.scrape(udpAnnounce, List.of(ANNOUNCER_SWARM)));
        assertThat(counts.get(ANNOUNCER_SWARM).incomplete()).isZero();
    }
}
