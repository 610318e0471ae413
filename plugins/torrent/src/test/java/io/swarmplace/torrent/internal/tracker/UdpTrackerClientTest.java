package io.swarmplace.torrent.internal.tracker;

import static io.swarmplace.torrent.internal.tracker.ScriptedUdpTracker.announceResponse;
import static io.swarmplace.torrent.internal.tracker.ScriptedUdpTracker.connectResponse;
import static io.swarmplace.torrent.internal.tracker.ScriptedUdpTracker.transactionIdOf;
import static io.swarmplace.torrent.internal.tracker.TrackerTests.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.ResourceLeakDetector;
import io.swarmplace.torrent.metainfo.InfoHash;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The BEP 15 client against scripted UDP trackers on 127.0.0.1, with short timeouts. */
class UdpTrackerClientTest {

    private static final InfoHash HASH = InfoHash.fromHex("0123456789abcdef0123456789abcdef01234567");
    private static final UdpTrackerSettings QUICK = new UdpTrackerSettings(Duration.ofMillis(40), 3, Duration.ofSeconds(60));
    private static final long CONNECTION_ID = 0x1122334455667788L;

    private static EventLoopGroup group;
    private static ExecutorService lookups;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private UdpTrackerClient client;
    private ScriptedUdpTracker tracker;

    @BeforeAll
    static void startLoop() {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        lookups = Executors.newSingleThreadExecutor();
    }

    @AfterAll
    static void stopLoop() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        lookups.shutdownNow();
    }

    @BeforeEach
    void open() throws Exception {
        client = UdpTrackerClient.open(group, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), lookups, QUICK, clock);
        tracker = new ScriptedUdpTracker(ScriptedUdpTracker.wellBehaved());
    }

    @AfterEach
    void close() throws Exception {
        client.close();
        tracker.close();
    }

    @Test
    void announcesAfterConnecting() throws Exception {
        AnnounceResponse response = await(client.announce(tracker.url(), announce()));

        assertThat(response.interval()).isEqualTo(Duration.ofSeconds(1800));
        assertThat(response.leechers()).hasValue(2);
        assertThat(response.seeders()).hasValue(1);
        assertThat(response.peers()).containsExactly(new InetSocketAddress(InetAddress.getByAddress(new byte[] {10, 0, 0, 9}), 6881));
        assertThat(tracker.receivedActions()).containsExactly(0, 1);
        assertThat(ScriptedUdpTracker.connectionIdOf(tracker.received().get(1))).isEqualTo(CONNECTION_ID);
    }

    @Test
    void aSilentTrackerGetsTheConfiguredNumberOfRetransmissionsThenTheRequestTimesOut() throws Exception {
        tracker.script(ScriptedUdpTracker.SILENT);

        Throwable timedOut = failure(client.announce(tracker.url(), announce()));

        assertThat(timedOut).isInstanceOf(TrackerTimeoutException.class)
                .hasMessageContaining("no answer to 3 connect packets")
                .hasMessageContaining("the last waited 160 ms");
        assertThat(client.packetsSent()).isEqualTo(3);
        assertThat(tracker.received()).hasSize(3).allSatisfy(packet -> assertThat(packet).isEqualTo(tracker.received().get(0)));
    }

    @Test
    void aConnectionIdIsReusedForAMinuteThenRenewed() throws Exception {
        await(client.announce(tracker.url(), announce()));
        await(client.scrape(tracker.url(), List.of(HASH)));
        clock.advance(Duration.ofSeconds(59));
        await(client.announce(tracker.url(), announce()));
        assertThat(tracker.receivedActions()).containsExactly(0, 1, 2, 1);

        clock.advance(Duration.ofSeconds(2));
        await(client.announce(tracker.url(), announce()));

        assertThat(tracker.receivedActions()).containsExactly(0, 1, 2, 1, 0, 1);
    }

    @Test
    void answersWithAnotherTransactionIdAreDroppedAndCounted() throws Exception {
        tracker.script((packet, from, t) -> {
            int transactionId = transactionIdOf(packet);
            if (ByteBuffer.wrap(packet).getInt(8) == 0) {
                t.send(connectResponse(transactionId + 1, 99), from);
                t.send(connectResponse(transactionId, CONNECTION_ID), from);
            } else {
                t.send(announceResponse(transactionId ^ 0x5a5a5a5a, 5, 5, 5, new byte[0]), from);
                t.send(announceResponse(transactionId, 60, 0, 1, new byte[0]), from);
            }
        });

        AnnounceResponse response = await(client.announce(tracker.url(), announce()));

        assertThat(response.interval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(ScriptedUdpTracker.connectionIdOf(tracker.received().get(1))).isEqualTo(CONNECTION_ID);
        assertThat(client.dropCounts()).isEqualTo(new UdpDropCounts(0, 2, 0));
    }

    @Test
    void answersFromAnotherAddressAndShortPacketsAreDroppedAndCounted() throws Exception {
        try (DatagramSocket impostor = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            tracker.script((packet, from, t) -> {
                byte[] forged = connectResponse(transactionIdOf(packet), 666);
                impostor.send(new DatagramPacket(forged, forged.length, from));
                t.send(new byte[] {0, 0, 0}, from);
                ScriptedUdpTracker.wellBehaved().onPacket(packet, from, t);
            });

            await(client.announce(tracker.url(), announce()));
        }

        assertThat(ScriptedUdpTracker.connectionIdOf(tracker.received().get(1))).isEqualTo(CONNECTION_ID);
        assertThat(client.dropCounts().unsolicited()).isEqualTo(2);
        assertThat(client.dropCounts().tooShort()).isEqualTo(2);
    }

    @Test
    void anErrorPacketIsARefusalInTheTrackersWords() throws Exception {
        tracker.script((packet, from, t) -> {
            if (ByteBuffer.wrap(packet).getInt(8) == 0) {
                t.send(connectResponse(transactionIdOf(packet), CONNECTION_ID), from);
            } else {
                t.send(ScriptedUdpTracker.error(transactionIdOf(packet), "torrent not registered\0"), from);
            }
        });

        Throwable refused = failure(client.announce(tracker.url(), announce()));

        assertThat(refused).isInstanceOfSatisfying(TrackerFailureException.class,
                e -> assertThat(e.reason()).isEqualTo("torrent not registered"));
    }

    @Test
    void anAnswerOfTheWrongKindFailsTheRequestAndIsCounted() throws Exception {
        tracker.script((packet, from, t) -> {
            byte[] scrapeAnswer = ByteBuffer.allocate(8).putInt(2).putInt(transactionIdOf(packet)).array();
            t.send(scrapeAnswer, from);
        });

        Throwable wrong = failure(client.announce(tracker.url(), announce()));

        assertThat(wrong).isInstanceOf(TrackerResponseException.class).hasMessageContaining("answered a connect request with action 2");
        assertThat(client.dropCounts().malformed()).isEqualTo(1);
    }

    @Test
    void aScrapeOfMoreThan74HashesIsSplitIntoPackets() throws Exception {
        Random random = new Random(100);
        List<InfoHash> hashes = IntStream.range(0, 100).mapToObj(i -> TrackerTests.randomInfoHash(random)).toList();

        Map<InfoHash, ScrapeResult> counts = await(client.scrape(tracker.url(), hashes));

        assertThat(counts).hasSize(100);
        // The scripted tracker reports each hash's first byte as "complete", so a mix-up would show.
        hashes.forEach(hash -> assertThat(counts.get(hash).complete()).isEqualTo(hash.bytes()[0] & 0xff));
        assertThat(tracker.received().stream().filter(p -> ByteBuffer.wrap(p).getInt(8) == 2).map(p -> (p.length - 16) / 20))
                .containsExactlyInAnyOrder(74, 26);
    }

    @Test
    void randomDatagramsAreAllDroppedAndCountedAndTheClientStillWorks() throws Exception {
        Random random = new Random(0x5eed);
        int sent = 300;
        long expectedShort = 0;
        try (DatagramSocket noise = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            for (int i = 1; i <= sent; i++) {
                byte[] packet = new byte[1 + random.nextInt(120)];
                random.nextBytes(packet);
                expectedShort += packet.length < 8 ? 1 : 0;
                noise.send(new DatagramPacket(packet, packet.length, client.localAddress()));
                if (i % 25 == 0) {
                    // In batches, so the kernel's receive buffer never overflows and drops some before we count them.
                    awaitDrops(i);
                }
            }
        }

        assertThat(client.dropCounts()).isEqualTo(new UdpDropCounts(expectedShort, sent - expectedShort, 0));
        assertThat(await(client.announce(tracker.url(), announce())).interval()).isEqualTo(Duration.ofSeconds(1800));
    }

    @Test
    void badUrlsFailAtOnce() {
        assertThat(failure(() -> client.announce(java.net.URI.create("udp://127.0.0.1/announce"), announce())))
                .hasMessageContaining("has no port");
        assertThat(failure(() -> client.announce(java.net.URI.create("http://127.0.0.1:80/announce"), announce())))
                .hasMessageContaining("not a udp://host:port");
    }

    @Test
    void closingFailsWhatIsPendingAndRefusesNewRequests() throws Exception {
        tracker.script(ScriptedUdpTracker.SILENT);
        UdpTrackerClient closing = UdpTrackerClient.open(group, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), lookups,
                new UdpTrackerSettings(Duration.ofSeconds(30), 1, Duration.ofSeconds(60)), clock);
        var pending = closing.announce(tracker.url(), announce());

        closing.close();

        assertThat(failure(pending)).isInstanceOf(TrackerConnectionException.class).hasMessageContaining("closed");
        assertThat(failure(closing.announce(tracker.url(), announce()))).hasMessageContaining("closed");
    }

    private static Throwable failure(java.util.function.Supplier<java.util.concurrent.CompletableFuture<?>> call) {
        try {
            return TrackerTests.failure(call.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static Throwable failure(java.util.concurrent.CompletableFuture<?> future) throws InterruptedException {
        return TrackerTests.failure(future);
    }

    private void awaitDrops(long count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (client.dropCounts().total() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    private static AnnounceRequest announce() {
        return TrackerTests.request(HASH, "-SW0001-udp", 6881, 100, AnnounceEvent.STARTED);
    }
}
