package io.swarmplace.tracker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class UdpTrackerProtocolTest {

    private static final InetSocketAddress CLIENT = new InetSocketAddress("10.0.0.1", 50000);
    private static final InetSocketAddress CLIENT_6 = new InetSocketAddress("2001:db8::1", 50000);

    private final ManualClock clock = new ManualClock();
    private final TrackerStatistics statistics = new TrackerStatistics();
    private UdpTrackerProtocol protocol = protocol(TestConfig.loopback());

    private UdpTrackerProtocol protocol(TestConfig config) {
        return new UdpTrackerProtocol(new SwarmRegistry(config.settings(), statistics, clock, new Random(5)),
                new ConnectionIds(Announces.bytes(9, 16), clock), statistics);
    }

    private long connect(InetSocketAddress client) {
        ByteBuffer reply = ByteBuffer.wrap(protocol.handle(UdpPackets.connect(77), client).orElseThrow());
        assertThat(reply.remaining()).isEqualTo(16);
        assertThat(reply.getInt()).isEqualTo(0);
        assertThat(reply.getInt()).isEqualTo(77);
        return reply.getLong();
    }

    private ByteBuffer reply(byte[] packet, InetSocketAddress client) {
        return ByteBuffer.wrap(protocol.handle(packet, client).orElseThrow());
    }

    private String errorOf(byte[] packet, InetSocketAddress client, int transactionId) {
        ByteBuffer reply = reply(packet, client);
        assertThat(reply.getInt()).as("action").isEqualTo(3);
        assertThat(reply.getInt()).as("transaction id").isEqualTo(transactionId);
        return StandardCharsets.UTF_8.decode(reply).toString();
    }

    @Test
    void connectAnnounceScrapeRoundTrip() {
        long id = connect(CLIENT);
        byte[] infoHash = Announces.hash(1);
        reply(UdpPackets.announce(id, 1, infoHash, Announces.peerId(1), 0, 2, 0, -1, 6881), CLIENT);
        InetSocketAddress other = new InetSocketAddress("10.0.0.2", 50001);
        long otherId = connect(other);

        ByteBuffer announce = reply(UdpPackets.announce(otherId, 2, infoHash, Announces.peerId(2), 500, 2, 0, -1, 6882), other);

        assertThat(announce.getInt()).isEqualTo(1);
        assertThat(announce.getInt()).isEqualTo(2);
        assertThat(announce.getInt()).as("interval").isEqualTo(1800);
        assertThat(announce.getInt()).as("leechers").isEqualTo(1);
        assertThat(announce.getInt()).as("seeders").isEqualTo(1);
        assertThat(peers(announce, 6)).containsExactly("10.0.0.1:6881");

        ByteBuffer scrape = reply(UdpPackets.scrape(otherId, 3, infoHash, Announces.hash(2)), other);
        assertThat(scrape.remaining()).isEqualTo(8 + 2 * 12);
        assertThat(List.of(scrape.getInt(), scrape.getInt())).containsExactly(2, 3);
        assertThat(List.of(scrape.getInt(), scrape.getInt(), scrape.getInt())).as("seeders, completed, leechers")
                .containsExactly(1, 0, 1);
        assertThat(List.of(scrape.getInt(), scrape.getInt(), scrape.getInt())).containsExactly(0, 0, 0);
        assertThat(statistics.snapshot().udpConnects()).isEqualTo(2);
        assertThat(statistics.snapshot().udpAnnounces()).isEqualTo(2);
        assertThat(statistics.snapshot().udpScrapes()).isEqualTo(1);
    }

    @Test
    void completedStoppedAndNumWantBehaveAsOverHttp() {
        long id = connect(CLIENT);
        byte[] infoHash = Announces.hash(3);
        for (int i = 0; i < 5; i++) {
            reply(UdpPackets.announce(id, i, infoHash, Announces.peerId(i), 0, 2, 0, -1, 7000 + i), CLIENT);
        }
        reply(UdpPackets.announce(id, 9, infoHash, Announces.peerId(9), 10, 2, 0, -1, 7009), CLIENT);
        reply(UdpPackets.announce(id, 9, infoHash, Announces.peerId(9), 0, 1, 0, -1, 7009), CLIENT);
        reply(UdpPackets.announce(id, 9, infoHash, Announces.peerId(0), 0, 3, 0, -1, 7000), CLIENT);

        ByteBuffer two = reply(UdpPackets.announce(id, 10, infoHash, Announces.peerId(20), 9, 0, 0, 2, 7020), CLIENT);
        two.position(20);
        ByteBuffer scrape = reply(UdpPackets.scrape(id, 11, infoHash), CLIENT);
        scrape.position(8);

        assertThat(two.remaining()).isEqualTo(2 * 6);
        assertThat(List.of(scrape.getInt(), scrape.getInt(), scrape.getInt())).containsExactly(5, 1, 1);
    }

    @Test
    void anIpv6ClientGetsEighteenBytePeersOnly() {
        long id6 = connect(CLIENT_6);
        long id4 = connect(CLIENT);
        byte[] infoHash = Announces.hash(4);
        reply(UdpPackets.announce(id4, 1, infoHash, Announces.peerId(1), 0, 2, 0, -1, 6881), CLIENT);
        reply(UdpPackets.announce(id6, 1, infoHash, Announces.peerId(2), 0, 2, 0, -1, 6882), CLIENT_6);
        InetSocketAddress leecher6 = new InetSocketAddress("2001:db8::2", 1);

        ByteBuffer announce = reply(UdpPackets.announce(connect(leecher6), 2, infoHash, Announces.peerId(3), 1, 2, 0, -1, 6883),
                leecher6);
        announce.position(20);

        assertThat(peers(announce, 18)).containsExactly("[2001:db8:0:0:0:0:0:1]:6882");
    }

    @Test
    void theIpFieldCountsOnlyFromLoopback() {
        InetSocketAddress local = new InetSocketAddress("127.0.0.1", 40000);
        byte[] infoHash = Announces.hash(5);
        reply(UdpPackets.announce(connect(local), 1, infoHash, Announces.peerId(1), 0, 2, 0x0a090909, -1, 6881), local);
        reply(UdpPackets.announce(connect(CLIENT), 1, infoHash, Announces.peerId(2), 0, 2, 0x0a080808, -1, 6882), CLIENT);
        InetSocketAddress leecher = new InetSocketAddress("10.0.0.3", 1);

        ByteBuffer announce = reply(UdpPackets.announce(connect(leecher), 2, infoHash, Announces.peerId(3), 1, 2, 0, -1, 6883),
                leecher);
        announce.position(20);

        assertThat(peers(announce, 6)).containsExactlyInAnyOrder("10.9.9.9:6881", "10.0.0.1:6882");
    }

    @Test
    void malformedPacketsWithAGoodConnectionIdGetErrors() {
        long id = connect(CLIENT);
        byte[] announce = UdpPackets.announce(id, 5, Announces.hash(1), Announces.peerId(1), 0, 2, 0, -1, 6881);

        assertThat(errorOf(Arrays.copyOf(announce, 97), CLIENT, 5)).isEqualTo("announce of 97 bytes; it needs 98");
        assertThat(errorOf(withInt(announce, 80, 4), CLIENT, 5))
                .isEqualTo("unknown event 4; expected 0 (none), 1 (completed), 2 (started) or 3 (stopped)");
        assertThat(errorOf(withShort(announce, 96, 0), CLIENT, 5)).isEqualTo("port must be between 1 and 65535, got 0");
        assertThat(errorOf(withLong(announce, 64, -1), CLIENT, 5)).isEqualTo("downloaded, left and uploaded must not be negative");
        assertThat(errorOf(withInt(announce, 8, 9), CLIENT, 5))
                .isEqualTo("unknown action 9; expected 0 (connect), 1 (announce) or 2 (scrape)");
        assertThat(errorOf(withInt(Arrays.copyOf(announce, 16), 8, 2), CLIENT, 5))
                .isEqualTo("scrape of 16 bytes; it needs 16 plus a multiple of 20");
        assertThat(errorOf(Arrays.copyOf(UdpPackets.scrape(id, 5, Announces.hash(1)), 35), CLIENT, 5))
                .isEqualTo("scrape of 35 bytes; it needs 16 plus a multiple of 20");
        byte[][] many = new byte[75][];
        Arrays.fill(many, Announces.hash(1));
        assertThat(errorOf(UdpPackets.scrape(id, 5, many), CLIENT, 5)).isEqualTo("scrape asks for 75 torrents; at most 74 per packet");
        assertThat(statistics.refusals.sum()).isEqualTo(8);
    }

    @Test
    void scrapeOfSeventyFourHashesFitsOneReply() {
        long id = connect(CLIENT);
        byte[][] hashes = new byte[74][];
        for (int i = 0; i < hashes.length; i++) {
            hashes[i] = Announces.hash(i);
        }
        reply(UdpPackets.announce(id, 1, hashes[73], Announces.peerId(1), 0, 2, 0, -1, 6881), CLIENT);

        ByteBuffer reply = reply(UdpPackets.scrape(id, 6, hashes), CLIENT);

        assertThat(reply.remaining()).isEqualTo(8 + 74 * 12);
        assertThat(reply.getInt(8 + 73 * 12)).as("seeders of the last").isEqualTo(1);
    }

    @Test
    void whitelistModeRefusesAnnouncesAndScrapesZerosForUnlistedTorrents() {
        byte[] listed = Announces.hash(1);
        protocol = protocol(TestConfig.loopback().with("mode", "whitelist")
                .with("allowedInfoHashes", new String[] {HexFormat.of().formatHex(listed)}));
        long id = connect(CLIENT);
        reply(UdpPackets.announce(id, 1, listed, Announces.peerId(1), 0, 2, 0, -1, 6881), CLIENT);

        assertThat(errorOf(UdpPackets.announce(id, 2, Announces.hash(2), Announces.peerId(1), 0, 2, 0, -1, 6881), CLIENT, 2))
                .isEqualTo("torrent " + HexFormat.of().formatHex(Announces.hash(2)) + " is not registered with this tracker");
        ByteBuffer scrape = reply(UdpPackets.scrape(id, 3, Announces.hash(2), listed), CLIENT);
        scrape.position(8);
        assertThat(List.of(scrape.getInt(), scrape.getInt(), scrape.getInt(), scrape.getInt()))
                .containsExactly(0, 0, 0, 1);
    }

    @Test
    void packetsThatProveNothingAreDroppedOrAnsweredNoLargerThanTheyCame() {
        long id = connect(CLIENT);
        byte[] announce = UdpPackets.announce(id, 5, Announces.hash(1), Announces.peerId(1), 0, 2, 0, -1, 6881);

        assertThat(protocol.handle(new byte[0], CLIENT)).as("empty").isEmpty();
        assertThat(protocol.handle(new byte[15], CLIENT)).as("shorter than a header").isEmpty();
        assertThat(protocol.handle(withLong(UdpPackets.connect(1), 0, 42), CLIENT)).as("connect without the magic").isEmpty();
        assertThat(protocol.handle(withInt(withLong(announce, 0, id + 1), 8, 7), CLIENT)).as("unknown action, bad id").isEmpty();
        assertThat(protocol.handle(Arrays.copyOf(withLong(announce, 0, id + 1), 16), CLIENT))
                .as("bad id, a reply would be larger than the packet").isEmpty();
        assertThat(statistics.droppedUdpPackets.sum()).isEqualTo(5);

        assertThat(errorOf(withLong(announce, 0, id + 1), CLIENT, 5)).isEqualTo("connection id expired or unknown; connect again");
        assertThat(errorOf(announce, new InetSocketAddress("10.0.0.1", 50001), 5))
                .as("an id issued to another port").isEqualTo("connection id expired or unknown; connect again");
    }

    @Test
    void aConnectionIdExpiresAfterTwoToThreeMinutes() {
        long id = connect(CLIENT);
        byte[] scrape = UdpPackets.scrape(id, 8, Announces.hash(1), Announces.hash(2));

        clock.advance(Duration.ofSeconds(119));
        assertThat(reply(scrape, CLIENT).getInt()).isEqualTo(2);
        clock.advance(Duration.ofSeconds(61));
        assertThat(errorOf(scrape, CLIENT, 8)).isEqualTo("connection id expired or unknown; connect again");
    }

    @Test
    void connectAcceptsTrailingBytes() {
        assertThat(protocol.handle(Arrays.copyOf(UdpPackets.connect(3), 40), CLIENT)).isPresent();
        long id = connect(CLIENT);
        byte[] withOptions = Arrays.copyOf(UdpPackets.announce(id, 5, Announces.hash(1), Announces.peerId(1), 0, 2, 0, -1, 6881), 112);
        withOptions[98] = 2; // BEP 41 URLData option
        withOptions[99] = 9;
        System.arraycopy("/announce".getBytes(StandardCharsets.US_ASCII), 0, withOptions, 100, 9);

        assertThat(reply(withOptions, CLIENT).getInt()).as("announce with BEP 41 options").isEqualTo(1);
    }

    @Test
    void hostileGeneratedPacketsNeverThrowAndNeverAmplifyWithoutAConnection() {
        Random random = new Random(1234);
        long id = connect(CLIENT);
        for (int round = 0; round < 30_000; round++) {
            byte[] packet = new byte[random.nextInt(200)];
            random.nextBytes(packet);
            boolean withId = packet.length >= 16 && random.nextBoolean();
            if (withId) {
                packet = withLong(packet, 0, id);
                packet = withInt(packet, 8, random.nextInt(5) - 1);
            }
            Optional<byte[]> reply = protocol.handle(packet, CLIENT);

            if (!withId && reply.isPresent()) {
                assertThat(reply.get().length).as("reply to an unproven source").isLessThanOrEqualTo(packet.length);
            }
            reply.ifPresent(bytes -> assertThat(bytes.length).isLessThanOrEqualTo(20 + 6 * 50).isGreaterThanOrEqualTo(8));
        }
    }

    private static List<String> peers(ByteBuffer buffer, int entrySize) {
        byte[] rest = new byte[buffer.remaining()];
        buffer.get(rest);
        return Announces.compactPeers(rest, entrySize);
    }

    private static byte[] withInt(byte[] packet, int offset, int value) {
        byte[] copy = packet.clone();
        ByteBuffer.wrap(copy).putInt(offset, value);
        return copy;
    }

    private static byte[] withShort(byte[] packet, int offset, int value) {
        byte[] copy = packet.clone();
        ByteBuffer.wrap(copy).putShort(offset, (short) value);
        return copy;
    }

    private static byte[] withLong(byte[] packet, int offset, long value) {
        byte[] copy = packet.clone();
        ByteBuffer.wrap(copy).putLong(offset, value);
        return copy;
    }
}
