package io.swarmplace.torrent.internal.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swarmplace.torrent.internal.tracker.UdpTrackerPackets.MalformedPacketException;
import io.swarmplace.torrent.internal.wire.CompactPeers;
import io.swarmplace.torrent.metainfo.InfoHash;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class UdpTrackerPacketsTest {

    private static final InfoHash HASH = InfoHash.fromHex("0123456789abcdef0123456789abcdef01234567");

    @Test
    void aConnectRequestCarriesTheProtocolMagic() {
        ByteBuffer packet = ByteBuffer.wrap(UdpTrackerPackets.connectRequest(0xcafebabe));

        assertThat(packet.capacity()).isEqualTo(16);
        assertThat(packet.getLong(0)).isEqualTo(0x41727101980L);
        assertThat(packet.getInt(8)).isZero();
        assertThat(packet.getInt(12)).isEqualTo(0xcafebabe);
    }

    @Test
    void anAnnounceRequestHasEveryFieldAtItsBep15Offset() {
        byte[] peerId = TrackerTests.peerId("-SW0001-udp");
        AnnounceRequest request = new AnnounceRequest(HASH, peerId, 51413, 3_000_000_000L, 5, 7, AnnounceEvent.STOPPED, 0,
                0x0badf00d, null);

        ByteBuffer packet = ByteBuffer.wrap(UdpTrackerPackets.announceRequest(0x1122334455667788L, 42, request));

        assertThat(packet.capacity()).isEqualTo(98);
        assertThat(packet.getLong(0)).isEqualTo(0x1122334455667788L);
        assertThat(packet.getInt(8)).isEqualTo(1);
        assertThat(packet.getInt(12)).isEqualTo(42);
        assertThat(Arrays.copyOfRange(packet.array(), 16, 36)).isEqualTo(HASH.bytes());
        assertThat(Arrays.copyOfRange(packet.array(), 36, 56)).isEqualTo(peerId);
        assertThat(packet.getLong(56)).as("downloaded").isEqualTo(5);
        assertThat(packet.getLong(64)).as("left").isEqualTo(7);
        assertThat(packet.getLong(72)).as("uploaded").isEqualTo(3_000_000_000L);
        assertThat(packet.getInt(80)).as("event stopped").isEqualTo(3);
        assertThat(packet.getInt(84)).as("ip").isZero();
        assertThat(packet.getInt(88)).as("key").isEqualTo(0x0badf00d);
        assertThat(packet.getInt(92)).as("num_want").isZero();
        assertThat(packet.getShort(96) & 0xffff).as("port").isEqualTo(51413);
    }

    @Test
    void eventsAndTheDefaultNumWantUseBep15Numbers() {
        assertThat(List.of(AnnounceEvent.NONE, AnnounceEvent.COMPLETED, AnnounceEvent.STARTED, AnnounceEvent.STOPPED))
                .extracting(AnnounceEvent::udpCode).containsExactly(0, 1, 2, 3);
        AnnounceRequest trackerDefault = TrackerTests.request(HASH, "x", 1, 0, AnnounceEvent.NONE).withEvent(AnnounceEvent.NONE, -1);
        assertThat(ByteBuffer.wrap(UdpTrackerPackets.announceRequest(1, 1, trackerDefault)).getInt(92)).isEqualTo(-1);
    }

    @Test
    void aScrapeRequestHoldsUpTo74Hashes() {
        Random random = new Random(74);
        List<InfoHash> hashes = IntStream.range(0, 74).mapToObj(i -> TrackerTests.randomInfoHash(random)).toList();

        byte[] packet = UdpTrackerPackets.scrapeRequest(9, 10, hashes);

        assertThat(packet).hasSize(16 + 74 * 20);
        assertThat(ByteBuffer.wrap(packet).getInt(8)).isEqualTo(2);
        assertThat(Arrays.copyOfRange(packet, 16 + 73 * 20, 16 + 74 * 20)).isEqualTo(hashes.get(73).bytes());
        List<InfoHash> tooMany = IntStream.range(0, 75).mapToObj(i -> HASH).toList();
        assertThatThrownBy(() -> UdpTrackerPackets.scrapeRequest(9, 10, tooMany)).hasMessageContaining("1..74");
    }

    @Test
    void readsAnnounceResponsesWithIpv4OrIpv6Peers() throws Exception {
        byte[] v4 = ScriptedUdpTracker.announceResponse(5, 900, 3, 4, new byte[] {127, 0, 0, 1, 0x1b, 0x58, 10, 0, 0, 2, 0, 0});
        AnnounceResponse response = UdpTrackerPackets.announceResponse(v4, CompactPeers.IPV4_ENTRY);

        assertThat(response.interval()).isEqualTo(Duration.ofSeconds(900));
        assertThat(response.leechers()).hasValue(3);
        assertThat(response.seeders()).hasValue(4);
        assertThat(response.peers()).as("port 0 is left out").containsExactly(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 7000));

        byte[] v6peer = new byte[18];
        v6peer[15] = 1;
        v6peer[17] = 80;
        assertThat(UdpTrackerPackets.announceResponse(ScriptedUdpTracker.announceResponse(5, 900, 0, 0, v6peer), CompactPeers.IPV6_ENTRY)
                .peers()).containsExactly(new InetSocketAddress(InetAddress.getByName("::1"), 80));
    }

    @Test
    void malformedAnnounceResponsesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> UdpTrackerPackets.announceResponse(new byte[8], CompactPeers.IPV4_ENTRY))
                .isInstanceOf(MalformedPacketException.class).hasMessageContaining("8 bytes, fewer than the 20");
        assertThatThrownBy(() -> UdpTrackerPackets.announceResponse(ScriptedUdpTracker.announceResponse(1, 0, 0, 0, new byte[0]),
                CompactPeers.IPV4_ENTRY)).hasMessageContaining("interval must be positive");
        assertThatThrownBy(() -> UdpTrackerPackets.announceResponse(ScriptedUdpTracker.announceResponse(1, 60, -1, 0, new byte[0]),
                CompactPeers.IPV4_ENTRY)).hasMessageContaining("leechers -1");
        assertThatThrownBy(() -> UdpTrackerPackets.announceResponse(ScriptedUdpTracker.announceResponse(1, 60, 0, 0, new byte[7]),
                CompactPeers.IPV4_ENTRY)).hasMessageContaining("7 bytes is not a whole number of 6-byte entries");
        assertThatThrownBy(() -> UdpTrackerPackets.connectionId(new byte[12])).hasMessageContaining("12 bytes, fewer than 16");
    }

    @Test
    void readsScrapeCountsInRequestOrderAndRefusesShortOnes() throws Exception {
        byte[] packet = ByteBuffer.allocate(8 + 24).putInt(2).putInt(1).putInt(5).putInt(6).putInt(7).putInt(-1).putInt(0).putInt(1)
                .array();

        assertThat(UdpTrackerPackets.scrapeResponse(packet, 2))
                .containsExactly(new ScrapeResult(5, 6, 7), new ScrapeResult(4_294_967_295L, 0, 1));
        assertThatThrownBy(() -> UdpTrackerPackets.scrapeResponse(packet, 3)).hasMessageContaining("3 info-hashes need 44");
    }

    @Test
    void errorTextLosesATrailingNul() {
        assertThat(UdpTrackerPackets.errorMessage(ScriptedUdpTracker.error(1, "bad torrent\0"))).isEqualTo("bad torrent");
        assertThat(UdpTrackerPackets.errorMessage(ScriptedUdpTracker.error(1, ""))).contains("without a message");
    }

    @Test
    void retransmissionWaitsDoubleUpToTheEighthTime() {
        UdpTrackerSettings settings = new UdpTrackerSettings(Duration.ofSeconds(15), 9, Duration.ofSeconds(60));

        assertThat(IntStream.rangeClosed(0, 10).mapToObj(settings::timeoutAfter).map(Duration::toSeconds).toList())
                .containsExactly(15L, 30L, 60L, 120L, 240L, 480L, 960L, 1920L, 3840L, 3840L, 3840L);
    }
}
