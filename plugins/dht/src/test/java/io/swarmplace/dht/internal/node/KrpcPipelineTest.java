package io.swarmplace.dht.internal.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ResourceLeakDetector;
import io.swarmplace.bencode.BDictionary;
import io.swarmplace.bencode.BList;
import io.swarmplace.bencode.BString;
import io.swarmplace.bencode.BencodeDecoder;
import io.swarmplace.dht.DropReason;
import io.swarmplace.dht.internal.item.Ed25519Keys;
import io.swarmplace.dht.internal.item.ItemRules;
import io.swarmplace.dht.internal.item.ItemStore;
import io.swarmplace.dht.internal.item.ItemStoreTest;
import io.swarmplace.dht.internal.krpc.ByteString;
import io.swarmplace.dht.internal.krpc.ItemPayload;
import io.swarmplace.dht.internal.krpc.CompactFormats;
import io.swarmplace.dht.internal.krpc.KrpcCodec;
import io.swarmplace.dht.internal.krpc.KrpcError;
import io.swarmplace.dht.internal.krpc.KrpcMessage;
import io.swarmplace.dht.internal.krpc.KrpcQuery;
import io.swarmplace.dht.internal.krpc.KrpcResponse;
import io.swarmplace.dht.internal.krpc.NodeId;
import io.swarmplace.dht.internal.krpc.QueryBody;
import io.swarmplace.dht.internal.net.DhtCounters;
import io.swarmplace.dht.internal.routing.ManualClock;
import io.swarmplace.dht.internal.routing.SecureNodeIds;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Optional;
import java.util.OptionalLong;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole inbound pipeline and the real engine on an embedded channel: answers to each query, error
 * 203/204 for malformed and unknown queries, tokens, and hostile input of every kind dropped, counted and
 * released (leak detector on paranoid), with the node still answering afterwards.
 */
class KrpcPipelineTest {

    private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 7000);
    private static final InetSocketAddress OTHER = new InetSocketAddress("127.0.0.2", 7001);

    private final Random random = new Random(99);
    private final ManualClock clock = new ManualClock();
    private final KrpcCodec codec = new KrpcCodec(new byte[0]);
    private final DhtCounters counters = new DhtCounters();
    private final NodeId peerId = NodeId.random(random);
    private EmbeddedChannel channel;
    private DhtEngine engine;

    @BeforeAll
    static void paranoid() {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    }

    private void start(DhtSettings settings) {
        channel = new EmbeddedChannel();
        engine = new DhtEngine(settings, NodeId.random(random), channel, counters, clock, random, random);
        KrpcPipeline.install(channel.pipeline(), settings, engine, counters, clock);
    }

    @AfterEach
    void finish() {
        if (channel != null) {
            channel.finishAndReleaseAll();
        }
    }

    private DatagramPacket datagram(byte[] bytes, InetSocketAddress sender) {
        // Unpooled.wrappedBuffer(new byte[0]) is the shared empty buffer, which is never released: allocate a real one.
        return new DatagramPacket(Unpooled.buffer(bytes.length).writeBytes(bytes), new InetSocketAddress("127.0.0.1", 6881), sender);
    }

    private void receive(KrpcMessage message, InetSocketAddress sender) {
        receive(codec.encode(message).encode(), sender);
    }

    private void receive(byte[] bytes, InetSocketAddress sender) {
        DatagramPacket packet = datagram(bytes, sender);
        channel.writeInbound(packet);
        assertThat(packet.refCnt()).as("datagram released").isZero();
    }

    /** Everything the node sent, decoded, for the given recipient. */
    private List<KrpcMessage> sent(InetSocketAddress to) throws Exception {
        List<KrpcMessage> out = new ArrayList<>();
        for (DatagramPacket packet = channel.readOutbound(); packet != null; packet = channel.readOutbound()) {
            try {
                byte[] bytes = new byte[packet.content().readableBytes()];
                packet.content().readBytes(bytes);
                if (packet.recipient().equals(to)) {
                    out.add(codec.decode(new BencodeDecoder().decode(bytes)));
                }
            } finally {
                packet.release();
            }
        }
        return out;
    }

    private KrpcMessage answerTo(ByteString tid, InetSocketAddress to) throws Exception {
        return sent(to).stream().filter(m -> m.transactionId().equals(tid)).findFirst().orElseThrow();
    }

    private static ByteString tid(int value) {
        return new ByteString(new byte[] {(byte) value, (byte) (value >> 8)});
    }

    @Test
    void queriesAreAnsweredAndAnnouncesNeedTheTokenGivenToThatAddress() throws Exception {
        start(DhtSettings.loopback());
        NodeId infoHash = NodeId.random(random);
        receive(new KrpcQuery(tid(1), peerId, false, new QueryBody.Ping()), PEER);
        KrpcResponse pong = (KrpcResponse) answerTo(tid(1), PEER);
        assertThat(pong.sender()).isEqualTo(engine.id());
        assertThat(pong.requester()).contains(PEER);

        receive(new KrpcQuery(tid(2), peerId, false, new QueryBody.GetPeers(infoHash)), PEER);
        KrpcResponse peers = (KrpcResponse) answerTo(tid(2), PEER);
        ByteString token = peers.token().orElseThrow();
        assertThat(peers.values()).isEmpty();

        // The token works from the address it was given to, not from another.
        receive(new KrpcQuery(tid(3), peerId, false, new QueryBody.AnnouncePeer(infoHash, 6000, false, token)), OTHER);
        assertThat(answerTo(tid(3), OTHER)).isInstanceOfSatisfying(KrpcError.class, e -> {
            assertThat(e.code()).isEqualTo(KrpcError.PROTOCOL);
            assertThat(e.message()).contains("bad token");
        });
        assertThat(counters.droppedFor(DropReason.BAD_TOKEN)).isEqualTo(1);
        receive(new KrpcQuery(tid(4), peerId, false, new QueryBody.AnnouncePeer(infoHash, 6000, false, token)), PEER);
        assertThat(answerTo(tid(4), PEER)).isInstanceOf(KrpcResponse.class);
        receive(new KrpcQuery(tid(5), peerId, false, new QueryBody.AnnouncePeer(infoHash, 1, true, token)), PEER);
        assertThat(answerTo(tid(5), PEER)).isInstanceOf(KrpcResponse.class);

        receive(new KrpcQuery(tid(6), NodeId.random(random), false, new QueryBody.GetPeers(infoHash)), OTHER);
        assertThat(((KrpcResponse) answerTo(tid(6), OTHER)).values())
                .containsExactlyInAnyOrder(new InetSocketAddress("127.0.0.1", 6000), PEER);

        // Still valid after one rotation, not after two.
        clock.advance(Tokens.ROTATION);
        receive(new KrpcQuery(tid(7), peerId, false, new QueryBody.AnnouncePeer(infoHash, 6001, false, token)), PEER);
        assertThat(answerTo(tid(7), PEER)).isInstanceOf(KrpcResponse.class);
        clock.advance(Tokens.ROTATION);
        receive(new KrpcQuery(tid(8), peerId, false, new QueryBody.AnnouncePeer(infoHash, 6002, false, token)), PEER);
        assertThat(answerTo(tid(8), PEER)).isInstanceOf(KrpcError.class);
    }

    @Test
    void malformedAndUnknownQueriesGetErrorsAndEverythingElseIsDroppedAndCounted() throws Exception {
        start(DhtSettings.loopback());
        receive("not bencode".getBytes(), PEER);
        receive("li1ei2ee".getBytes(), PEER);
        receive(BDictionary.builder().put("t", "aa").put("y", "q").put("q", "ping").put("a", BDictionary.builder()
                .put("id", "short").build()).build().encode(), PEER);
        receive(BDictionary.builder().put("t", "ab").put("y", "q").put("q", "vote").put("a", BDictionary.builder()
                .put("id", peerId.bytes()).build()).build().encode(), PEER);
        receive(BDictionary.builder().put("t", "ac").put("y", "r").put("r", BDictionary.builder()
                .put("id", peerId.bytes()).build()).build().encode(), PEER);
        receive(BDictionary.builder().put("t", "ad").put("y", "e").put("e", BList.of(BString.of("x"))).build().encode(), PEER);
        receive(new byte[DhtSettings.MAX_PACKET + 1], PEER);

        List<KrpcMessage> answers = sent(PEER);
        assertThat(answers).filteredOn(m -> m instanceof KrpcError).extracting(m -> ((KrpcError) m).code())
                .containsExactlyInAnyOrder(KrpcError.PROTOCOL, KrpcError.METHOD_UNKNOWN);
        assertThat(counters.droppedFor(DropReason.MALFORMED_BENCODE)).isEqualTo(1);
        assertThat(counters.droppedFor(DropReason.INVALID_MESSAGE)).isEqualTo(3);
        assertThat(counters.droppedFor(DropReason.UNKNOWN_METHOD)).isEqualTo(1);
        assertThat(counters.droppedFor(DropReason.UNKNOWN_TRANSACTION)).isEqualTo(1);
        assertThat(counters.droppedFor(DropReason.OVERSIZED)).isEqualTo(1);
        assertThat(counters.messagesIn()).isEqualTo(7);
    }

    private ByteString tokenFromGet(NodeId target, InetSocketAddress from) throws Exception {
        receive(new KrpcQuery(tid(900), peerId, false, new QueryBody.Get(target, OptionalLong.empty())), from);
        return ((KrpcResponse) answerTo(tid(900), from)).token().orElseThrow();
    }

    private KrpcError refusal(int transaction, QueryBody.Put put) throws Exception {
        receive(new KrpcQuery(tid(transaction), peerId, false, put), PEER);
        return (KrpcError) answerTo(tid(transaction), PEER);
    }

    @Test
    void hostileBep44PutsAreRefusedWithTheirErrorCodesAndCounted() throws Exception {
        start(DhtSettings.loopback());
        KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] salt = "s".getBytes(StandardCharsets.US_ASCII);
        NodeId target = ItemRules.mutableTarget(Ed25519Keys.rawPublicKey(keys.getPublic()), salt);
        ByteString token = tokenFromGet(target, PEER);

        receive(new KrpcQuery(tid(1), peerId, false, new QueryBody.Put(token, ItemStoreTest.signed(keys, salt, 7, "seven"),
                salt, OptionalLong.empty())), PEER);
        assertThat(answerTo(tid(1), PEER)).isInstanceOf(KrpcResponse.class);

        assertThat(refusal(2, new QueryBody.Put(new ByteString(new byte[8]), ItemStoreTest.signed(keys, salt, 8, "eight"), salt,
                OptionalLong.empty())).code()).isEqualTo(KrpcError.PROTOCOL);
        assertThat(counters.droppedFor(DropReason.BAD_TOKEN)).isEqualTo(1);

        ItemPayload genuine = ItemStoreTest.signed(keys, salt, 9, "nine");
        ItemPayload forged = new ItemPayload(ItemStoreTest.bencoded("evil"), genuine.signed());
        assertThat(refusal(3, new QueryBody.Put(token, forged, salt, OptionalLong.empty())).code())
                .isEqualTo(ItemStore.INVALID_SIGNATURE);
        assertThat(counters.droppedFor(DropReason.INVALID_SIGNATURE)).isEqualTo(1);

        assertThat(refusal(4, new QueryBody.Put(token, ItemStoreTest.signed(keys, salt, 6, "six"), salt, OptionalLong.empty()))
                .code()).isEqualTo(ItemStore.SEQ_TOO_LOW);
        assertThat(counters.droppedFor(DropReason.OLD_SEQUENCE)).isEqualTo(1);

        assertThat(refusal(5, new QueryBody.Put(token, ItemStoreTest.signed(keys, salt, 8, "eight"), salt, OptionalLong.of(3)))
                .code()).isEqualTo(ItemStore.CAS_MISMATCH);
        assertThat(counters.droppedFor(DropReason.CAS_MISMATCH)).isEqualTo(1);

        String big = "x".repeat(1_000);
        assertThat(refusal(6, new QueryBody.Put(token, new ItemPayload(ItemStoreTest.bencoded(big), Optional.empty()),
                new byte[0], OptionalLong.empty())).code()).isEqualTo(ItemStore.VALUE_TOO_BIG);
        byte[] longSalt = new byte[65];
        assertThat(refusal(7, new QueryBody.Put(token, ItemStoreTest.signed(keys, longSalt, 1, "x"), longSalt,
                OptionalLong.empty())).code()).isEqualTo(ItemStore.SALT_TOO_BIG);
        assertThat(counters.droppedFor(DropReason.OVERSIZED_ITEM)).isEqualTo(2);

        // What a reader gets is still the genuine seq 7.
        receive(new KrpcQuery(tid(8), peerId, false, new QueryBody.Get(target, OptionalLong.empty())), OTHER);
        ItemPayload stored = ((KrpcResponse) answerTo(tid(8), OTHER)).item().orElseThrow();
        assertThat(stored.signed().orElseThrow().seq()).isEqualTo(7);
        assertThat(stored.value()).isEqualTo(ItemStoreTest.bencoded("seven"));
        assertThat(counters.droppedFor(DropReason.INTERNAL_ERROR)).isZero();
    }

    @Test
    void sampleInfoHashesAnswersWithStoredInfoHashesAndTheirCount() throws Exception {
        start(DhtSettings.loopback());
        NodeId infoHash = NodeId.random(random);
        ByteString token = tokenFromGet(infoHash, PEER);
        receive(new KrpcQuery(tid(1), peerId, false, new QueryBody.AnnouncePeer(infoHash, 6000, false, token)), PEER);
        sent(PEER);
        receive(new KrpcQuery(tid(2), peerId, false, new QueryBody.SampleInfoHashes(NodeId.random(random))), OTHER);
        KrpcResponse.Sample sample = ((KrpcResponse) answerTo(tid(2), OTHER)).sample().orElseThrow();
        assertThat(sample.infoHashes()).containsExactly(infoHash);
        assertThat(sample.total()).isEqualTo(1);
        assertThat(sample.interval()).isPositive();
    }

    @Test
    void aReadOnlyNodeAnswersNothingAndMarksItsQueries() throws Exception {
        start(DhtSettings.loopback().withReadOnly(true));
        receive(new KrpcQuery(tid(1), peerId, false, new QueryBody.Ping()), PEER);
        assertThat(sent(PEER)).isEmpty();
        channel.eventLoop().execute(() -> engine.ping(PEER));
        channel.runPendingTasks();
        assertThat(sent(PEER)).singleElement().isInstanceOfSatisfying(KrpcQuery.class,
                query -> assertThat(query.readOnly()).isTrue());
    }

    @Test
    void readOnlyQueriersAreAnsweredButNeverEnterTheRoutingTable() throws Exception {
        start(DhtSettings.loopback());
        receive(new KrpcQuery(tid(1), peerId, true, new QueryBody.Ping()), PEER);
        assertThat(answerTo(tid(1), PEER)).isInstanceOf(KrpcResponse.class);
        assertThat(sent(PEER)).as("no ping back to a read-only node").isEmpty();
        assertThat(engine.table().size()).isZero();
    }

    @Test
    void aMajorityOfAnswersSeeingANewPublicIpGivesTheNodeASecureIdForIt() throws Exception {
        start(DhtSettings.loopback());
        InetAddress external = InetAddress.getByName("81.2.3.4");
        assertThat(SecureNodeIds.isValid(engine.id(), external)).isFalse();
        for (int i = 1; i <= 5; i++) {
            InetSocketAddress voter = new InetSocketAddress("127.0.0." + (10 + i), 6881);
            channel.eventLoop().execute(() -> engine.ping(voter));
            channel.runPendingTasks();
            KrpcQuery ping = (KrpcQuery) sent(voter).get(0);
            receive(new KrpcResponse(ping.transactionId(), NodeId.random(random), List.of(), List.of(), List.of(),
                    Optional.empty(), Optional.of(new InetSocketAddress(external, 6881))), voter);
            channel.runPendingTasks();
        }
        assertThat(SecureNodeIds.isValid(engine.id(), external)).isTrue();
        assertThat(engine.table().self()).isEqualTo(engine.id());
        assertThat(engine.table().size()).as("the voters moved over to the new table").isEqualTo(5);
    }

    @Test
    void thePublicModeDropsBogonSourcesAndStripsBogonsFromAnswers() throws Exception {
        start(DhtSettings.loopback().withPrivateNetwork(false));
        receive(new KrpcQuery(tid(1), peerId, false, new QueryBody.Ping()), new InetSocketAddress("192.168.1.5", 6881));
        receive(new KrpcQuery(tid(2), peerId, false, new QueryBody.Ping()), PEER);
        assertThat(counters.droppedFor(DropReason.BOGON_SOURCE)).isEqualTo(2);
        InetSocketAddress publicPeer = new InetSocketAddress("8.8.4.4", 6881);
        receive(new KrpcQuery(tid(3), peerId, false, new QueryBody.Ping()), publicPeer);
        assertThat(answerTo(tid(3), publicPeer)).isInstanceOf(KrpcResponse.class);
    }

    @Test
    void aFloodFromOneSourceIsCutToItsRateWhileOthersAreStillAnswered() throws Exception {
        DhtSettings settings = DhtSettings.loopback().withRateLimit(20, 40);
        start(settings);
        for (int i = 0; i < 1_000; i++) {
            receive(new KrpcQuery(tid(i), peerId, false, new QueryBody.Ping()), PEER);
        }
        assertThat(sent(PEER).stream().filter(m -> m instanceof KrpcResponse)).hasSize(40);
        assertThat(counters.droppedFor(DropReason.RATE_LIMITED)).isEqualTo(960);
        receive(new KrpcQuery(tid(1), NodeId.random(random), false, new QueryBody.Ping()), OTHER);
        assertThat(answerTo(tid(1), OTHER)).isInstanceOf(KrpcResponse.class);
        clock.advance(Duration.ofSeconds(1));
        receive(new KrpcQuery(tid(2000), peerId, false, new QueryBody.Ping()), PEER);
        assertThat(answerTo(tid(2000), PEER)).isInstanceOf(KrpcResponse.class);
    }

    @Test
    void generatedHostileDatagramsAreDroppedOrAnsweredNeverCrashAndLeakNothing() throws Exception {
        start(DhtSettings.loopback().withRateLimit(1_000_000, 1_000_000));
        List<byte[]> valid = List.of(
                codec.encode(new KrpcQuery(tid(1), peerId, false, new QueryBody.FindNode(NodeId.random(random)))).encode(),
                codec.encode(new KrpcQuery(tid(2), peerId, false, new QueryBody.AnnouncePeer(NodeId.random(random), 80, true,
                        new ByteString(new byte[8])))).encode(),
                codec.encode(new KrpcResponse(tid(3), peerId, List.of(), List.of(), List.of(PEER), java.util.Optional.of(
                        new ByteString(new byte[4])), java.util.Optional.of(OTHER))).encode(),
                codec.encode(new KrpcError(tid(4), 201, "x")).encode(),
                codec.encode(new KrpcQuery(tid(5), peerId, false, new QueryBody.Get(NodeId.random(random), OptionalLong.of(3))))
                        .encode(),
                codec.encode(new KrpcQuery(tid(6), peerId, false, new QueryBody.Put(new ByteString(new byte[8]),
                        new ItemPayload("l1:ai2ee".getBytes(StandardCharsets.US_ASCII), Optional.of(new ItemPayload.Signed(
                                new byte[32], 9, new byte[64]))), "salt".getBytes(StandardCharsets.US_ASCII), OptionalLong.of(8))))
                        .encode(),
                codec.encode(new KrpcQuery(tid(7), peerId, false, new QueryBody.SampleInfoHashes(NodeId.random(random))))
                        .encode());
        int sentDatagrams = 0;
        for (int i = 0; i < 5_000; i++) {
            byte[] bytes;
            switch (i % 3) {
                case 0 -> {
                    bytes = valid.get(random.nextInt(valid.size())).clone();
                    for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                        bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
                    }
                }
                case 1 -> {
                    byte[] base = valid.get(random.nextInt(valid.size()));
                    bytes = java.util.Arrays.copyOf(base, random.nextInt(base.length + 1));
                }
                default -> {
                    bytes = new byte[random.nextInt(64)];
                    random.nextBytes(bytes);
                }
            }
            receive(bytes, new InetSocketAddress("127.0.0." + (1 + random.nextInt(200)), 1024 + random.nextInt(60_000)));
            sentDatagrams++;
            sent(PEER); // drain and release replies
        }
        assertThat(counters.messagesIn()).isEqualTo(sentDatagrams);
        assertThat(counters.droppedFor(DropReason.INTERNAL_ERROR)).isZero();
        assertThat(counters.droppedFor(DropReason.MALFORMED_BENCODE) + counters.droppedFor(DropReason.INVALID_MESSAGE))
                .isPositive();
        // Still a working node.
        receive(new KrpcQuery(tid(9), peerId, false, new QueryBody.Ping()), PEER);
        assertThat(answerTo(tid(9), PEER)).isInstanceOf(KrpcResponse.class);
        assertThat(CompactFormats.IPV4_NODE).isEqualTo(26);
    }

    @Test
    void idsNotBoundToTheSendersIpAreAnsweredAndCountedButNeverRouted() throws Exception {
        start(DhtSettings.loopback().withPrivateNetwork(false).withVerifyNodeIds(true));
        InetSocketAddress spoofer = new InetSocketAddress("8.8.4.4", 6881);
        NodeId spoofed = NodeId.random(random);
        assertThat(SecureNodeIds.isValid(spoofed, spoofer.getAddress())).isFalse();
        receive(new KrpcQuery(tid(1), spoofed, false, new QueryBody.Ping()), spoofer);
        assertThat(sent(spoofer)).as("answered, and not pinged back to enter the table").hasSize(1);
        assertThat(counters.droppedFor(DropReason.INSECURE_NODE_ID)).isEqualTo(1);

        // A spoofed id in an answer to our own query is kept out too.
        channel.eventLoop().execute(() -> engine.ping(spoofer));
        channel.runPendingTasks();
        KrpcQuery ping = (KrpcQuery) sent(spoofer).get(0);
        receive(new KrpcResponse(ping.transactionId(), spoofed, List.of(), List.of(), List.of(), Optional.empty(),
                Optional.empty()), spoofer);
        assertThat(counters.droppedFor(DropReason.INSECURE_NODE_ID)).isEqualTo(2);
        assertThat(engine.table().size()).isZero();

        // The same address with an id bound to it gets in.
        NodeId secure = SecureNodeIds.generate(spoofer.getAddress(), random);
        receive(new KrpcQuery(tid(2), secure, false, new QueryBody.Ping()), spoofer);
        KrpcQuery pingBack = (KrpcQuery) sent(spoofer).stream().filter(m -> m instanceof KrpcQuery).findFirst().orElseThrow();
        receive(new KrpcResponse(pingBack.transactionId(), secure, List.of(), List.of(), List.of(), Optional.empty(),
                Optional.empty()), spoofer);
        assertThat(engine.table().contacts()).extracting(c -> c.id()).containsExactly(secure);
        assertThat(counters.droppedFor(DropReason.INSECURE_NODE_ID)).isEqualTo(2);
    }

    @Test
    void aFloodFromManySourcesFillsNoStoreOrTablePastItsCap() throws Exception {
        int infoHashes = 50;
        int peersPerInfoHash = 5;
        int items = 20;
        start(DhtSettings.loopback().withRateLimit(1_000_000, 1_000_000).withStoreLimits(infoHashes, peersPerInfoHash, items));
        NodeId crowded = NodeId.random(random);
        int sources = DhtSettings.MAX_RATE_SOURCES + 2_000;
        for (int i = 0; i < sources; i++) {
            InetSocketAddress source = new InetSocketAddress("127." + (i >> 16 & 0xff) + "." + (i >> 8 & 0xff) + "." + (i & 0xff),
                    7000 + i % 1000);
            NodeId sender = NodeId.random(random);
            if (i % 10 == 0) {
                // A new info-hash from every tenth source, and one more peer for a single crowded one.
                NodeId infoHash = i % 20 == 0 ? NodeId.random(random) : crowded;
                receive(new KrpcQuery(tid(1), sender, false, new QueryBody.GetPeers(infoHash)), source);
                ByteString token = ((KrpcResponse) answerTo(tid(1), source)).token().orElseThrow();
                receive(new KrpcQuery(tid(2), sender, false, new QueryBody.AnnouncePeer(infoHash, 6881, false, token)), source);
                byte[] value = ("i" + i + "e").getBytes(StandardCharsets.US_ASCII);
                receive(new KrpcQuery(tid(3), sender, false, new QueryBody.Put(token, new ItemPayload(value, Optional.empty()),
                        new byte[0], OptionalLong.empty())), source);
            } else {
                receive(new KrpcQuery(tid(4), sender, false, new QueryBody.FindNode(NodeId.random(random))), source);
            }
            sent(PEER); // drain and release replies and pings
        }
        io.swarmplace.dht.DhtStats stats = engine.stats(Optional.empty());
        assertThat(stats.storedInfoHashes()).isEqualTo(infoHashes);
        assertThat(stats.storedPeers()).isLessThanOrEqualTo(infoHashes * peersPerInfoHash);
        assertThat(stats.storedImmutableItems()).isEqualTo(items);
        assertThat(stats.dropped(DropReason.STORE_FULL)).as("refused announces and puts are counted").isPositive();
        assertThat(channel.pipeline().get(io.swarmplace.dht.internal.net.SourceRateLimiter.class).sources())
                .isEqualTo(DhtSettings.MAX_RATE_SOURCES);
        assertThat(engine.queriesInFlight()).as("upkeep pings to the flooders").isLessThanOrEqualTo(256);
        assertThat(engine.table().size()).isZero();
        assertThat(stats.dropped(DropReason.INTERNAL_ERROR)).isZero();
    }
}
