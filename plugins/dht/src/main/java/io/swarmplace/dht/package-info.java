/**
 * The Mainline DHT (BEP 5) as a service: {@link io.swarmplace.dht.DhtService} finds peers for an
 * info-hash without a tracker, announces this node as a peer, pings nodes and reports the node's
 * counters, stores and reads BEP 44 items and samples other nodes' info-hashes (BEP 51). Every network operation answers with a {@link java.util.concurrent.CompletableFuture};
 * failures are {@link io.swarmplace.dht.DhtException}s.
 */
@Export
@Version("1.2.0")
package io.swarmplace.dht;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
