package io.swarmplace.dht;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A DHT node: its 160-bit id (40 lowercase hex digits) and its UDP address.
 */
public record DhtContact(String nodeIdHex, InetSocketAddress address) {

    public DhtContact {
        Objects.requireNonNull(nodeIdHex, "nodeIdHex");
        Objects.requireNonNull(address, "address");
    }

    @Override
    public String toString() {
        return nodeIdHex + "@" + address.getHostString() + ":" + address.getPort();
    }
}
