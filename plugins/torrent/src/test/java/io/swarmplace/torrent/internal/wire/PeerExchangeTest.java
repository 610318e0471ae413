package io.swarmplace.torrent.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swarmplace.bencode.BDictionary;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PeerExchangeTest {

    private final WireStatistics statistics = new WireStatistics();
    private final PexCodec codec = new PexCodec(statistics);

    @Test
    void addedAndDroppedPeersOfBothFamiliesRoundTripWithTheirFlags() throws Exception {
        PexMessage sent = new PexMessage(
                List.of(new PexPeer(peer("10.0.0.1", 6881), new PexFlags(PexFlags.SEED | PexFlags.OUTGOING)),
                        new PexPeer(peer("2001:db8::5", 51413), new PexFlags(PexFlags.SUPPORTS_UTP)),
                        new PexPeer(peer("10.0.0.2", 1), PexFlags.NONE)),
                List.of(peer("192.0.2.1", 80), peer("2001:db8::9", 443)));

        PexMessage received = codec.decode(codec.encode(sent));

        assertThat(received.added()).containsExactlyInAnyOrderElementsOf(sent.added());
        assertThat(received.dropped()).containsExactlyInAnyOrderElementsOf(sent.dropped());
        PexFlags flags = received.added().get(0).flags();
        assertThat(flags.seed()).isTrue();
        assertThat(flags.outgoing()).isTrue();
        assertThat(flags.prefersEncryption()).isFalse();
        assertThat(flags.supportsHolepunch()).isFalse();
    }

    @Test
    void theEncodingUsesTheBep11Keys() throws Exception {
        byte[] encoded = codec.encode(new PexMessage(List.of(new PexPeer(peer("1.2.3.4", 0x1AE1), new PexFlags(2))), List.of()));

        assertThat(new String(encoded, java.nio.charset.StandardCharsets.ISO_8859_1))
                .isEqualTo("d5:added6:\u0001\u0002\u0003\u0004\u001a\u00e17:added.f1:\u00027:dropped0:e");
    }

    @Test
    void peersBeyondFiftyAreDroppedAndCounted() throws Exception {
        List<InetSocketAddress> many = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            many.add(peer("10.1.0." + i, 1000 + i));
        }
        byte[] payload = BDictionary.builder()
                .put("added", CompactPeers.encodeIpv4(many))
                .put("added.f", new byte[70])
                .put("added6", CompactPeers.encodeIpv6(List.of(peer("2001:db8::1", 1))))
                .put("dropped", CompactPeers.encodeIpv4(many.subList(0, 10)))
                .build().encode();

        PexMessage message = codec.decode(payload);

        assertThat(message.added()).hasSize(50);
        assertThat(message.added().get(49).address()).isEqualTo(many.get(49));
        assertThat(message.dropped()).hasSize(10);
        assertThat(statistics.discardedPexPeers()).isEqualTo(21);
    }

    @Test
    void flagsThatDoNotMatchThePeersAreIgnored() throws Exception {
        byte[] payload = BDictionary.builder()
                .put("added", CompactPeers.encodeIpv4(List.of(peer("10.0.0.1", 1), peer("10.0.0.2", 2))))
                .put("added.f", new byte[] {2})
                .build().encode();

        assertThat(codec.decode(payload).added()).extracting(PexPeer::flags).containsOnly(PexFlags.NONE);
    }

    @Test
    void garbageIsAProtocolError() {
        assertThatThrownBy(() -> codec.decode(BDictionary.builder().put("added", new byte[7]).build().encode()))
                .isInstanceOf(PeerProtocolException.class)
                .hasMessage("ut_pex message: \"added\": compact IPv4 peer list of 7 bytes is not a whole number of 6-byte entries");
        assertThatThrownBy(() -> codec.decode(BDictionary.builder().put("dropped6", 5).build().encode()))
                .isInstanceOf(PeerProtocolException.class)
                .hasMessage("ut_pex message: \"dropped6\" must be a byte string, got a integer");
        assertThatThrownBy(() -> codec.decode(new byte[] {'l', 'e'}))
                .isInstanceOf(PeerProtocolException.class)
                .hasMessage("ut_pex message must be a dictionary, got a list");
    }

    @Test
    void randomPayloadsAreMessagesOrProtocolErrorsWithBoundedPeers() throws Exception {
        Random random = new Random(1111);
        List<InetSocketAddress> peers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            peers.add(peer("10.2.0." + i, i));
        }
        byte[] valid = BDictionary.builder().put("added", CompactPeers.encodeIpv4(peers)).put("added.f", new byte[10])
                .put("dropped", new byte[0]).build().encode();
        for (int i = 0; i < 5_000; i++) {
            byte[] input = i % 2 == 0 ? Fixtures.randomBytes(random, random.nextInt(80)) : ExtensionHandshakeTest.mutate(valid, random);
            try {
                PexMessage message = codec.decode(input);
                assertThat(message.added().size()).isLessThanOrEqualTo(PexMessage.MAX_PEERS);
            } catch (PeerProtocolException expected) {
                assertThat(expected.getMessage()).startsWith("ut_pex message");
            }
        }
    }

    private static InetSocketAddress peer(String address, int port) throws UnknownHostException {
        return new InetSocketAddress(InetAddress.getByName(address), port);
    }
}
