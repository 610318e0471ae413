package io.swarmplace.torrent.metainfo;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/** {@code host:port} peer addresses of magnet links (x.pe), parsed without any name lookup. */
final class PeerAddresses {

    private PeerAddresses() {}

    static Optional<InetSocketAddress> parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        int port = port(text.substring(colon + 1));
        String host = text.substring(0, colon);
        if (port < 0) {
            return Optional.empty();
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            return ipv6(host.substring(1, host.length() - 1)).map(address -> new InetSocketAddress(address, port));
        }
        Optional<InetAddress> ipv4 = ipv4(host);
        if (ipv4.isPresent()) {
            return Optional.of(new InetSocketAddress(ipv4.get(), port));
        }
        if (isHostName(host)) {
            return Optional.of(InetSocketAddress.createUnresolved(host, port));
        }
        return Optional.empty();
    }

    static String format(InetSocketAddress peer) {
        InetAddress address = peer.getAddress();
        String host = address == null ? peer.getHostString()
                : address instanceof Inet6Address ? "[" + address.getHostAddress() + "]"
                : address.getHostAddress();
        return host + ":" + peer.getPort();
    }

    /** RFC 1123 labels of letters, digits and inner hyphens; not all digits (that would be a bad IPv4). */
    private static boolean isHostName(String host) {
        if (host.isEmpty() || host.length() > 253 || host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'))) {
            return false;
        }
        for (String label : host.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")
                    || !label.chars().allMatch(c -> c == '-' || (c < 0x80 && Character.isLetterOrDigit(c)))) {
                return false;
            }
        }
        return true;
    }

    private static int port(String text) {
        if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        int port = Integer.parseInt(text);
        return port >= 1 && port <= 65535 ? port : -1;
    }

    private static Optional<InetAddress> ipv4(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (parts[i].isEmpty() || parts[i].length() > 3 || !parts[i].chars().allMatch(c -> c >= '0' && c <= '9')) {
                return Optional.empty();
            }
            int value = Integer.parseInt(parts[i]);
            if (value > 255) {
                return Optional.empty();
            }
            bytes[i] = (byte) value;
        }
        return literal(bytes);
    }

    private static Optional<InetAddress> ipv6(String literal) {
        // Only hex digits, colons and dots (an embedded IPv4 tail): then InetAddress parses, never resolves.
        if (literal.isEmpty() || literal.indexOf(':') < 0
                || !literal.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(literal));
        } catch (UnknownHostException notALiteral) {
            return Optional.empty();
        }
    }

    private static Optional<InetAddress> literal(byte[] bytes) {
        try {
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException impossible) {
            return Optional.empty();
        }
    }
}
