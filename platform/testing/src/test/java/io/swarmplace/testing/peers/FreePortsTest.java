package io.swarmplace.testing.peers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

class FreePortsTest {

    private final InetAddress loopback = InetAddress.getLoopbackAddress();

    @Test
    void givesPortsThatBindForTcpAndUdpOnLoopback() throws IOException {
        List<Integer> ports = FreePorts.loopbackPorts(5);

        assertThat(ports).doesNotHaveDuplicates().allSatisfy(port -> assertThat(port).isBetween(FreePorts.LOWEST, FreePorts.HIGHEST));
        for (int port : ports) {
            try (ServerSocket tcp = new ServerSocket(port, 1, loopback); DatagramSocket udp = new DatagramSocket(new InetSocketAddress(loopback, port))) {
                assertThat(tcp.getLocalPort()).isEqualTo(port);
                assertThat(udp.getLocalPort()).isEqualTo(port);
            }
        }
    }

    @Test
    void aPortTakenForTcpOrForUdpIsNotFree() throws IOException {
        int port = FreePorts.loopbackPort();
        try (ServerSocket tcp = new ServerSocket(port, 1, loopback)) {
            assertThat(FreePorts.isFree(loopback, port)).isFalse();
        }
        try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(loopback, port))) {
            assertThat(FreePorts.isFree(loopback, port)).isFalse();
        }
        assertThat(FreePorts.isFree(loopback, port)).isTrue();
    }

    @Test
    void rejectsSillyCounts() {
        assertThatThrownBy(() -> FreePorts.loopbackPorts(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 100");
        assertThatThrownBy(() -> FreePorts.loopbackPorts(101)).isInstanceOf(IllegalArgumentException.class);
    }
}
