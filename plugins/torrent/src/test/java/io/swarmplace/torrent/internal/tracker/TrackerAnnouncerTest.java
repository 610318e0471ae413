package io.swarmplace.torrent.internal.tracker;

import static io.swarmplace.torrent.internal.tracker.RawHttpServer.ok;
import static io.swarmplace.torrent.internal.tracker.TrackerTests.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.swarmplace.bencode.BDictionary;
import io.swarmplace.torrent.metainfo.InfoHash;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The announcer's policy (tiers, events, intervals, backoff) with the real HTTP client against scripted
 * trackers on 127.0.0.1, and time moved by hand: nothing here sleeps.
 */
class TrackerAnnouncerTest {

    private static final InfoHash HASH = InfoHash.fromHex("cd".repeat(20));
    private static final byte[] PEER = {10, 0, 0, 7, 0x1a, (byte) 0xe1};
    private static final AnnouncerSettings SETTINGS = new AnnouncerSettings(30, Duration.ofMinutes(1), Duration.ofHours(1),
            new AnnounceBackoff(Duration.ofSeconds(10), Duration.ofSeconds(40)));

    private static EventLoopGroup group;
    private static ExecutorService lookups;
    private static HttpTrackerClient client;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final List<TrackerPeer> heard = new CopyOnWriteArrayList<>();
    private final AtomicLong left = new AtomicLong(1000);
    private RawHttpServer trackers;

    @BeforeAll
    static void startLoop() {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        lookups = Executors.newSingleThreadExecutor();
        client = new HttpTrackerClient(group, lookups, HttpTrackerSettings.defaults("Swarmplace-test")
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(4)));
    }

    @AfterAll
    static void stopLoop() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        lookups.shutdownNow();
    }

    @BeforeEach
    void startTrackers() throws Exception {
        trackers = new RawHttpServer()
                .on("ok1", ok(answer(1800, 600)))
                .on("ok2", ok(answer(1800, 600)))
                .on("fast", ok(answer(5, 0)))
                .on("fail1", refusing())
                .on("fail2", refusing());
    }

    @AfterEach
    void stopTrackers() throws Exception {
        trackers.close();
    }

    @Test
    void theNextTierIsTriedOnlyWhenEveryTrackerOfATierFailed() throws Exception {
        TrackerAnnouncer announcer = announcer(List.of(List.of(url("fail1"), url("fail2")), List.of(url("ok1")), List.of(url("ok2"))));

        await(announcer.start());

        assertThat(events("fail1")).containsExactly("started");
        assertThat(events("fail2")).containsExactly("started");
        assertThat(events("ok1")).containsExactly("started");
        assertThat(events("ok2")).isEmpty();
        assertThat(heard).containsExactly(new TrackerPeer(new InetSocketAddress(InetAddress.getByAddress(new byte[] {10, 0, 0, 7}), 6881),
                "tracker:" + url("ok1")));
        Map<String, TrackerStatus> status = byUrl(announcer.status());
        assertThat(status.get(url("fail1").toString()).lastError()).hasValueSatisfying(error ->
                assertThat(error).isEqualTo(url("fail1") + ": the tracker refused: down for maintenance"));
        assertThat(status.get(url("ok1").toString()).lastError()).isEmpty();
        assertThat(status.get(url("ok1").toString()).seeders()).hasValue(3);
        assertThat(status.get(url("ok1").toString()).leechers()).hasValue(4);
        assertThat(status.get(url("ok1").toString()).lastSuccess()).contains(clock.instant());
    }

    @Test
    void aTrackerThatAnsweredIsAskedFirstNextTime() throws Exception {
        TrackerAnnouncer announcer = announcer(List.of(List.of(url("fail1"), url("ok1"), url("fail2"))));
        await(announcer.start());
        assertThat(announcer.status().get(0).url()).isEqualTo(url("ok1").toString());
        int failuresSoFar = events("fail1").size() + events("fail2").size();

        advance(Duration.ofSeconds(1800));

        assertThat(events("ok1")).containsExactly("started", "none");
        assertThat(events("fail1").size() + events("fail2").size()).isEqualTo(failuresSoFar);
    }

    @Test
    void eventsGoStartedThenRegularThenCompletedOnceThenStopped() throws Exception {
        TrackerAnnouncer announcer = announcer(List.of(List.of(url("ok1"))));

        await(announcer.start());
        assertThat(announcer.nextAnnounce()).contains(clock.instant().plusSeconds(1800));
        advance(Duration.ofSeconds(1800));
        left.set(0);
        await(announcer.completed());
        await(announcer.completed());
        await(announcer.stop());

        assertThat(events("ok1")).containsExactly("started", "none", "completed", "stopped");
        assertThat(parameters("ok1", "left")).containsExactly("1000", "1000", "0", "0");
        assertThat(parameters("ok1", "numwant")).containsExactly("30", "30", "30", "0");
        assertThat(scheduler.pending()).as("nothing is scheduled after stop").isZero();
        advance(Duration.ofHours(2));
        assertThat(events("ok1")).hasSize(4);
    }

    @Test
    void aTorrentCompleteFromTheStartNeverSendsCompleted() throws Exception {
        left.set(0);
        TrackerAnnouncer announcer = announcer(List.of(List.of(url("ok1"))));

        await(announcer.start());
        await(announcer.completed());
        await(announcer.stop());

        assertThat(events("ok1")).containsExactly("started", "stopped");
    }

    @Test
    void aTrackerReachedLaterIsToldStartedAndEveryStartedTrackerIsToldStopped() throws Exception {
        TrackerAnnouncer announcer = announcer(List.of(List.of(url("ok1")), List.of(url("ok2"))));
        await(announcer.start());
        trackers.on("ok1", refusing());

        advance(Duration.ofSeconds(1800));
        await(announcer.stop());

        assertThat(events("ok1")).containsExactly("started", "none", "stopped");
        assertThat(events("ok2")).containsExactly("started", "stopped");
    }

    @Test
    void roundsWithoutAnyAnswerBackOffExponentiallyUpToTheMaximum() throws Exception {
        TrackerAnnouncer announcer = announcer(List.of(List.of(url("fail1")), List.of(url("fail2"))));
        await(announcer.start());

        assertThat(scheduler.nextDelay()).contains(Duration.ofSeconds(10));
        assertThat(announcer.status().get(0).nextAnnounce()).contains(clock.instant().plusSeconds(10));
        announcer.requestPeers();
        assertThat(events("fail1")).as("asking for peers does not cut the backoff short").containsExactly("started");
        advance(Duration.ofSeconds(10));
        assertThat(scheduler.nextDelay()).contains(Duration.ofSeconds(20));
        advance(Duration.ofSeconds(20));
        assertThat(scheduler.nextDelay()).contains(Duration.ofSeconds(40));
        advance(Duration.ofSeconds(40));
        assertThat(scheduler.nextDelay()).contains(Duration.ofSeconds(40));
        assertThat(events("fail1")).as("a failed started is sent again").containsExactly("started", "started", "started", "started");

        trackers.on("fail2", ok(answer(1800, 0)));
        advance(Duration.ofSeconds(40));
        assertThat(scheduler.nextDelay()).as("an answer ends the backoff").contains(Duration.ofSeconds(1800));
    }

    @Test
    void extraAnnouncesWaitForTheMinInterval() throws Exception {
        TrackerAnnouncer announcer = announcer(List.of(List.of(url("ok1"))));
        await(announcer.start());

        announcer.requestPeers();
        assertThat(events("ok1")).containsExactly("started");
        assertThat(scheduler.nextDelay()).contains(Duration.ofSeconds(600));

        advance(Duration.ofSeconds(600));
        assertThat(events("ok1")).containsExactly("started", "none");
        assertThat(announcer.nextAnnounce()).contains(clock.instant().plusSeconds(1800));
    }

    @Test
    void aTorrentWithoutTrackersSchedulesNothing() throws Exception {
        TrackerAnnouncer announcer = announcer(List.of(List.of()));

        await(announcer.start());
        announcer.requestPeers();

        assertThat(announcer.status()).isEmpty();
        assertThat(scheduler.pending()).isZero();
        await(announcer.stop());
    }

    @Test
    void aTooShortIntervalIsHeldToTheMinimum() throws Exception {
        TrackerAnnouncer announcer = announcer(List.of(List.of(url("fast"))));

        await(announcer.start());

        assertThat(scheduler.nextDelay()).contains(SETTINGS.minimumInterval());
    }

    private void advance(Duration duration) throws Exception {
        scheduler.advance(duration);
        for (TrackerAnnouncer announcer : announcers) {
            await(announcer.roundInProgress());
        }
    }

    private final List<TrackerAnnouncer> announcers = new CopyOnWriteArrayList<>();

    private TrackerAnnouncer announcer(List<List<URI>> tiers) {
        AnnouncerEnvironment environment = new AnnouncerEnvironment(client, scheduler, clock, new Random(42), SETTINGS);
        TrackerAnnouncer announcer = new TrackerAnnouncer(environment, HASH, tiers, TrackerTests.peerId("-SW0001-ann"), 6881,
                () -> new TransferTotals(0, 0, left.get()), heard::addAll);
        announcers.add(announcer);
        return announcer;
    }

    private URI url(String segment) {
        return trackers.url("/" + segment + "/announce");
    }

    private List<String> events(String segment) {
        return parameters(segment, "event").stream().map(event -> event == null ? "none" : event).toList();
    }

    /** The value of one query parameter in each request to a tracker, null where it was absent. */
    private List<String> parameters(String segment, String name) {
        return trackers.requestHeads().stream()
                .filter(head -> head.startsWith("GET /" + segment + "/"))
                .map(head -> TrackerUrlsTest.parseQuery(URI.create(head.split(" ", 3)[1]).getRawQuery()).get(name))
                .map(values -> values == null ? null : new String(values.get(0), java.nio.charset.StandardCharsets.US_ASCII))
                .toList();
    }

    private static Map<String, TrackerStatus> byUrl(List<TrackerStatus> statuses) {
        return statuses.stream().collect(java.util.stream.Collectors.toMap(TrackerStatus::url, s -> s));
    }

    private static byte[] answer(long interval, long minInterval) {
        BDictionary.Builder answer = BDictionary.builder().put("interval", interval).put("complete", 3).put("incomplete", 4)
                .put("peers", PEER);
        if (minInterval > 0) {
            answer.put("min interval", minInterval);
        }
        return answer.build().encode();
    }

    private static RawHttpServer.Behaviour refusing() {
        return ok(BDictionary.builder().put("failure reason", "down for maintenance").build().encode());
    }
}
