package io.swarmplace.dht.internal.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressPolicyTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.1.1", "100.64.0.1", "0.1.2.3",
        "192.0.2.1", "198.18.0.1", "240.0.0.1", "255.255.255.255", "::1", "fd00::1", "fe80::1", "2001:db8::1"})
    void bogonsAreRefusedOnThePublicNetworkAndAcceptedOnAPrivateOne(String ip) {
        InetSocketAddress address = new InetSocketAddress(ip, 6881);
        assertThat(AddressPolicy.publicNetwork().accepts(address)).isFalse();
        assertThat(AddressPolicy.privateNetwork().accepts(address)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "93.184.216.34", "2001:4860::8888", "100.128.0.1", "172.32.0.1"})
    void publicAddressesAreAccepted(String ip) {
        assertThat(AddressPolicy.publicNetwork().accepts(new InetSocketAddress(ip, 6881))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "224.0.0.1"})
    void theWildcardMulticastAndPortZeroAreRefusedEverywhere(String ip) {
        assertThat(AddressPolicy.privateNetwork().accepts(new InetSocketAddress(ip, 6881))).isFalse();
        assertThat(AddressPolicy.privateNetwork().accepts(new InetSocketAddress("127.0.0.1", 0))).isFalse();
        assertThat(AddressPolicy.publicNetwork().accepts(new InetSocketAddress("8.8.8.8", 0))).isFalse();
    }
}
