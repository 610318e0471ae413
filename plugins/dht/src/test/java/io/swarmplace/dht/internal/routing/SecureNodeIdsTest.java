package io.swarmplace.dht.internal.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.swarmplace.dht.internal.krpc.NodeId;
import java.net.InetAddress;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** BEP 42's own test vectors, and verification against other addresses. */
class SecureNodeIdsTest {

    @ParameterizedTest
    @CsvSource({
        "124.31.75.21, 1, 5fbfbff10c5d6a4ec8a88e4c6ab4c28b95eee401",
        "21.75.31.124, 86, 5a3ce9c14e7a08645677bbd1cfe7d8f956d53256",
        "65.23.51.170, 22, a5d43220bc8f112a3d426c84764f8c2a1150e616",
        "84.124.73.14, 65, 1b0321dd1bb1fe518101ceef99462b947a01ff41",
        "43.213.53.83, 90, e56f6cbf5b7c4be0237986d5243b87aa6d51305a"
    })
    void theBepTestVectorsAreReproducedAndAccepted(String ip, int rand, String expectedHex) throws Exception {
        InetAddress address = InetAddress.getByName(ip);
        byte[] expected = HexFormat.of().parseHex(expectedHex);
        NodeId generated = SecureNodeIds.generate(address, rand, expected);
        assertThat(generated.hex()).isEqualTo(expectedHex);
        assertThat(SecureNodeIds.isValid(generated, address)).isTrue();
        assertThat(SecureNodeIds.isValid(generated, InetAddress.getByName("8.8.8.8"))).isFalse();
    }

    @Test
    void generatedIdsVerifyForTheirAddressOnlyAndLocalAddressesAreExempt() throws Exception {
        Random random = new Random(42);
        InetAddress ip = InetAddress.getByName("93.184.216.34");
        for (int i = 0; i < 100; i++) {
            NodeId id = SecureNodeIds.generate(ip, random);
            assertThat(SecureNodeIds.isValid(id, ip)).isTrue();
        }
        NodeId arbitrary = NodeId.random(random);
        assertThat(SecureNodeIds.isValid(arbitrary, ip)).isFalse();
        assertThat(SecureNodeIds.isValid(arbitrary, InetAddress.getByName("127.0.0.1"))).isTrue();
        assertThat(SecureNodeIds.isValid(arbitrary, InetAddress.getByName("192.168.1.20"))).isTrue();
        assertThat(SecureNodeIds.isValid(SecureNodeIds.generate(InetAddress.getByName("2001:4860::8888"), random),
                InetAddress.getByName("2001:4860::8888"))).isTrue();
    }
}
