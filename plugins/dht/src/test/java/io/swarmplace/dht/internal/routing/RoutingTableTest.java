package io.swarmplace.dht.internal.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.swarmplace.dht.internal.krpc.NodeContact;
import io.swarmplace.dht.internal.krpc.NodeId;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Bucket splitting, BEP 5 node states, replacement, refresh and closest-node order, on a manual clock. */
class RoutingTableTest {

    private final Random random = new Random(1234);
    private final ManualClock clock = new ManualClock();
    private final NodeId self = NodeId.random(random);
    private final RoutingTable table = new RoutingTable(self, clock);
    private int nextPort = 10_000;

    /** A node whose id shares exactly {@code prefix} leading bits with ours. */
    private NodeContact node(int prefix) {
        return new NodeContact(self.randomWithPrefix(prefix, true, random), new InetSocketAddress("127.0.0.1", nextPort++));
    }

    private List<NodeContact> fill(int prefix, int count) {
        List<NodeContact> added = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            NodeContact contact = node(prefix);
            assertThat(table.responded(contact).kind()).isEqualTo(InsertOutcome.Kind.ADDED);
            added.add(contact);
        }
        return added;
    }

    @Test
    void onlyTheBucketHoldingOurOwnIdSplits() {
        List<NodeContact> far = fill(0, RoutingTable.K);
        assertThat(table.bucketCount()).isEqualTo(1);

        // The ninth far node splits the only bucket; the far half is still full, so it waits in the cache.
        NodeContact ninth = node(0);
        assertThat(table.responded(ninth).kind()).isEqualTo(InsertOutcome.Kind.CACHED);
        assertThat(table.bucketCount()).isEqualTo(2);
        assertThat(table.bucketContents(0)).containsExactlyElementsOf(far);
        assertThat(table.replacementContents(0)).containsExactly(ninth);

        // Nodes ever closer to us keep splitting the last bucket; each lands in the bucket of its prefix length.
        for (int prefix = 1; prefix <= 5; prefix++) {
            fill(prefix, RoutingTable.K);
        }
        assertThat(table.size()).isEqualTo(6 * RoutingTable.K);
        for (int prefix = 0; prefix <= 4; prefix++) {
            int bucket = prefix;
            assertThat(table.bucketContents(prefix)).hasSize(RoutingTable.K)
                    .allMatch(c -> self.commonPrefixLength(c.id()) == bucket);
        }
        // A far bucket never splits again however many nodes answer.
        int buckets = table.bucketCount();
        for (int i = 0; i < 20; i++) {
            table.responded(node(1));
        }
        assertThat(table.bucketCount()).isEqualTo(buckets);
        assertThat(table.replacementContents(1)).hasSize(RoutingTable.K);
        assertThat(table.responded(new NodeContact(self, new InetSocketAddress("127.0.0.1", 1))).kind())
                .isEqualTo(InsertOutcome.Kind.IGNORED);
    }

    @Test
    void questionableNodesArePingedAndReplacedFromTheCacheWhenTheyFail() {
        fill(0, RoutingTable.K);
        table.responded(node(0)); // split
        List<NodeContact> far = table.bucketContents(0);

        clock.advance(Duration.ofMinutes(16));
        NodeContact waiting = node(0);
        InsertOutcome outcome = table.responded(waiting);
        assertThat(outcome.kind()).isEqualTo(InsertOutcome.Kind.CACHED);
        assertThat(outcome.pingToMakeRoom()).containsExactlyInAnyOrderElementsOf(far);
        assertThat(table.status(far.get(0))).contains(NodeStatus.QUESTIONABLE);

        // One answers the ping (good again), one does not (bad: the newest cached node takes its place).
        assertThat(table.responded(far.get(1)).kind()).isEqualTo(InsertOutcome.Kind.UPDATED);
        assertThat(table.status(far.get(1))).contains(NodeStatus.GOOD);
        table.failed(far.get(0));
        assertThat(table.status(far.get(0))).isEmpty();
        assertThat(table.bucketContents(0)).contains(waiting).doesNotContain(far.get(0));
        assertThat(table.replacementContents(0)).doesNotContain(waiting);
    }

    @Test
    void aGoodNodeSurvivesOneFailureButNotTwoAndABadNodeMakesRoomAtOnce() {
        List<NodeContact> far = fill(0, RoutingTable.K);
        table.responded(node(0)); // split; the cache now holds one node
        table.failed(far.get(3));
        assertThat(table.status(far.get(3))).contains(NodeStatus.GOOD);
        table.failed(far.get(3));
        // Bad, and the cached node replaced it.
        assertThat(table.status(far.get(3))).isEmpty();

        table.failed(far.get(4));
        table.failed(far.get(4));
        // Bad without a replacement waiting: kept until a newcomer needs the place, but never handed out.
        assertThat(table.status(far.get(4))).contains(NodeStatus.BAD);
        assertThat(table.closest(far.get(4).id(), 100)).doesNotContain(far.get(4));
        NodeContact newcomer = node(0);
        assertThat(table.responded(newcomer).kind()).isEqualTo(InsertOutcome.Kind.ADDED);
        assertThat(table.bucketContents(0)).contains(newcomer).doesNotContain(far.get(4));
    }

    @Test
    void aNodeThatQueriesUsStaysGoodAndTheQuietestQuestionableOneIsPingedFirst() {
        List<NodeContact> nodes = fill(0, 3);
        clock.advance(Duration.ofMinutes(10));
        assertThat(table.queriedUs(nodes.get(1))).isTrue();
        assertThat(table.queriedUs(node(0))).isFalse();
        clock.advance(Duration.ofMinutes(6));
        assertThat(table.status(nodes.get(0))).contains(NodeStatus.QUESTIONABLE);
        assertThat(table.status(nodes.get(1))).contains(NodeStatus.GOOD);
        assertThat(table.questionableToPing()).containsExactly(nodes.get(0));
    }

    @Test
    void bucketsUnchangedFor15MinutesAreRefreshedWithARandomIdInTheirRange() {
        for (int prefix = 0; prefix <= 2; prefix++) {
            fill(prefix, RoutingTable.K);
        }
        table.responded(node(3));
        assertThat(table.staleBuckets()).isEmpty();
        clock.advance(Duration.ofMinutes(14));
        table.responded(table.bucketContents(1).get(0));
        clock.advance(Duration.ofMinutes(2));
        assertThat(table.staleBuckets()).containsExactly(0, 2, 3);
        for (int bucket : table.staleBuckets()) {
            NodeId target = table.randomIdIn(bucket, random);
            assertThat(table.bucketIndex(target)).isEqualTo(bucket);
            table.markRefreshed(bucket);
        }
        assertThat(table.staleBuckets()).isEmpty();
    }

    @Test
    void closestNodesComeInXorOrderAndANewIdAtAKnownAddressReplacesTheOld() {
        List<NodeContact> all = new ArrayList<>();
        for (int prefix = 0; prefix < 6; prefix++) {
            all.addAll(fill(prefix, 4));
        }
        NodeId target = NodeId.random(random);
        List<NodeContact> expected = all.stream().sorted(Comparator.comparing(c -> c.id(), target::compareDistance)).limit(8).toList();
        assertThat(table.closest(target, 8)).containsExactlyElementsOf(expected);

        NodeContact old = all.get(0);
        NodeContact restarted = new NodeContact(self.randomWithPrefix(0, true, random), old.address());
        table.responded(restarted);
        assertThat(table.status(old)).isEmpty();
        assertThat(table.status(restarted)).contains(NodeStatus.GOOD);
        assertThat(table.size()).isEqualTo(all.size());
    }
}
