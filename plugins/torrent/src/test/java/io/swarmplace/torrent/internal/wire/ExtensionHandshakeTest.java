package io.swarmplace.torrent.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ExtensionHandshakeTest {

    @Test
    void everyFieldRoundTrips() throws Exception {
        ExtensionHandshake sent = ExtensionHandshake.of(Map.of("ut_metadata", 3, "ut_pex", 1, "lt_donthave", 0))
                .withClientVersion("Swarmplace 0.1.0")
                .withListenPort(51413)
                .withRequestQueueLength(250)
                .withMetadataSize(31_337)
                .withYourIp(InetAddress.getByName("192.0.2.7"));

        ExtensionHandshake received = ExtensionHandshake.decode(sent.encode());

        assertThat(received).isEqualTo(sent);
        assertThat(received.idOf("ut_metadata")).hasValue(3);
        assertThat(received.idOf("lt_donthave")).as("id 0 disables an extension").isEmpty();
        assertThat(received.idOf("ut_holepunch")).isEmpty();
    }

    @Test
    void aHandshakeAsLibtorrentSendsItIsRead() throws Exception {
        String bencoded = "d12:complete_agoi-1e1:md11:lt_donthavei7e10:share_modei8e11:upload_onlyi3e12:ut_holepunchi4e"
                + "11:ut_metadatai2e6:ut_pexi1ee13:metadata_sizei1234e4:reqqi500e11:upload_onlyi1e1:v18:libtorrent/2.0.8.0"
                + "6:yourip4:" + "\u007f\u0000\u0000\u0001" + "e";

        ExtensionHandshake handshake = ExtensionHandshake.decode(bencoded.getBytes(StandardCharsets.ISO_8859_1));

        assertThat(handshake.idOf("ut_metadata")).hasValue(2);
        assertThat(handshake.idOf("ut_pex")).hasValue(1);
        assertThat(handshake.metadataSize()).hasValue(1234);
        assertThat(handshake.requestQueueLength()).hasValue(500);
        assertThat(handshake.clientVersion()).hasValue("libtorrent/2.0.8.0");
        assertThat(handshake.yourIp()).hasValue(InetAddress.getByName("127.0.0.1"));
        assertThat(handshake.listenPort()).isEmpty();
    }

    @Test
    void ipv4AndIpv6OfTheSenderAreRead() throws Exception {
        byte[] payload = io.swarmplace.bencode.BDictionary.builder()
                .put("ipv4", new byte[] {10, 0, 0, 1})
                .put("ipv6", InetAddress.getByName("2001:db8::1").getAddress())
                .build().encode();

        ExtensionHandshake handshake = ExtensionHandshake.decode(payload);

        assertThat(handshake.ipv4()).hasValue((Inet4Address) InetAddress.getByName("10.0.0.1"));
        assertThat(handshake.ipv6().orElseThrow().getHostAddress()).isEqualTo("2001:db8:0:0:0:0:0:1");
        assertThat(handshake.messageIds()).isEmpty();
    }

    @Test
    void malformedHandshakesNameWhatIsWrong() {
        assertMalformed("le", "extension handshake must be a dictionary, got a list");
        assertMalformed("d1:mi1ee", "extension handshake: \"m\" must be a dictionary, got a integer");
        assertMalformed("d1:md6:ut_pexi256eee", "extension handshake: extension \"ut_pex\" must map to an id 0..255, got 256");
        assertMalformed("d1:md6:ut_pex1:xee", "extension handshake: extension \"ut_pex\" must map to an id 0..255, got 'x'");
        assertMalformed("d1:pi70000ee", "extension handshake: \"p\" is 70000, outside 0..65535");
        assertMalformed("d13:metadata_sizei-5ee", "extension handshake: \"metadata_size\" is -5, outside 0..2147483647");
        assertMalformed("d13:metadata_sizei99999999999ee", "extension handshake: \"metadata_size\" is 99999999999, outside 0..2147483647");
        assertMalformed("d6:yourip3:abce", "extension handshake: \"yourip\" must be a compact address of 4 or 16 bytes, got 3");
        assertMalformed("d1:v1:xe", null);
        assertMalformed("d1:vi1ee", "extension handshake: \"v\" must be a byte string, got a integer");
        assertMalformed("de1", "extension handshake has 1 bytes after its dictionary");
        assertMalformed("d1:m", "extension handshake is not valid bencode: ");
    }

    @Test
    void randomBytesAreEitherAHandshakeOrAProtocolError() {
        Random random = new Random(99);
        byte[] valid = ExtensionHandshake.of(Map.of("ut_metadata", 3, "ut_pex", 1)).withMetadataSize(5000).encode();
        int decoded = 0;
        for (int i = 0; i < 5_000; i++) {
            byte[] input = i % 2 == 0 ? Fixtures.randomBytes(random, random.nextInt(64)) : mutate(valid, random);
            try {
                ExtensionHandshake.decode(input);
                decoded++;
            } catch (PeerProtocolException expected) {
                assertThat(expected.getMessage()).startsWith("extension handshake");
            }
        }
        assertThat(decoded).as("some mutations stay valid").isPositive();
    }

    static byte[] mutate(byte[] valid, Random random) {
        byte[] copy = valid.clone();
        int changes = 1 + random.nextInt(3);
        for (int c = 0; c < changes; c++) {
            copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
        }
        return random.nextBoolean() ? copy : java.util.Arrays.copyOf(copy, random.nextInt(copy.length + 1));
    }

    private static void assertMalformed(String bencoded, String message) {
        if (message == null) {
            assertThat(ExtensionHandshake.decode(bencoded.getBytes(StandardCharsets.ISO_8859_1)).clientVersion()).hasValue("x");
            return;
        }
        assertThatThrownBy(() -> ExtensionHandshake.decode(bencoded.getBytes(StandardCharsets.ISO_8859_1)))
                .isInstanceOf(PeerProtocolException.class)
                .hasMessageStartingWith(message);
    }
}
