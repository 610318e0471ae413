package io.swarmplace.dht.internal.routing;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Which addresses a node talks to and passes on. The public DHT treats loopback, private, link-local,
 * shared (CGNAT), documentation, multicast and reserved addresses as bogons: nobody else could reach
 * them, so packets from them are dropped and they are never stored or handed out. Private-network mode
 * (tests, private swarms) accepts them. Port 0 and the wildcard address are refused in both.
 */
public final class AddressPolicy {

    private final boolean privateNetwork;
    /** The family of the socket we talk from (a socket of one family cannot reach nodes of the other); null: any. */
    private final Class<? extends InetAddress> family;

    private AddressPolicy(boolean privateNetwork) {
        this(privateNetwork, null);
    }

    private AddressPolicy(boolean privateNetwork, Class<? extends InetAddress> family) {
        this.privateNetwork = privateNetwork;
        this.family = family;
    }

    /** This policy for a node whose socket is bound to {@code bound}: it reaches only nodes of that address family. */
    public AddressPolicy forSocketOn(InetAddress bound) {
        return new AddressPolicy(privateNetwork, bound instanceof Inet6Address ? Inet6Address.class : java.net.Inet4Address.class);
    }

    /** True if this node may query {@code node}: acceptable, and of the family its socket speaks (BEP 32). */
    public boolean canReach(InetSocketAddress node) {
        return accepts(node) && (family == null || family.isInstance(node.getAddress()));
    }

    public static AddressPolicy publicNetwork() {
        return new AddressPolicy(false);
    }

    public static AddressPolicy privateNetwork() {
        return new AddressPolicy(true);
    }

    public static AddressPolicy of(boolean privateNetwork) {
        return new AddressPolicy(privateNetwork);
    }

    public boolean isPrivateNetwork() {
        return privateNetwork;
    }

    /** True if this node may talk to, store or hand out {@code address}. */
    public boolean accepts(InetSocketAddress address) {
        if (address.isUnresolved() || address.getPort() == 0) {
            return false;
        }
        InetAddress ip = address.getAddress();
        if (ip.isAnyLocalAddress() || ip.isMulticastAddress()) {
            return false;
        }
        return privateNetwork || !isBogon(ip);
    }

    /** Addresses that are not reachable across the internet. */
    public static boolean isBogon(InetAddress ip) {
        if (ip.isLoopbackAddress() || ip.isSiteLocalAddress() || ip.isLinkLocalAddress() || ip.isAnyLocalAddress()
                || ip.isMulticastAddress()) {
            return true;
        }
        byte[] b = ip.getAddress();
        if (ip instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0                                            // "this network"
                    || first == 100 && (second & 0xc0) == 64             // 100.64/10 shared (CGNAT)
                    || first == 192 && second == 0 && (b[2] & 0xff) == 0 // 192.0.0/24 protocol assignments
                    || first == 192 && second == 0 && (b[2] & 0xff) == 2 // TEST-NET-1
                    || first == 198 && (second & 0xfe) == 18             // 198.18/15 benchmarking
                    || first == 198 && second == 51 && (b[2] & 0xff) == 100 // TEST-NET-2
                    || first == 203 && second == 0 && (b[2] & 0xff) == 113  // TEST-NET-3
                    || first >= 240;                                     // reserved and broadcast
        }
        return isUniqueLocalIpv6(ip)
                || (b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8; // 2001:db8::/32
    }

    /** fc00::/7, IPv6's private range. */
    static boolean isUniqueLocalIpv6(InetAddress ip) {
        return ip instanceof Inet6Address && (ip.getAddress()[0] & 0xfe) == 0xfc;
    }
}
