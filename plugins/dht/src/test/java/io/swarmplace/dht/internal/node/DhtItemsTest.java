package io.swarmplace.dht.internal.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.swarmplace.dht.ImmutableItem;
import io.swarmplace.dht.InfoHashSample;
import io.swarmplace.dht.ItemPutResult;
import io.swarmplace.dht.MutableItem;
import io.swarmplace.dht.internal.item.Ed25519Keys;
import io.swarmplace.dht.internal.item.ItemValues;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** BEP 44 items, BEP 51 sampling and a BEP 43 read-only node in a network of 24 of our nodes on real sockets. */
class DhtItemsTest {

    private static final int NODES = 24;
    private static LoopbackNodes network;
    private static final List<DhtRuntime> nodes = new ArrayList<>();
    private static final Random random = new Random(44);

    @BeforeAll
    static void network() throws Exception {
        network = new LoopbackNodes(1);
        DhtSettings settings = DhtSettings.loopback().withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(10));
        nodes.add(network.start(settings));
        for (int i = 1; i < NODES; i++) {
            nodes.add(network.start(settings.withBootstrap(nodes.get(random.nextInt(nodes.size())).reachableAddress())));
        }
        LoopbackNodes.refreshUntil(nodes, node -> node.routingTable().size() >= 8, Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        network.close();
    }

    private static DhtRuntime anyNode() {
        return nodes.get(random.nextInt(NODES));
    }

    private static byte[] bencoded(String text) {
        return ItemValues.bencodedString(text);
    }

    @Test
    void anImmutableItemPutByOneNodeIsReadByAnother() throws Exception {
        ItemPutResult put = anyNode().putImmutable(bencoded("Hello World!")).get(15, TimeUnit.SECONDS);
        assertThat(put.targetHex()).isEqualTo("e5f96f6f38320f0f33959cb4d3d656452117aadb");
        assertThat(put.storedAt()).hasSizeGreaterThanOrEqualTo(4);

        Optional<ImmutableItem> got = anyNode().getImmutable(HexFormat.of().parseHex(put.targetHex())).get(15, TimeUnit.SECONDS);
        assertThat(got).hasValueSatisfying(item -> assertThat(item.value()).isEqualTo(bencoded("Hello World!")));
        assertThat(anyNode().getImmutable(new byte[20]).get(15, TimeUnit.SECONDS)).as("nothing stored there").isEmpty();
    }

    @Test
    void mutableItemsAreReadBackAtTheNewestSeq() throws Exception {
        KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] publicKey = Ed25519Keys.rawPublicKey(keys.getPublic());
        byte[] salt = "offers".getBytes(StandardCharsets.US_ASCII);
        for (long seq = 1; seq <= 3; seq++) {
            ItemPutResult put = anyNode().putMutable(keys, salt, seq, bencoded("version " + seq), OptionalLong.empty())
                    .get(15, TimeUnit.SECONDS);
            assertThat(put.storedAt()).as("put of seq %d", seq).hasSizeGreaterThanOrEqualTo(4);
            MutableItem got = anyNode().getMutable(publicKey, salt).get(15, TimeUnit.SECONDS).orElseThrow();
            assertThat(got.seq()).isEqualTo(seq);
            assertThat(got.value()).isEqualTo(bencoded("version " + seq));
        }
        // A compare-and-swap against a stale seq is refused everywhere; the item stays at seq 3.
        ItemPutResult stale = anyNode().putMutable(keys, salt, 4, bencoded("lost update"), OptionalLong.of(1))
                .get(15, TimeUnit.SECONDS);
        assertThat(stale.storedAt()).isEmpty();
        assertThat(stale.refused()).isPositive();
        assertThat(anyNode().getMutable(publicKey, salt).get(15, TimeUnit.SECONDS).orElseThrow().seq()).isEqualTo(3);
        assertThat(anyNode().getMutable(publicKey, new byte[0]).get(15, TimeUnit.SECONDS)).as("another salt").isEmpty();
    }

    @Test
    void badItemsAreRefusedBeforeAnythingIsSent() throws Exception {
        KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        assertThatThrownBy(() -> anyNode().putImmutable("not bencode".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one bencoded value");
        assertThatThrownBy(() -> anyNode().putImmutable(bencoded("x".repeat(1_000))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 1000 bytes");
        assertThatThrownBy(() -> anyNode().putMutable(keys, new byte[65], 1, bencoded("x"), OptionalLong.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("salt");
        KeyPair rsa = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        assertThatThrownBy(() -> anyNode().putMutable(rsa, new byte[0], 1, bencoded("x"), OptionalLong.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ed25519");
    }

    @Test
    void sampleInfoHashesShowsWhatANodeStores() throws Exception {
        byte[] infoHash = new byte[20];
        random.nextBytes(infoHash);
        DhtRuntime announcer = anyNode();
        List<io.swarmplace.dht.DhtContact> storers = announcer.announce(infoHash, 7000).get(15, TimeUnit.SECONDS).announcedTo();
        assertThat(storers).isNotEmpty();
        InfoHashSample sample = anyNode().sampleInfoHashes(storers.get(0).address(), new byte[20]).get(5, TimeUnit.SECONDS);
        assertThat(sample.infoHashesHex()).contains(HexFormat.of().formatHex(infoHash));
        assertThat(sample.total()).isGreaterThanOrEqualTo(1);
        assertThat(sample.node().nodeIdHex()).isEqualTo(storers.get(0).nodeIdHex());
        assertThat(sample.closestNodes()).isNotEmpty();
    }

    @Test
    void aReadOnlyNodeReadsTheDhtButNoNodeRoutesToIt() throws Exception {
        DhtRuntime reader = network.start(DhtSettings.loopback().withReadOnly(true)
                .withBootstrap(nodes.get(0).reachableAddress(), nodes.get(1).reachableAddress()));
        ItemPutResult put = anyNode().putImmutable(bencoded("read me")).get(15, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> reader.routingTable().size() >= 8);
        assertThat(reader.getImmutable(HexFormat.of().parseHex(put.targetHex())).get(15, TimeUnit.SECONDS)).isPresent();
        for (DhtRuntime node : nodes) {
            assertThat(node.routingTable()).noneMatch(contact -> contact.address().equals(reader.reachableAddress()));
        }
    }
}
