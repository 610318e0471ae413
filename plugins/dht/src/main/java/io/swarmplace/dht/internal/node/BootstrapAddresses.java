package io.swarmplace.dht.internal.node;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/** Bootstrap nodes given as "host:port" or "[v6]:port": parsing, and resolution (blocking: off the event loop). */
final class BootstrapAddresses {

    private static final Logger LOG = Logger.getLogger(BootstrapAddresses.class.getName());

    private BootstrapAddresses() {}

    /** An unresolved address for "host:port". */
    static InetSocketAddress parse(String node) {
        String text = node.strip();
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("bootstrap node '" + node + "' must be host:port, e.g. router.bittorrent.com:6881");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException notNumber) {
            throw new IllegalArgumentException("bootstrap node '" + node + "' has no port number after the last ':'");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("bootstrap node '" + node + "' has port " + port + ", not 1-65535");
        }
        return InetSocketAddress.createUnresolved(host, port);
    }

    /**
     * Every address of every node that resolves, in the family a socket of {@code family} can reach; nodes
     * that do not resolve are logged and skipped.
     */
    static List<InetSocketAddress> resolve(List<String> nodes, Class<? extends InetAddress> family) {
        List<InetSocketAddress> out = new ArrayList<>();
        for (String node : nodes) {
            InetSocketAddress unresolved = parse(node);
            try {
                for (InetAddress address : InetAddress.getAllByName(unresolved.getHostString())) {
                    if (family.isInstance(address)) {
                        out.add(new InetSocketAddress(address, unresolved.getPort()));
                    }
                }
            } catch (UnknownHostException unknown) {
                LOG.info(() -> "DHT bootstrap node " + node + " does not resolve (" + unknown.getMessage() + "); skipped");
            }
        }
        return out;
    }
}
