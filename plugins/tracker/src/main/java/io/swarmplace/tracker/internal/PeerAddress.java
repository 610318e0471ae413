package io.swarmplace.tracker.internal;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/** Where a peer accepts connections: an IPv4 or IPv6 address and a TCP port. A peer is known by this pair. */
final class PeerAddress {

    private final byte[] ip;
    private final int port;
    private final int hash;

    private PeerAddress(byte[] ip, int port) {
        this.ip = ip;
        this.port = port;
        this.hash = 31 * Arrays.hashCode(ip) + port;
    }

    /**
     * @param ip 4 bytes (IPv4) or 16 bytes (IPv6); IPv4-mapped IPv6 addresses are stored as IPv4
     * @throws IllegalArgumentException on another length or a port outside 1..65535
     */
    static PeerAddress of(byte[] ip, int port) {
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 1 and 65535, got " + port);
        }
        if (ip.length != 4 && ip.length != 16) {
            throw new IllegalArgumentException("an IP address is 4 or 16 bytes, got " + ip.length);
        }
        if (ip.length == 16 && isIpv4Mapped(ip)) {
            return new PeerAddress(Arrays.copyOfRange(ip, 12, 16), port);
        }
        return new PeerAddress(ip.clone(), port);
    }

    static PeerAddress of(InetAddress address, int port) {
        return of(address.getAddress(), port);
    }

    boolean isIpv4() {
        return ip.length == 4;
    }

    /** 4 or 16 bytes. */
    byte[] ip() {
        return ip.clone();
    }

    int port() {
        return port;
    }

    /** The compact form of BEP 23 (IPv4, 6 bytes) or BEP 7 (IPv6, 18 bytes): address then port, big-endian. */
    void writeCompact(byte[] target, int offset) {
        System.arraycopy(ip, 0, target, offset, ip.length);
        target[offset + ip.length] = (byte) (port >>> 8);
        target[offset + ip.length + 1] = (byte) port;
    }

    InetAddress inetAddress() {
        try {
            return InetAddress.getByAddress(ip);
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException("a 4 or 16 byte address is always valid", impossible);
        }
    }

    /** The address as text: dotted quad or RFC 5952 IPv6. */
    String host() {
        InetAddress address = inetAddress();
        return address instanceof Inet4Address ? address.getHostAddress() : address.getHostAddress().replaceAll("%.*$", "");
    }

    private static boolean isIpv4Mapped(byte[] ip) {
        for (int i = 0; i < 10; i++) {
            if (ip[i] != 0) {
                return false;
            }
        }
        return ip[10] == (byte) 0xff && ip[11] == (byte) 0xff;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PeerAddress that && port == that.port && Arrays.equals(ip, that.ip);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return isIpv4() ? host() + ":" + port : "[" + host() + "]:" + port;
    }
}
