package io.swarmplace.torrent.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompactPeersTest {

    @Test
    void ipv4PeersAreSixBytesEach() throws Exception {
        List<InetSocketAddress> peers = List.of(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 6881),
                new InetSocketAddress(InetAddress.getByName("255.1.2.3"), 65535));

        byte[] compact = CompactPeers.encodeIpv4(peers);

        assertThat(HexFormat.of().formatHex(compact)).isEqualTo("7f0000011ae1" + "ff010203ffff");
        assertThat(CompactPeers.decodeIpv4(compact)).isEqualTo(peers);
    }

    @Test
    void ipv6PeersAreEighteenBytesEachAndMappedIpv4StaysIpv6() throws Exception {
        List<InetSocketAddress> peers = List.of(new InetSocketAddress(InetAddress.getByName("2001:db8::1"), 1),
                new InetSocketAddress(InetAddress.getByName("10.0.0.1"), 2));

        byte[] compact = CompactPeers.encodeIpv6(peers);
        List<InetSocketAddress> decoded = CompactPeers.decodeIpv6(compact);

        assertThat(compact).hasSize(36);
        assertThat(decoded.get(0)).isEqualTo(peers.get(0));
        assertThat(decoded.get(1).getAddress()).isInstanceOf(Inet6Address.class);
        assertThat(HexFormat.of().formatHex(compact, 18, 36)).isEqualTo("00000000000000000000ffff0a0000010002");
    }

    @Test
    void aPartialEntryIsRefused() {
        assertThatThrownBy(() -> CompactPeers.decodeIpv4(new byte[13])).isInstanceOf(CompactPeerException.class)
                .hasMessage("compact IPv4 peer list of 13 bytes is not a whole number of 6-byte entries");
        assertThatThrownBy(() -> CompactPeers.decodeIpv6(new byte[20])).isInstanceOf(CompactPeerException.class)
                .hasMessage("compact IPv6 peer list of 20 bytes is not a whole number of 18-byte entries");
    }

    @Test
    void onlyTheFirstEntriesAreDecodedWhenAskedFor() {
        assertThat(CompactPeers.decodeIpv4(new byte[6 * 1000], 3)).hasSize(3);
    }

    @Test
    void unresolvedOrWrongFamilyAddressesCannotBeEncoded() throws Exception {
        assertThatThrownBy(() -> CompactPeers.encodeIpv4(List.of(InetSocketAddress.createUnresolved("example.org", 1))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CompactPeers.encodeIpv4(List.of(new InetSocketAddress(InetAddress.getByName("::1"), 1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not an IPv4 peer");
    }
}
