package io.swarmplace.torrent.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class PeerIdTest {

    @Test
    void ourIdIsAzureusStyleWithTwelveRandomBytes() {
        SecureRandom random = new SecureRandom();
        PeerId first = PeerId.generate(random);
        PeerId second = PeerId.generate(random);

        assertThat(new String(first.bytes(), 0, 8, StandardCharsets.US_ASCII)).isEqualTo("-SW0010-");
        assertThat(first.bytes()).hasSize(20);
        assertThat(first).isNotEqualTo(second);
        assertThat(first.clientName()).isEqualTo("Swarmplace 0.0.1");
    }

    @Test
    void knownClientsAreNamedWithTheirVersion() {
        assertThat(id("-LT2080-").clientName()).isEqualTo("libtorrent 2.0.8");
        assertThat(id("-lt0D80-").clientName()).isEqualTo("libTorrent (rakshasa) 0.13.8");
        assertThat(id("-TR3000-").clientName()).isEqualTo("Transmission 3.00");
        assertThat(id("-TR410Z-").clientName()).isEqualTo("Transmission 4.10 beta");
        assertThat(id("-qB4630-").clientName()).isEqualTo("qBittorrent 4.6.3");
        assertThat(id("-DE2110-").clientName()).isEqualTo("Deluge 2.1.1");
        assertThat(id("A2-1-36-0-").clientName()).isEqualTo("aria2 1.36.0");
        assertThat(id("M7-4-3--").clientName()).isEqualTo("Mainline 7.4.3");
        assertThat(id("-SP3605-").clientName()).as("BitSpirit's code, which ours must not reuse").isEqualTo("BitSpirit 3.6.0.5");
    }

    @Test
    void unknownStylesAndCodesAreShownAsHex() {
        PeerId unknownCode = id("-ZZ1234-");
        PeerId binary = new PeerId(HexFormat.of().parseHex("00112233445566778899aabbccddeeff00112233"));

        assertThat(unknownCode.clientName()).isEqualTo(unknownCode.hex());
        assertThat(binary.clientName()).isEqualTo("00112233445566778899aabbccddeeff00112233");
    }

    @Test
    void onlyTwentyBytesMakeAPeerId() {
        assertThatThrownBy(() -> new PeerId(new byte[19])).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a peer id has 20 bytes, got 19");
    }

    private static PeerId id(String prefix) {
        byte[] bytes = new byte[20];
        byte[] head = prefix.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, bytes, 0, head.length);
        for (int i = head.length; i < 20; i++) {
            bytes[i] = (byte) (0x80 + i);
        }
        return new PeerId(bytes);
    }
}
