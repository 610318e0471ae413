package io.swarmplace.testing.peers;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free ports on 127.0.0.1 that are usable for TCP and UDP at once (BitTorrent programs listen on both on
 * one port: TCP for peers, UDP for uTP, DHT and the UDP tracker).
 *
 * <p>Ports are drawn at random from 20000-32767, below Linux's ephemeral range (32768-60999), so an
 * outgoing connection of some other process cannot take a port between the check and its use; the
 * randomness keeps test JVMs running side by side apart. A port is free when binding both a TCP server
 * socket and a UDP socket to it succeeds; the sockets are closed again before the port is returned.
 */
public final class FreePorts {

    static final int LOWEST = 20000;
    static final int HIGHEST = 32767;
    private static final int MAX_ATTEMPTS = 200;

    private FreePorts() {}

    /** One free TCP+UDP port on 127.0.0.1. */
    public static int loopbackPort() {
        return loopbackPorts(1).get(0);
    }

    /** {@code count} distinct free TCP+UDP ports on 127.0.0.1. */
    public static List<Integer> loopbackPorts(int count) {
        if (count < 1 || count > 100) {
            throw new IllegalArgumentException("asked for " + count + " ports; ask for 1 to 100");
        }
        InetAddress loopback = InetAddress.getLoopbackAddress();
        Set<Integer> found = new LinkedHashSet<>();
        Set<Integer> tried = new LinkedHashSet<>();
        for (int attempt = 0; attempt < MAX_ATTEMPTS && found.size() < count; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, HIGHEST + 1);
            if (tried.add(port) && isFree(loopback, port)) {
                found.add(port);
            }
        }
        if (found.size() < count) {
            throw new PeerFixtureException("found only " + found.size() + " of " + count + " free TCP+UDP ports on 127.0.0.1 in "
                    + MAX_ATTEMPTS + " attempts between " + LOWEST + " and " + HIGHEST + "; is the machine out of ports?");
        }
        return new ArrayList<>(found);
    }

    /** True if both a TCP listener and a UDP socket can bind {@code port} on {@code address} right now. */
    static boolean isFree(InetAddress address, int port) {
        try (ServerSocket tcp = new ServerSocket()) {
            tcp.setReuseAddress(false);
            tcp.bind(new InetSocketAddress(address, port), 1);
            try (DatagramSocket udp = new DatagramSocket(null)) {
                udp.setReuseAddress(false);
                udp.bind(new InetSocketAddress(address, port));
                return true;
            }
        } catch (IOException busy) {
            return false;
        }
    }
}
