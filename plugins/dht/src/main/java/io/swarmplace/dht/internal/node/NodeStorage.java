package io.swarmplace.dht.internal.node;

import io.swarmplace.dht.internal.item.ItemStore;
import java.util.Random;
import java.util.function.LongSupplier;

/**
 * What a node keeps for others: announced peers, BEP 44 items and the tokens that guard writes. A dual-stack
 * node's two engines share one, so a peer announced over IPv4 is found over IPv6 (where asked) and an item
 * is stored once.
 */
public record NodeStorage(PeerStore peers, ItemStore items, Tokens tokens) {

    public static NodeStorage of(DhtSettings settings, LongSupplier clock, Random secureRandom) {
        return new NodeStorage(new PeerStore(settings.maxInfoHashes(), settings.maxPeersPerInfoHash(), settings.peerTtl(), clock),
                new ItemStore(settings.maxItems(), settings.itemTtl(), clock), new Tokens(secureRandom, clock));
    }
}
