package io.swarmplace.dht.internal.node;

import io.netty.channel.Channel;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import io.swarmplace.dht.AnnounceResult;
import io.swarmplace.dht.DhtContact;
import io.swarmplace.dht.DhtStats;
import io.swarmplace.dht.DhtTimeoutException;
import io.swarmplace.dht.DropReason;
import io.swarmplace.dht.PeerLookup;
import io.swarmplace.dht.ImmutableItem;
import io.swarmplace.dht.InfoHashSample;
import io.swarmplace.dht.ItemPutResult;
import io.swarmplace.dht.MutableItem;
import io.swarmplace.dht.internal.item.ItemRules;
import io.swarmplace.dht.internal.item.ItemStore;
import io.swarmplace.dht.internal.krpc.ItemPayload;
import io.swarmplace.dht.internal.krpc.ByteString;
import io.swarmplace.dht.internal.krpc.CompactFormats;
import io.swarmplace.dht.internal.krpc.KrpcError;
import io.swarmplace.dht.internal.krpc.KrpcMessage;
import io.swarmplace.dht.internal.krpc.KrpcQuery;
import io.swarmplace.dht.internal.krpc.KrpcResponse;
import io.swarmplace.dht.internal.krpc.NodeContact;
import io.swarmplace.dht.internal.krpc.NodeId;
import io.swarmplace.dht.internal.krpc.QueryBody;
import io.swarmplace.dht.internal.net.DhtCounters;
import io.swarmplace.dht.internal.net.KrpcEndpoint;
import io.swarmplace.dht.internal.net.Outbound;
import io.swarmplace.dht.internal.routing.AddressPolicy;
import io.swarmplace.dht.internal.routing.ExternalIpVotes;
import io.swarmplace.dht.internal.routing.InsertOutcome;
import io.swarmplace.dht.internal.routing.RoutingTable;
import io.swarmplace.dht.internal.routing.SavedRoutingState;
import io.swarmplace.dht.internal.routing.SecureNodeIds;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * The protocol state of one DHT node: answers queries, sends ours and matches their answers, keeps the
 * routing table, tokens and announced peers, runs lookups and the periodic maintenance. Everything here
 * runs on the node's channel's event loop; {@link DhtRuntime} hops onto it for callers.
 */
public final class DhtEngine implements KrpcEndpoint {

    /** Most info-hashes in one BEP 51 sample: 20 keep the answer within one datagram next to 8 nodes. */
    private static final int MAX_SAMPLES = 20;
    /** Seconds a sampler is asked to wait between samples of this node (BEP 51 allows up to six hours). */
    private static final int SAMPLE_INTERVAL_SECONDS = 60 * 60;
    /** Nodes asked at the start of a lookup, from the routing table. */
    private static final int LOOKUP_SEEDS = 2 * RoutingTable.K;
    /** Most pings for routing-table upkeep in flight at once. */
    private static final int MAX_UPKEEP_PINGS = 256;
    /** Most bucket refresh lookups started in one maintenance round. */
    private static final int REFRESHES_PER_ROUND = 4;
    /** How long a node with a nearly empty table waits before bootstrapping again. */
    private static final long REBOOTSTRAP_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final DhtSettings settings;
    /** Changes only when the voted external IP needs a new BEP 42 id; read by other threads for stats. */
    private volatile NodeId id;
    private final Channel channel;
    private final EventExecutor loop;
    private final DhtCounters counters;
    private final LongSupplier clock;
    private final Random random;
    private final AddressPolicy policy;
    private RoutingTable table;
    private final ExternalIpVotes ipVotes = new ExternalIpVotes();
    private final Random secureRandom;
    private final Tokens tokens;
    private final PeerStore peerStore;
    private final ItemStore itemStore;
    private final Transactions transactions;
    private final Set<InetSocketAddress> upkeepPings = new HashSet<>();
    private List<InetSocketAddress> bootstrapAddresses = List.of();
    private long lastBootstrap;
    private ScheduledFuture<?> maintenance;
    private final boolean ipv6;
    /** The engine of the other address family on a dual-stack node (BEP 32), on the same event loop; null if none. */
    private DhtEngine otherFamily;

    /** A single-family engine on the first address of {@code settings}, with storage of its own. */
    public DhtEngine(DhtSettings settings, NodeId id, Channel channel, DhtCounters counters, LongSupplier clock, Random random,
            Random secureRandom) {
        this(settings, settings.bindIps().get(0), id, channel, counters, clock, random, secureRandom,
                NodeStorage.of(settings, clock, secureRandom));
    }

    /**
     * The engine for the family of {@code bindIp}; {@code storage} is shared with the other family's engine, so
     * peers and items announced over either family are served over both.
     */
    public DhtEngine(DhtSettings settings, InetAddress bindIp, NodeId id, Channel channel, DhtCounters counters,
            LongSupplier clock, Random random, Random secureRandom, NodeStorage storage) {
        this.settings = settings;
        this.ipv6 = bindIp instanceof Inet6Address;
        this.id = id;
        this.channel = channel;
        this.loop = channel.eventLoop();
        this.counters = counters;
        this.clock = clock;
        this.random = random;
        this.policy = AddressPolicy.of(settings.privateNetwork()).forSocketOn(bindIp);
        this.table = new RoutingTable(id, clock);
        this.secureRandom = secureRandom;
        this.tokens = storage.tokens();
        this.peerStore = storage.peers();
        this.itemStore = storage.items();
        this.transactions = new Transactions(loop, DhtSettings.MAX_IN_FLIGHT, random);
        this.lastBootstrap = clock.getAsLong();
    }

    public NodeId id() {
        return id;
    }

    public EventExecutor loop() {
        return loop;
    }

    RoutingTable table() {
        return table;
    }

    /** Our queries waiting for an answer (bounded by {@link DhtSettings#MAX_IN_FLIGHT}). */
    int queriesInFlight() {
        return transactions.inFlight();
    }

    /** True if this engine serves IPv6 (BEP 32), false for IPv4. */
    boolean ipv6() {
        return ipv6;
    }

    /** Pairs the two engines of a dual-stack node; both must run on the same event loop. */
    static void pair(DhtEngine v4, DhtEngine v6) {
        if (v4.loop != v6.loop || v4.ipv6 || !v6.ipv6) {
            throw new IllegalArgumentException("a dual-stack pair is an IPv4 and an IPv6 engine on one event loop");
        }
        v4.otherFamily = v6;
        v6.otherFamily = v4;
    }

    // ---------------------------------------------------------------- incoming

    @Override
    public void onMessage(KrpcMessage message, InetSocketAddress sender) {
        if (message instanceof KrpcQuery query) {
            answer(query, sender);
        } else if (!transactions.complete(message, sender)) {
            counters.dropped(DropReason.UNKNOWN_TRANSACTION);
        }
    }

    @Override
    public void onMalformedQuery(ByteString transactionId, String problem, InetSocketAddress sender) {
        send(new KrpcError(transactionId, KrpcError.PROTOCOL, "Protocol Error: " + problem), sender);
    }

    private void answer(KrpcQuery query, InetSocketAddress from) {
        if (settings.readOnly()) {
            // BEP 43: a read-only node serves nobody; senders learn that from the ro flag on our own queries.
            return;
        }
        ByteString tid = query.transactionId();
        QueryBody body = query.body();
        KrpcMessage reply;
        if (body instanceof QueryBody.Ping) {
            reply = KrpcResponse.plain(tid, id, from);
        } else if (body instanceof QueryBody.FindNode findNode) {
            reply = withNodes(query, from, findNode.target(), List.of(), Optional.empty());
        } else if (body instanceof QueryBody.GetPeers getPeers) {
            List<InetSocketAddress> values = peerStore.peers(getPeers.infoHash(), DhtSettings.MAX_VALUES, random).stream()
                    .filter(peer -> wanted(query, from).contains(familyOf(peer))).toList();
            reply = withNodes(query, from, getPeers.infoHash(), values, Optional.of(tokens.tokenFor(from.getAddress())));
        } else if (body instanceof QueryBody.AnnouncePeer announce) {
            reply = store(tid, announce, from);
        } else if (body instanceof QueryBody.Get get) {
            KrpcResponse nodes = withNodes(query, from, get.target(), List.of(), Optional.of(tokens.tokenFor(from.getAddress())));
            reply = itemStore.get(get.target(), get.newerThan()).map(nodes::withItem).orElse(nodes);
        } else if (body instanceof QueryBody.Put put) {
            reply = storeItem(tid, put, from);
        } else if (body instanceof QueryBody.SampleInfoHashes sample) {
            reply = withNodes(query, from, sample.target(), List.of(), Optional.empty()).withSample(new KrpcResponse.Sample(
                    peerStore.sample(MAX_SAMPLES, random), peerStore.infoHashCount(), SAMPLE_INTERVAL_SECONDS));
        } else {
            counters.dropped(DropReason.UNKNOWN_METHOD);
            reply = new KrpcError(tid, KrpcError.METHOD_UNKNOWN, "Method Unknown: " + body.method());
        }
        send(reply, from);
        if (!query.readOnly()) {
            heardFrom(new NodeContact(query.sender(), from));
        }
    }

    /**
     * An answer naming the closest nodes we know in the families the query wants (BEP 32), else in the
     * querier's own family: ours from our table, the other from the other family's engine on a dual-stack
     * node (a single-stack node has none of it).
     */
    private KrpcResponse withNodes(KrpcQuery query, InetSocketAddress from, NodeId target, List<InetSocketAddress> values,
            Optional<ByteString> token) {
        Set<KrpcQuery.Want> want = wanted(query, from);
        List<NodeContact> v4 = want.contains(KrpcQuery.Want.N4) ? closestOf(false, target) : List.of();
        List<NodeContact> v6 = want.contains(KrpcQuery.Want.N6) ? closestOf(true, target) : List.of();
        return new KrpcResponse(query.transactionId(), id, v4, v6, values, token, Optional.of(from));
    }

    private static Set<KrpcQuery.Want> wanted(KrpcQuery query, InetSocketAddress from) {
        return query.want().isEmpty() ? Set.of(familyOf(from)) : query.want();
    }

    private static KrpcQuery.Want familyOf(InetSocketAddress address) {
        return CompactFormats.isIpv6(address) ? KrpcQuery.Want.N6 : KrpcQuery.Want.N4;
    }

    private List<NodeContact> closestOf(boolean wantIpv6, NodeId target) {
        RoutingTable source = wantIpv6 == ipv6 ? table : otherFamily != null ? otherFamily.table : null;
        if (source == null) {
            return List.of();
        }
        return source.closest(target, RoutingTable.K).stream()
                .filter(c -> CompactFormats.isIpv6(c.address()) == wantIpv6).toList();
    }

    private KrpcMessage store(ByteString tid, QueryBody.AnnouncePeer announce, InetSocketAddress from) {
        if (!tokens.isValid(announce.token(), from.getAddress())) {
            counters.dropped(DropReason.BAD_TOKEN);
            return new KrpcError(tid, KrpcError.PROTOCOL, "Protocol Error: bad token");
        }
        int port = announce.impliedPort() ? from.getPort() : announce.port();
        InetSocketAddress peer = new InetSocketAddress(from.getAddress(), port);
        if (!peerStore.add(announce.infoHash(), peer)) {
            counters.dropped(DropReason.STORE_FULL);
            return new KrpcError(tid, KrpcError.SERVER, "Server Error: peer store full");
        }
        return KrpcResponse.plain(tid, id, from);
    }

    private KrpcMessage storeItem(ByteString tid, QueryBody.Put put, InetSocketAddress from) {
        if (!tokens.isValid(put.token(), from.getAddress())) {
            counters.dropped(DropReason.BAD_TOKEN);
            return new KrpcError(tid, KrpcError.PROTOCOL, "Protocol Error: bad token");
        }
        Optional<ItemStore.Refusal> refusal = itemStore.put(put.item(), put.salt(), put.expectedSeq());
        if (refusal.isPresent()) {
            refusal.get().dropReason().ifPresent(counters::dropped);
            return new KrpcError(tid, refusal.get().code(), refusal.get().message());
        }
        return KrpcResponse.plain(tid, id, from);
    }

    /** A node queried us: renew it if known, else ping it so it can enter the table if it answers. */
    private void heardFrom(NodeContact contact) {
        if (contact.id().equals(id) || table.queriedUs(contact)) {
            return;
        }
        if (!idMatchesAddress(contact)) {
            return;
        }
        if (table.hasRoomFor(contact.id())) {
            upkeepPing(contact.address(), contact.id());
        }
    }

    // ---------------------------------------------------------------- outgoing

    private void send(KrpcMessage message, InetSocketAddress recipient) {
        channel.writeAndFlush(new Outbound(message, recipient), channel.voidPromise());
    }

    /** Sends a query; the answer updates the routing table, a timeout counts against the node. */
    CompletableFuture<KrpcResponse> query(InetSocketAddress recipient, NodeId expectedId, QueryBody body) {
        Transactions.Started started = transactions.start(recipient, body.method(), settings.requestTimeout());
        if (started.refused()) {
            return started.answer();
        }
        send(new KrpcQuery(started.transactionId(), id, settings.readOnly(), body, want()), recipient);
        return started.answer().whenComplete((response, failure) -> {
            if (response != null) {
                responded(new NodeContact(response.sender(), recipient));
                if (otherFamily != null) {
                    (ipv6 ? response.nodes() : response.nodes6()).forEach(otherFamily::heardOf);
                }
                response.requester().ifPresent(seenAs -> voteOnExternalIp(recipient, seenAs));
            } else if (expectedId != null && unwrap(failure) instanceof DhtTimeoutException) {
                table.failed(new NodeContact(expectedId, recipient));
            }
        });
    }

    /** A dual-stack node asks for both families, so each table also learns from the other family's traffic. */
    private Set<KrpcQuery.Want> want() {
        return otherFamily == null ? Set.of() : Set.of(KrpcQuery.Want.N4, KrpcQuery.Want.N6);
    }

    /** A node of our family named by the other family's traffic: pinged if the table has room, so it can enter. */
    private void heardOf(NodeContact contact) {
        if (contact.id().equals(id) || !policy.canReach(contact.address()) || table.knows(contact.address())) {
            return;
        }
        if (table.hasRoomFor(contact.id())) {
            upkeepPing(contact.address(), contact.id());
        }
    }

    private void responded(NodeContact contact) {
        if (contact.id().equals(id) || !policy.canReach(contact.address()) || !idMatchesAddress(contact)) {
            return;
        }
        InsertOutcome outcome = table.responded(contact);
        for (NodeContact questionable : outcome.pingToMakeRoom()) {
            upkeepPing(questionable.address(), questionable.id());
        }
    }

    /**
     * BEP 42: once a clear majority of the nodes we queried see us at one public IP our id is not bound to,
     * take a new id for that IP. The routing table moves over (its nodes are sorted again around the new id).
     */
    private void voteOnExternalIp(InetSocketAddress voter, InetSocketAddress seenAs) {
        ipVotes.vote(voter.getAddress(), seenAs.getAddress());
        Optional<InetAddress> external = ipVotes.winner();
        if (external.isEmpty() || SecureNodeIds.isExempt(external.get()) || SecureNodeIds.isValid(id, external.get())) {
            return;
        }
        NodeId fresh = SecureNodeIds.generate(external.get(), secureRandom);
        RoutingTable moved = new RoutingTable(fresh, clock);
        for (NodeContact contact : table.contacts()) {
            moved.responded(contact);
        }
        id = fresh;
        table = moved;
    }

    /** The routing table as it would be saved now. */
    SavedRoutingState snapshot() {
        return new SavedRoutingState(id, table.contacts());
    }

    private boolean idMatchesAddress(NodeContact contact) {
        if (settings.verifyNodeIds() && !SecureNodeIds.isValid(contact.id(), contact.address().getAddress())) {
            counters.dropped(DropReason.INSECURE_NODE_ID);
            return false;
        }
        return true;
    }

    private void upkeepPing(InetSocketAddress address, NodeId expectedId) {
        if (upkeepPings.size() >= MAX_UPKEEP_PINGS || !upkeepPings.add(address)) {
            return;
        }
        query(address, expectedId, new QueryBody.Ping()).whenComplete((response, failure) -> upkeepPings.remove(address));
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    // ---------------------------------------------------------------- lookups and the service operations

    CompletableFuture<LookupResult> lookup(NodeId target, IterativeLookup.Kind kind) {
        QueryBody body = kind == IterativeLookup.Kind.GET_PEERS ? new QueryBody.GetPeers(target) : new QueryBody.FindNode(target);
        return lookup(target, body, answer -> false);
    }

    private CompletableFuture<LookupResult> lookup(NodeId target, QueryBody body, Predicate<KrpcResponse> enough) {
        List<NodeContact> seeds = table.closest(target, LOOKUP_SEEDS);
        List<InetSocketAddress> addresses = seeds.size() < RoutingTable.K ? bootstrapAddresses : List.of();
        return new IterativeLookup(target, body, enough, id, this::query, policy, DhtSettings.ALPHA, RoutingTable.K)
                .start(seeds, addresses, loop, settings.lookupTimeout(), stallAfter());
    }

    /** A quarter of the request timeout: loopback and healthy internet nodes answer well within it. */
    private java.time.Duration stallAfter() {
        return settings.requestTimeout().dividedBy(4);
    }

    CompletableFuture<PeerLookup> getPeers(NodeId infoHash) {
        return lookup(infoHash, IterativeLookup.Kind.GET_PEERS).thenApply(result -> new PeerLookup(infoHash.hex(),
                withLocalPeers(infoHash, result.peers()), result.nodesAnswered(), result.nodesQueried(), contacts(result)));
    }

    CompletableFuture<AnnounceResult> announce(NodeId infoHash, int port) {
        return lookup(infoHash, IterativeLookup.Kind.GET_PEERS).thenCompose(result ->
                sendToClosest(result, token -> new QueryBody.AnnouncePeer(infoHash, port, port == 0, token)).thenApply(sent ->
                        new AnnounceResult(infoHash.hex(), port, sent.accepted(), sent.refused(),
                                withLocalPeers(infoHash, result.peers()))));
    }

    private record Sent(List<DhtContact> accepted, int refused) {}

    /** Sends the write query {@code body} makes from each token to the closest nodes of a lookup that gave one. */
    private CompletableFuture<Sent> sendToClosest(LookupResult result, Function<ByteString, QueryBody> body) {
        List<DhtContact> accepted = new ArrayList<>();
        AtomicInteger refused = new AtomicInteger();
        List<CompletableFuture<?>> writes = new ArrayList<>();
        for (LookupResult.Answered node : result.closest()) {
            if (node.token() == null) {
                continue;
            }
            writes.add(query(node.contact().address(), node.contact().id(), body.apply(node.token())).handle((response, failure) -> {
                if (failure == null) {
                    accepted.add(node.contact().toApi());
                } else {
                    refused.incrementAndGet();
                }
                return null;
            }));
        }
        return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new))
                .thenApply(done -> new Sent(accepted, refused.get()));
    }

    CompletableFuture<ItemPutResult> putItem(NodeId target, ItemPayload item, byte[] salt, OptionalLong expectedSeq) {
        return lookup(target, new QueryBody.Get(target, OptionalLong.empty()), answer -> false).thenCompose(result -> {
            if (amongClosest(target, result)) {
                // We are one of the nodes that should hold it: otherwise our own copy (an older seq, say) would
                // be the one item readers find here.
                itemStore.put(item, salt, expectedSeq);
            }
            return sendToClosest(result, token -> new QueryBody.Put(token, item, salt, expectedSeq)).thenApply(sent ->
                    new ItemPutResult(target.hex(), sent.accepted(), sent.refused()));
        });
    }

    private boolean amongClosest(NodeId target, LookupResult result) {
        List<LookupResult.Answered> closest = result.closest();
        return closest.size() < RoutingTable.K
                || target.compareDistance(id, closest.get(closest.size() - 1).contact().id()) < 0;
    }

    CompletableFuture<Optional<ImmutableItem>> getImmutable(NodeId target) {
        Optional<ItemPayload> local = itemStore.get(target, OptionalLong.empty()).filter(item -> item.signed().isEmpty());
        if (local.isPresent()) {
            return CompletableFuture.completedFuture(Optional.of(new ImmutableItem(target.hex(), local.get().value())));
        }
        AtomicReference<byte[]> found = new AtomicReference<>();
        return lookup(target, new QueryBody.Get(target, OptionalLong.empty()), answer -> {
            Optional<ItemPayload> item = answer.item();
            if (item.isEmpty()) {
                return false;
            }
            byte[] value = item.get().value();
            if (item.get().signed().isPresent() || value.length > ImmutableItem.MAX_VALUE
                    || !ItemRules.immutableTarget(value).equals(target)) {
                counters.dropped(DropReason.INVALID_ITEM);
                return false;
            }
            found.set(value);
            return true;
        }).thenApply(result -> Optional.ofNullable(found.get()).map(value -> new ImmutableItem(target.hex(), value)));
    }

    CompletableFuture<Optional<MutableItem>> getMutable(byte[] publicKey, byte[] salt) {
        NodeId target = ItemRules.mutableTarget(publicKey, salt);
        AtomicReference<MutableItem> newest = new AtomicReference<>();
        itemStore.get(target, OptionalLong.empty()).ifPresent(item -> newest.set(mutable(item, salt)));
        return lookup(target, new QueryBody.Get(target, OptionalLong.empty()), answer -> {
            if (answer.item().isEmpty()) {
                return false;
            }
            ItemPayload item = answer.item().get();
            byte[] value = item.value();
            if (item.signed().isEmpty() || value.length > ImmutableItem.MAX_VALUE
                    || !Arrays.equals(item.signed().get().publicKey(), publicKey)
                    || !ItemRules.signatureValid(item.signed().get(), salt, value)) {
                counters.dropped(DropReason.INVALID_ITEM);
                return false;
            }
            if (newest.get() == null || newest.get().seq() < item.signed().get().seq()) {
                newest.set(mutable(item, salt));
            }
            return false;
        }).thenApply(result -> Optional.ofNullable(newest.get()));
    }

    private static MutableItem mutable(ItemPayload item, byte[] salt) {
        ItemPayload.Signed signed = item.signed().orElseThrow();
        return new MutableItem(signed.publicKey(), salt, signed.seq(), item.value(), signed.signature());
    }

    CompletableFuture<InfoHashSample> sampleInfoHashes(InetSocketAddress address, NodeId target) {
        return query(address, null, new QueryBody.SampleInfoHashes(target)).thenApply(response -> {
            KrpcResponse.Sample sample = response.sample().orElse(new KrpcResponse.Sample(List.of(), 0, 0));
            List<DhtContact> nodes = new ArrayList<>();
            response.nodes().forEach(node -> nodes.add(node.toApi()));
            response.nodes6().forEach(node -> nodes.add(node.toApi()));
            return new InfoHashSample(new DhtContact(response.sender().hex(), address),
                    sample.infoHashes().stream().map(NodeId::hex).toList(), sample.total(), sample.interval(), nodes);
        });
    }

    CompletableFuture<DhtContact> ping(InetSocketAddress address) {
        return query(address, null, new QueryBody.Ping()).thenApply(response -> new DhtContact(response.sender().hex(), address));
    }

    private List<InetSocketAddress> withLocalPeers(NodeId infoHash, List<InetSocketAddress> found) {
        Set<InetSocketAddress> all = new LinkedHashSet<>(found);
        all.addAll(peerStore.peers(infoHash, DhtSettings.MAX_VALUES, random));
        return new ArrayList<>(all);
    }

    private static List<DhtContact> contacts(LookupResult result) {
        return result.closest().stream().map(answered -> answered.contact().toApi()).toList();
    }

    // ---------------------------------------------------------------- bootstrap and maintenance

    /** Looks up our own id from the saved nodes, the table and the bootstrap addresses; remembers the addresses. */
    CompletableFuture<LookupResult> bootstrap(List<NodeContact> saved, List<InetSocketAddress> addresses) {
        bootstrapAddresses = List.copyOf(addresses);
        lastBootstrap = clock.getAsLong();
        List<NodeContact> seeds = new ArrayList<>(saved);
        seeds.addAll(table.closest(id, LOOKUP_SEEDS));
        return new IterativeLookup(id, IterativeLookup.Kind.FIND_NODE, id, this::query, policy, DhtSettings.ALPHA,
                RoutingTable.K).start(seeds, addresses, loop, settings.lookupTimeout(), stallAfter());
    }

    void startMaintenance() {
        long period = settings.maintenanceInterval().toNanos();
        maintenance = loop.scheduleAtFixedRate(this::maintain, period, period, TimeUnit.NANOSECONDS);
    }

    /** One maintenance round: refresh stale buckets, ping questionable nodes, bootstrap again if nearly alone, expire peers. */
    void maintain() {
        int refreshes = 0;
        for (int bucket : table.staleBuckets()) {
            if (refreshes++ >= REFRESHES_PER_ROUND) {
                break;
            }
            table.markRefreshed(bucket);
            lookup(table.randomIdIn(bucket, random), IterativeLookup.Kind.FIND_NODE);
        }
        for (NodeContact questionable : table.questionableToPing()) {
            upkeepPing(questionable.address(), questionable.id());
        }
        if (table.size() < RoutingTable.K && !bootstrapAddresses.isEmpty()
                && clock.getAsLong() - lastBootstrap >= REBOOTSTRAP_NANOS) {
            bootstrap(List.of(), bootstrapAddresses);
        }
        peerStore.expire();
        itemStore.expire();
    }

    /** Stops timers and fails what is in flight; the caller closes the channel. */
    SavedRoutingState stop() {
        if (maintenance != null) {
            maintenance.cancel(false);
        }
        transactions.failAll("the DHT node stopped");
        return snapshot();
    }

    DhtStats stats(Optional<InetSocketAddress> localAddress) {
        return new DhtStats(id.hex(), localAddress, table.size(), table.bucketCount(), table.replacementCount(),
                counters.messagesIn(), counters.messagesOut(), counters.droppedByReason(), peerStore.infoHashCount(),
                peerStore.peerCount(), itemStore.immutableCount(), itemStore.mutableCount(), localAddress.stream().toList());
    }
}
