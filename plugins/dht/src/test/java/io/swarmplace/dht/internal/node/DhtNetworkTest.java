package io.swarmplace.dht.internal.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@value #NODES} of our nodes on loopback ports in one JVM: every announced info-hash is found by
 * get_peers lookups from random nodes, also after 20% of the nodes were killed at once; a mutable item
 * published with rising seq is read back at the newest seq. About 25 s on a loaded 2-core machine;
 * bench/network.sh runs the same scenario for its figures.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DhtNetworkTest {

    static final int NODES = 1000;
    private static final int INFO_HASHES = 20;
    private static final int LOOKUPS_PER_HASH = 3;
    private static DhtNetworkScenario network;

    @BeforeAll
    static void start() throws Exception {
        network = DhtNetworkScenario.start(NODES, 2, 20260501L);
        assertThat(network.announce(INFO_HASHES)).as("nodes the worst announce reached").isGreaterThanOrEqualTo(4);
    }

    @AfterAll
    static void stop() {
        network.close();
    }

    @Test
    @Order(1)
    void everyAnnouncedInfoHashIsFoundFromRandomNodes() throws Exception {
        List<DhtNetworkScenario.Lookup> lookups = network.lookUpAnnounced(LOOKUPS_PER_HASH);
        assertThat(lookups).hasSize(INFO_HASHES * LOOKUPS_PER_HASH).allMatch(DhtNetworkScenario.Lookup::found);
    }

    @Test
    @Order(2)
    void aMutableItemIsReadBackAtTheNewestSeq() throws Exception {
        List<Long> seen = network.risingSeq(3, 4);
        assertThat(seen).containsExactly(1L, 1L, 1L, 1L, 2L, 2L, 2L, 2L, 3L, 3L, 3L, 3L);
    }

    @Test
    @Order(3)
    void everyInfoHashIsStillFoundAfterAFifthOfTheNodesDied() throws Exception {
        assertThat(network.kill(0.2)).isEqualTo(NODES / 5);
        List<DhtNetworkScenario.Lookup> lookups = network.lookUpAnnounced(LOOKUPS_PER_HASH);
        assertThat(lookups).allMatch(DhtNetworkScenario.Lookup::found);
        assertThat(network.risingSeq(1, 4)).as("reads after the deaths see the newest put").containsOnly(1L);
    }
}
