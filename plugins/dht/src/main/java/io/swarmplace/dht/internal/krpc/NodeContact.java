package io.swarmplace.dht.internal.krpc;

import io.swarmplace.dht.DhtContact;
import java.net.InetSocketAddress;
import java.util.Objects;

/** A node's id and UDP address, as carried in compact node info (BEP 5). */
public record NodeContact(NodeId id, InetSocketAddress address) {

    public NodeContact {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(address, "address");
    }

    public DhtContact toApi() {
        return new DhtContact(id.hex(), address);
    }

    @Override
    public String toString() {
        return id.hex().substring(0, 8) + "@" + address.getHostString() + ":" + address.getPort();
    }
}
