package io.swarmplace.dht.internal.krpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.swarmplace.bencode.BDictionary;
import io.swarmplace.bencode.BInteger;
import io.swarmplace.bencode.BList;
import io.swarmplace.bencode.BString;
import io.swarmplace.bencode.BValue;
import io.swarmplace.bencode.BencodeDecoder;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Round trips of every message kind, specific rejections, and generated hostile values (seeded). */
class KrpcCodecTest {

    private final Random random = new Random(314159);
    private final KrpcCodec codec = new KrpcCodec(new byte[] {'S', 'W', 0, 1});
    private final BencodeDecoder bencode = new BencodeDecoder();

    private KrpcMessage roundTrip(KrpcMessage message) throws Exception {
        byte[] wire = codec.encode(message).encode();
        return codec.decode(bencode.decode(wire));
    }

    private ByteString bytes(int min, int max) {
        byte[] out = new byte[min + random.nextInt(max - min + 1)];
        random.nextBytes(out);
        return new ByteString(out);
    }

    private InetSocketAddress address(boolean v6) throws Exception {
        byte[] ip = new byte[v6 ? 16 : 4];
        random.nextBytes(ip);
        if (v6) {
            ip[0] = 0x20; // keep it a real IPv6 address, not an IPv4-mapped one
        }
        return new InetSocketAddress(InetAddress.getByAddress(ip), 1 + random.nextInt(65_535));
    }

    private List<NodeContact> contacts(boolean v6) throws Exception {
        List<NodeContact> out = new ArrayList<>();
        for (int i = random.nextInt(9); i > 0; i--) {
            out.add(new NodeContact(NodeId.random(random), address(v6)));
        }
        return out;
    }

    @Test
    void everyMessageKindSurvivesARoundTrip() throws Exception {
        for (int i = 0; i < 500; i++) {
            ByteString tid = bytes(1, 8);
            NodeId sender = NodeId.random(random);
            List<KrpcMessage> messages = new ArrayList<>();
            messages.add(new KrpcQuery(tid, sender, random.nextBoolean(), new QueryBody.Ping()));
            messages.add(new KrpcQuery(tid, sender, false, new QueryBody.FindNode(NodeId.random(random))));
            messages.add(new KrpcQuery(tid, sender, false, new QueryBody.GetPeers(NodeId.random(random))));
            messages.add(new KrpcQuery(tid, sender, false, new QueryBody.AnnouncePeer(NodeId.random(random),
                    1 + random.nextInt(65_535), random.nextBoolean(), bytes(1, 20))));
            List<InetSocketAddress> values = new ArrayList<>();
            for (int v = random.nextInt(5); v > 0; v--) {
                values.add(address(random.nextBoolean()));
            }
            messages.add(new KrpcResponse(tid, sender, contacts(false), contacts(true), values,
                    random.nextBoolean() ? Optional.of(bytes(1, 20)) : Optional.empty(),
                    random.nextBoolean() ? Optional.of(address(false)) : Optional.empty()));
            messages.add(new KrpcError(tid, 201 + random.nextInt(4), "error " + i));
            for (KrpcMessage message : messages) {
                assertThat(roundTrip(message)).isEqualTo(message);
            }
        }
    }

    @Test
    void bep44Bep51AndBep32WantSurviveARoundTrip() throws Exception {
        ByteString tid = new ByteString(new byte[] {1, 2});
        NodeId sender = NodeId.random(random);
        ItemPayload immutable = new ItemPayload("d1:ai1ee".getBytes(StandardCharsets.US_ASCII), Optional.empty());
        ItemPayload mutable = new ItemPayload("l1:xe".getBytes(StandardCharsets.US_ASCII),
                Optional.of(new ItemPayload.Signed(bytes(32, 32).bytes(), 42, bytes(64, 64).bytes())));
        List<KrpcMessage> messages = List.of(
                new KrpcQuery(tid, sender, false, new QueryBody.Get(sender, OptionalLong.empty())),
                new KrpcQuery(tid, sender, true, new QueryBody.Get(sender, OptionalLong.of(7))),
                new KrpcQuery(tid, sender, false, new QueryBody.Put(bytes(4, 4), immutable, new byte[0], OptionalLong.empty())),
                new KrpcQuery(tid, sender, false, new QueryBody.Put(bytes(4, 4), mutable, "salt".getBytes(StandardCharsets.US_ASCII),
                        OptionalLong.of(41))),
                new KrpcQuery(tid, sender, false, new QueryBody.SampleInfoHashes(sender)),
                new KrpcQuery(tid, sender, false, new QueryBody.FindNode(sender), java.util.Set.of(KrpcQuery.Want.N4,
                        KrpcQuery.Want.N6)),
                new KrpcQuery(tid, sender, false, new QueryBody.GetPeers(sender), java.util.Set.of(KrpcQuery.Want.N6)),
                KrpcResponse.plain(tid, sender, null).withItem(mutable),
                KrpcResponse.plain(tid, sender, null).withItem(immutable),
                KrpcResponse.plain(tid, sender, null).withSample(new KrpcResponse.Sample(List.of(sender, NodeId.random(random)),
                        17, 3600)));
        for (KrpcMessage message : messages) {
            assertThat(roundTrip(message)).isEqualTo(message);
        }
    }

    @Test
    void unknownMethodsAndExtraKeysAreKeptForwardCompatible() throws Exception {
        BDictionary query = BDictionary.builder().put("t", "xy").put("y", "q").put("q", "vote").put("v", "LT\u0002\u0000")
                .put("a", BDictionary.builder().put("id", new byte[20]).put("target", new byte[20]).put("want", BList.of(
                        BString.of("n4"))).build()).build();
        KrpcMessage decoded = codec.decode(query);
        assertThat(decoded).isInstanceOfSatisfying(KrpcQuery.class, q -> assertThat(q.body()).isEqualTo(new QueryBody.Unknown("vote")));
        // A response with a values entry of an odd length keeps the well-formed entries.
        BDictionary response = BDictionary.builder().put("t", "xy").put("y", "r").put("r", BDictionary.builder()
                .put("id", new byte[20]).put("values", BList.of(BString.of(new byte[6]), BString.of(new byte[5]), BInteger.of(3)))
                .build()).build();
        assertThat(((KrpcResponse) codec.decode(response)).values()).hasSize(1);
    }

    @Test
    void brokenMessagesAreRefusedNamingTheKeyAndQueriesKeepTheirTransactionId() {
        assertRejected(BList.of(), "dictionary", false);
        assertRejected(BDictionary.builder().put("y", "q").build(), "'t'", false);
        assertRejected(BDictionary.builder().put("t", "a").put("y", "z").build(), "y='z'", false);
        assertRejected(query("ping", BDictionary.builder().put("id", new byte[19]).build()), "'id' has 19 bytes", true);
        assertRejected(query("find_node", BDictionary.builder().put("id", new byte[20]).build()), "'target'", true);
        assertRejected(query("get_peers", BDictionary.builder().put("id", new byte[20]).put("info_hash", 5).build()),
                "'info_hash' must be a byte string", true);
        assertRejected(query("announce_peer", BDictionary.builder().put("id", new byte[20]).put("info_hash", new byte[20])
                .put("port", 0).put("token", "t").build()), "port 0", true);
        assertRejected(query("announce_peer", BDictionary.builder().put("id", new byte[20]).put("info_hash", new byte[20])
                .put("port", 70_000).put("implied_port", 1).put("token", "t").build()), "port 70000", true);
        assertRejected(BDictionary.builder().put("t", "a").put("y", "q").put("q", "ping").put("a", "x").build(),
                "'a' must be a dictionary", true);
        assertRejected(BDictionary.builder().put("t", "a").put("y", "r").put("r", BDictionary.builder().put("id", new byte[20])
                .put("nodes", new byte[27]).build()).build(), "not a multiple of 26", false);
        assertRejected(BDictionary.builder().put("t", "a").put("y", "e").put("e", "oops").build(), "'e' must be a list", false);
        assertRejected(BDictionary.builder().put("t", new byte[65]).put("y", "q").build(), "'t' has 65 bytes", false);
    }

    private static BDictionary query(String method, BDictionary args) {
        return BDictionary.builder().put("t", "tt").put("y", "q").put("q", method).put("a", args).build();
    }

    private void assertRejected(BValue value, String problem, boolean answerable) {
        assertThatThrownBy(() -> codec.decode(value)).isInstanceOfSatisfying(KrpcProtocolException.class, e -> {
            assertThat(e.getMessage()).contains(problem);
            assertThat(e.queryTransactionId().isPresent()).as("answerable with 203").isEqualTo(answerable);
        });
    }

    @Test
    void generatedValuesDecodeOrFailWithAProtocolExceptionOnly() {
        String[] keys = {"t", "y", "q", "a", "r", "e", "id", "target", "info_hash", "port", "token", "implied_port", "nodes",
            "nodes6", "values", "ip", "ro", "v"};
        String[] texts = {"q", "r", "e", "ping", "find_node", "get_peers", "announce_peer", ""};
        for (int i = 0; i < 20_000; i++) {
            BValue value = randomValue(keys, texts, 3);
            try {
                codec.decode(value);
            } catch (KrpcProtocolException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            } catch (RuntimeException bug) {
                fail("decoding " + value + " threw " + bug, bug);
            }
        }
    }

    private BValue randomValue(String[] keys, String[] texts, int depth) {
        int kind = random.nextInt(depth <= 0 ? 3 : 5);
        switch (kind) {
            case 0:
                return BInteger.of(random.nextInt(5) == 0 ? random.nextLong() : random.nextInt(70_000) - 2);
            case 1: {
                byte[] raw = new byte[random.nextInt(5) == 0 ? random.nextInt(80) : new int[] {0, 1, 4, 6, 18, 19, 20, 21, 26, 38}[random.nextInt(10)]];
                random.nextBytes(raw);
                return BString.of(raw);
            }
            case 2:
                return BString.of(texts[random.nextInt(texts.length)]);
            case 3: {
                List<BValue> values = new ArrayList<>();
                for (int n = random.nextInt(4); n > 0; n--) {
                    values.add(randomValue(keys, texts, depth - 1));
                }
                return new BList(values);
            }
            default: {
                BDictionary.Builder builder = BDictionary.builder();
                for (int n = random.nextInt(7); n > 0; n--) {
                    builder.put(keys[random.nextInt(keys.length)], randomValue(keys, texts, depth - 1));
                }
                return builder.build();
            }
        }
    }
}
