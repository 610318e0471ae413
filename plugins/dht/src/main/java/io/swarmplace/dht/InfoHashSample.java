package io.swarmplace.dht;

import java.util.List;

/**
 * One node's answer to a BEP 51 sample_infohashes query.
 *
 * @param node the node asked
 * @param infoHashesHex a random sample of the info-hashes it stores peers for
 * @param total how many info-hashes it stores in all
 * @param intervalSeconds how long it asks to be left alone before the next sample
 * @param closestNodes nodes it knows close to the target asked for, to walk the keyspace
 */
public record InfoHashSample(DhtContact node, List<String> infoHashesHex, int total, int intervalSeconds,
        List<DhtContact> closestNodes) {

    public InfoHashSample {
        infoHashesHex = List.copyOf(infoHashesHex);
        closestNodes = List.copyOf(closestNodes);
    }
}
