package io.swarmplace.dht.internal.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.swarmplace.dht.DropReason;
import io.swarmplace.dht.internal.net.UdpTransport;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The node on the transport chosen for this machine: epoll on Linux x86_64, NIO elsewhere. */
class UdpTransportTest {

    @Test
    void linuxX8664RunsOnEpollAndElsewhereOnNio() {
        boolean linuxX8664 = System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux")
                && System.getProperty("os.arch").matches("amd64|x86_64");
        assertThat(UdpTransport.best()).isEqualTo(linuxX8664 ? UdpTransport.EPOLL : UdpTransport.NIO);
    }

    @Test
    void theChosenTransportCountsOversizedDatagramsAndStillAnswers() throws Exception {
        try (LoopbackNodes nodes = new LoopbackNodes(1); DatagramSocket socket = new DatagramSocket()) {
            DhtRuntime node = nodes.start(DhtSettings.loopback());
            DhtRuntime other = nodes.start(DhtSettings.loopback());
            byte[] huge = new byte[3 * DhtSettings.MAX_PACKET];
            for (int i = 0; i < 3; i++) {
                socket.send(new DatagramPacket(huge, huge.length, node.reachableAddress()));
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> node.stats().dropped(DropReason.OVERSIZED) == 3);
            assertThat(other.ping(node.reachableAddress()).get(5, TimeUnit.SECONDS).nodeIdHex()).isEqualTo(node.nodeId().hex());
            assertThat(node.stats().dropped(DropReason.MALFORMED_BENCODE)).isZero();
        }
    }
}
