package io.swarmplace.torrent.internal.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swarmplace.torrent.internal.wire.CompactPeerException;
import io.swarmplace.torrent.internal.wire.CompactPeers;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrackerPeersTest {

    @Test
    void portZeroIsLeftOutAndAMappedIpv4PeerBecomesItsIpv4Address() throws Exception {
        byte[] compact = CompactPeers.encodeIpv6(List.of(
                new InetSocketAddress(InetAddress.getByName("2001:db8::7"), 6881),
                new InetSocketAddress(InetAddress.getByName("2001:db8::8"), 0),
                new InetSocketAddress(InetAddress.getByName("10.0.0.1"), 51413)));

        List<InetSocketAddress> peers = TrackerPeers.fromCompact(compact, CompactPeers.IPV6_ENTRY);

        assertThat(peers).containsExactly(new InetSocketAddress(InetAddress.getByName("2001:db8::7"), 6881),
                new InetSocketAddress(InetAddress.getByName("10.0.0.1"), 51413));
        assertThat(peers.get(1).getAddress()).isInstanceOf(Inet4Address.class);
    }

    @Test
    void aPartialEntryOrAnUnknownEntryLengthIsRefused() {
        assertThatThrownBy(() -> TrackerPeers.fromCompact(new byte[7], CompactPeers.IPV4_ENTRY))
                .isInstanceOf(CompactPeerException.class).hasMessageContaining("7 bytes is not a whole number of 6-byte entries");
        assertThatThrownBy(() -> TrackerPeers.fromCompact(new byte[8], 8))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("compact peer entries have 6 or 18 bytes, not 8");
    }
}
