package io.swarmplace.dht;

import java.util.List;

/**
 * The outcome of a BEP 44 put.
 *
 * @param targetHex where the item is stored, 40 lowercase hex digits
 * @param storedAt the nodes (closest to the target that gave a token) that accepted the item
 * @param refused how many of those nodes refused it or did not answer
 */
public record ItemPutResult(String targetHex, List<DhtContact> storedAt, int refused) {

    public ItemPutResult {
        storedAt = List.copyOf(storedAt);
    }
}
