package io.swarmplace.dht.internal.node;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A node's settings, checked. The component builds them from its configuration; tests use
 * {@link #loopback()} and the {@code with...} methods.
 *
 * @param bindAddresses one IP address per family to bind (BEP 32: an IPv4 and an IPv6 one make a dual-stack node
 *     with a routing table per family); the two wildcards together share one dual-stack socket
 * @param bootstrapNodes host:port pairs, resolved off the event loop when the node starts
 * @param privateNetwork accept loopback and private addresses (off on the public DHT, where they are bogons)
 * @param stateFile where the routing table is saved on stop and read on start; empty for none
 * @param verifyNodeIds keep nodes whose id does not match their IP (BEP 42) out of the routing table
 * @param packetsPerSecond per-source rate limit on incoming datagrams, with bursts of {@code packetBurst}
 * @param requestTimeout how long one query may take
 * @param lookupTimeout how long a whole lookup may take
 * @param maintenanceInterval how often buckets are checked for refresh and questionable nodes are pinged
 * @param readOnly BEP 43: mark every query {@code ro=1} and answer no queries, so no node routes to us
 * @param maxItems most BEP 44 items stored for others
 * @param itemTtl how long a BEP 44 item is kept after its last put
 * @param saveInterval how often the routing table is saved while the node runs (it is also saved on stop)
 */
public record DhtSettings(
        List<String> bindAddresses,
        int port,
        List<String> bootstrapNodes,
        boolean privateNetwork,
        Optional<Path> stateFile,
        boolean verifyNodeIds,
        int packetsPerSecond,
        int packetBurst,
        Duration requestTimeout,
        Duration lookupTimeout,
        Duration maintenanceInterval,
        int maxInfoHashes,
        int maxPeersPerInfoHash,
        Duration peerTtl,
        boolean readOnly,
        int maxItems,
        Duration itemTtl,
        Duration saveInterval) {

    /** BEP 5 lookup parallelism. */
    public static final int ALPHA = 3;
    /** Longest datagram accepted; BEP 44 puts reach about 1,300 bytes. */
    public static final int MAX_PACKET = 2048;
    /** Most peers in one get_peers answer: 100 compact IPv4 peers keep the datagram under 1,000 bytes. */
    public static final int MAX_VALUES = 100;
    /** Most of our own queries in flight at once. */
    public static final int MAX_IN_FLIGHT = 2048;
    /** Most sources with a rate-limit bucket. */
    public static final int MAX_RATE_SOURCES = 10_000;
    /** Client version in every message: "SW" (our BEP 20 client code; SP is BitSpirit's) and version 0.1. */
    public static final byte[] VERSION = {'S', 'W', 0, 1};

    public DhtSettings {
        bindAddresses = List.copyOf(bindAddresses);
        requireOnePerFamily(bindAddresses);
        bootstrapNodes = List.copyOf(bootstrapNodes);
        Objects.requireNonNull(stateFile, "stateFile");
        requireRange("port", port, 0, 65_535);
        requireRange("packetsPerSecond", packetsPerSecond, 1, 1_000_000);
        requireRange("packetBurst", packetBurst, 1, 1_000_000);
        requireRange("maxInfoHashes", maxInfoHashes, 1, 10_000_000);
        requireRange("maxPeersPerInfoHash", maxPeersPerInfoHash, 1, 100_000);
        requirePositive("requestTimeout", requestTimeout);
        requirePositive("lookupTimeout", lookupTimeout);
        requirePositive("maintenanceInterval", maintenanceInterval);
        requirePositive("peerTtl", peerTtl);
        for (String node : bootstrapNodes) {
            BootstrapAddresses.parse(node);
        }
    }

    /** A node for tests: 127.0.0.1, a free port, private-network mode, nothing saved, no bootstrap nodes. */
    public static DhtSettings loopback() {
        return new DhtSettings(List.of("127.0.0.1"), 0, List.of(), true, Optional.empty(), false, 200, 400,
                Duration.ofSeconds(2), Duration.ofSeconds(20), Duration.ofSeconds(10), 10_000, 200, Duration.ofMinutes(30), false, 10_000,
                Duration.ofHours(2), Duration.ofMinutes(5));
    }

    public DhtSettings withBootstrapNodes(List<String> nodes) {
        return new DhtSettings(bindAddresses, port, nodes, privateNetwork, stateFile, verifyNodeIds, packetsPerSecond,
                packetBurst, requestTimeout, lookupTimeout, maintenanceInterval, maxInfoHashes, maxPeersPerInfoHash, peerTtl, readOnly, maxItems, itemTtl, saveInterval);
    }

    public DhtSettings withBootstrap(InetSocketAddress... nodes) {
        return withBootstrapNodes(java.util.Arrays.stream(nodes).map(a -> a.getHostString() + ":" + a.getPort()).toList());
    }

    public DhtSettings withStateFile(Path file) {
        return new DhtSettings(bindAddresses, port, bootstrapNodes, privateNetwork, Optional.ofNullable(file), verifyNodeIds,
                packetsPerSecond, packetBurst, requestTimeout, lookupTimeout, maintenanceInterval, maxInfoHashes,
                maxPeersPerInfoHash, peerTtl, readOnly, maxItems, itemTtl, saveInterval);
    }

    public DhtSettings withPort(int newPort) {
        return new DhtSettings(bindAddresses, newPort, bootstrapNodes, privateNetwork, stateFile, verifyNodeIds, packetsPerSecond,
                packetBurst, requestTimeout, lookupTimeout, maintenanceInterval, maxInfoHashes, maxPeersPerInfoHash, peerTtl, readOnly, maxItems, itemTtl, saveInterval);
    }

    public DhtSettings withPrivateNetwork(boolean on) {
        return new DhtSettings(bindAddresses, port, bootstrapNodes, on, stateFile, verifyNodeIds, packetsPerSecond,
                packetBurst, requestTimeout, lookupTimeout, maintenanceInterval, maxInfoHashes, maxPeersPerInfoHash, peerTtl, readOnly, maxItems, itemTtl, saveInterval);
    }

    public DhtSettings withVerifyNodeIds(boolean on) {
        return new DhtSettings(bindAddresses, port, bootstrapNodes, privateNetwork, stateFile, on, packetsPerSecond,
                packetBurst, requestTimeout, lookupTimeout, maintenanceInterval, maxInfoHashes, maxPeersPerInfoHash, peerTtl, readOnly, maxItems, itemTtl, saveInterval);
    }

    public DhtSettings withRateLimit(int perSecond, int burst) {
        return new DhtSettings(bindAddresses, port, bootstrapNodes, privateNetwork, stateFile, verifyNodeIds, perSecond,
                burst, requestTimeout, lookupTimeout, maintenanceInterval, maxInfoHashes, maxPeersPerInfoHash, peerTtl, readOnly, maxItems, itemTtl, saveInterval);
    }

    public DhtSettings withTimeouts(Duration request, Duration lookup) {
        return new DhtSettings(bindAddresses, port, bootstrapNodes, privateNetwork, stateFile, verifyNodeIds, packetsPerSecond,
                packetBurst, request, lookup, maintenanceInterval, maxInfoHashes, maxPeersPerInfoHash, peerTtl, readOnly, maxItems, itemTtl, saveInterval);
    }

    public DhtSettings withMaintenanceInterval(Duration interval) {
        return new DhtSettings(bindAddresses, port, bootstrapNodes, privateNetwork, stateFile, verifyNodeIds, packetsPerSecond,
                packetBurst, requestTimeout, lookupTimeout, interval, maxInfoHashes, maxPeersPerInfoHash, peerTtl, readOnly, maxItems, itemTtl, saveInterval);
    }

    /** The addresses to bind, IPv4 first: IPv4 or IPv6 literals (or names that resolve to one). */
    public List<InetAddress> bindIps() {
        return bindAddresses.stream().map(DhtSettings::resolve)
                .sorted(java.util.Comparator.comparing(ip -> ip instanceof Inet6Address)).toList();
    }

    private static InetAddress resolve(String bindAddress) {
        InetSocketAddress address = new InetSocketAddress(bindAddress, 0);
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("bindAddress '" + bindAddress + "' is not an IP address of this machine"
                    + " (0.0.0.0: every IPv4 interface; :: every IPv6 one)");
        }
        return address.getAddress();
    }

    private static void requireOnePerFamily(List<String> bindAddresses) {
        if (bindAddresses.isEmpty()) {
            throw new IllegalArgumentException("bindAddress needs at least one address (0.0.0.0, ::, or both)");
        }
        long v6 = bindAddresses.stream().map(DhtSettings::resolve).filter(ip -> ip instanceof Inet6Address).count();
        if (v6 > 1 || bindAddresses.size() - v6 > 1) {
            throw new IllegalArgumentException("bindAddress takes at most one IPv4 and one IPv6 address (one routing table"
                    + " per family), got " + bindAddresses);
        }
    }

    public DhtSettings withBindAddress(String... addresses) {
        return new DhtSettings(List.of(addresses), port, bootstrapNodes, privateNetwork, stateFile, verifyNodeIds, packetsPerSecond,
                packetBurst, requestTimeout, lookupTimeout, maintenanceInterval, maxInfoHashes, maxPeersPerInfoHash, peerTtl,
                readOnly, maxItems, itemTtl, saveInterval);
    }

    public DhtSettings withStoreLimits(int infoHashes, int peersPerInfoHash, int items) {
        return new DhtSettings(bindAddresses, port, bootstrapNodes, privateNetwork, stateFile, verifyNodeIds, packetsPerSecond,
                packetBurst, requestTimeout, lookupTimeout, maintenanceInterval, infoHashes, peersPerInfoHash, peerTtl,
                readOnly, items, itemTtl, saveInterval);
    }

    public DhtSettings withReadOnly(boolean on) {
        return new DhtSettings(bindAddresses, port, bootstrapNodes, privateNetwork, stateFile, verifyNodeIds, packetsPerSecond,
                packetBurst, requestTimeout, lookupTimeout, maintenanceInterval, maxInfoHashes, maxPeersPerInfoHash, peerTtl,
                on, maxItems, itemTtl, saveInterval);
    }

    public DhtSettings withSaveInterval(Duration interval) {
        return new DhtSettings(bindAddresses, port, bootstrapNodes, privateNetwork, stateFile, verifyNodeIds, packetsPerSecond,
                packetBurst, requestTimeout, lookupTimeout, maintenanceInterval, maxInfoHashes, maxPeersPerInfoHash, peerTtl,
                readOnly, maxItems, itemTtl, interval);
    }

    private static void requireRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", got " + value);
        }
    }

    private static void requirePositive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
