package io.swarmplace.dht.internal.node;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import io.swarmplace.dht.internal.krpc.ByteString;
import io.swarmplace.dht.internal.krpc.KrpcResponse;
import io.swarmplace.dht.internal.krpc.NodeContact;
import io.swarmplace.dht.internal.krpc.NodeId;
import io.swarmplace.dht.internal.krpc.QueryBody;
import io.swarmplace.dht.internal.routing.AddressPolicy;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * An iterative find_node or get_peers lookup (Kademlia as in BEP 5): keeps the candidates sorted by
 * distance to the target, has up to {@code alpha} queries in flight to the closest ones not yet asked,
 * adds the nodes each answer names, and ends when the {@code k} closest live candidates have all answered
 * (convergence) or when the overall time bound runs out. Each query has its own timeout (the
 * {@link Querier}'s). Bootstrap addresses without a known id are asked first. Lives on one event loop.
 */
final class IterativeLookup {

    enum Kind { FIND_NODE, GET_PEERS }

    /** STALLED: asked, no answer within the stall time; frees its place among the alpha, may still answer. */
    private enum State { NEW, IN_FLIGHT, STALLED, ANSWERED, FAILED }

    /** Most candidates remembered; the farthest unasked ones are forgotten beyond this. */
    static final int MAX_CANDIDATES = 128;
    /** Most peers collected from get_peers answers. */
    static final int MAX_PEERS = 1_000;

    private final NodeId target;
    private final QueryBody body;
    private final Predicate<KrpcResponse> enough;
    private final NodeId self;
    private final Querier querier;
    private final AddressPolicy policy;
    private final int alpha;
    private final int k;
    private final TreeSet<Candidate> candidates;
    private final Set<NodeId> knownIds = new HashSet<>();
    private final Set<InetSocketAddress> knownAddresses = new HashSet<>();
    private final Deque<InetSocketAddress> anonymous = new ArrayDeque<>();
    private final Set<InetSocketAddress> peers = new LinkedHashSet<>();
    private final CompletableFuture<LookupResult> result = new CompletableFuture<>();
    private int inFlight;
    private int anonymousInFlight;
    private EventExecutor loop;
    private int answered;
    private int queried;
    private ScheduledFuture<?> deadline;
    private long stallNanos;
    private int stalled;

    private static final class Candidate {
        final NodeContact contact;
        /** 1 for a node we started from; one more than the node that named it otherwise. */
        final int depth;
        State state = State.NEW;
        ByteString token;

        Candidate(NodeContact contact, int depth) {
            this.contact = contact;
            this.depth = depth;
        }
    }

    IterativeLookup(NodeId target, Kind kind, NodeId self, Querier querier, AddressPolicy policy, int alpha, int k) {
        this(target, kind == Kind.GET_PEERS ? new QueryBody.GetPeers(target) : new QueryBody.FindNode(target), answer -> false,
                self, querier, policy, alpha, k);
    }

    /**
     * A lookup that sends {@code body} to every node it asks (a find_node, get_peers, or BEP 44 get) and
     * ends early once {@code enough} accepts an answer.
     */
    IterativeLookup(NodeId target, QueryBody body, Predicate<KrpcResponse> enough, NodeId self, Querier querier,
            AddressPolicy policy, int alpha, int k) {
        this.target = target;
        this.body = body;
        this.enough = enough;
        this.self = self;
        this.querier = querier;
        this.policy = policy;
        this.alpha = alpha;
        this.k = k;
        this.candidates = new TreeSet<>((a, b) -> target.compareDistance(a.contact.id(), b.contact.id()));
    }

    /**
     * Starts from known nodes and bare addresses; completes on the loop that {@code loop} names. A node that
     * has not answered within {@code stallAfter} stops counting against alpha, so dead nodes after churn do
     * not hold every step for a full request timeout (libtorrent's short timeout); convergence still waits
     * for its answer or its timeout, so a slow node among the closest is not skipped.
     */
    CompletableFuture<LookupResult> start(List<NodeContact> seeds, List<InetSocketAddress> addresses, EventExecutor loop,
            Duration overall, Duration stallAfter) {
        this.stallNanos = stallAfter.toNanos();
        for (NodeContact seed : seeds) {
            offer(seed, 1);
        }
        for (InetSocketAddress address : addresses) {
            if (knownAddresses.add(address)) {
                anonymous.add(address);
            }
        }
        this.loop = loop;
        deadline = loop.schedule(() -> finish(true), overall.toNanos(), TimeUnit.NANOSECONDS);
        step();
        return result;
    }

    private void offer(NodeContact contact, int depth) {
        if (contact.id().equals(self) || !policy.canReach(contact.address()) || knownIds.contains(contact.id())
                || knownAddresses.contains(contact.address())) {
            return;
        }
        knownIds.add(contact.id());
        knownAddresses.add(contact.address());
        candidates.add(new Candidate(contact, depth));
        if (candidates.size() > MAX_CANDIDATES) {
            Candidate farthest = candidates.last();
            if (farthest.state == State.NEW || farthest.state == State.FAILED) {
                candidates.remove(farthest);
            }
        }
    }

    private void step() {
        if (result.isDone()) {
            return;
        }
        while (inFlight < alpha && !anonymous.isEmpty()) {
            send(anonymous.poll(), null, null);
        }
        boolean converged = true;
        int considered = 0;
        for (Candidate candidate : candidates) {
            if (considered >= k) {
                break;
            }
            if (candidate.state == State.FAILED) {
                continue;
            }
            considered++;
            if (candidate.state == State.NEW) {
                converged = false;
                if (inFlight < alpha) {
                    send(candidate.contact.address(), candidate.contact.id(), candidate);
                }
            } else if (candidate.state == State.IN_FLIGHT || candidate.state == State.STALLED) {
                converged = false;
            }
        }
        boolean bootstrapping = !anonymous.isEmpty() || anonymousInFlight > 0;
        if (converged && !bootstrapping || inFlight == 0 && stalled == 0) {
            finish(false);
        }
    }

    private void send(InetSocketAddress address, NodeId id, Candidate candidate) {
        inFlight++;
        queried++;
        if (candidate == null) {
            anonymousInFlight++;
        } else {
            candidate.state = State.IN_FLIGHT;
            loop.schedule(() -> {
                if (candidate.state == State.IN_FLIGHT && !result.isDone()) {
                    candidate.state = State.STALLED;
                    inFlight--;
                    stalled++;
                    step();
                }
            }, stallNanos, TimeUnit.NANOSECONDS);
        }
        // Async even when the future is already done (a refused query), so step() never runs inside itself.
        querier.query(address, id, body).whenCompleteAsync((response, failure) -> {
            if (candidate != null && candidate.state == State.STALLED) {
                stalled--;
            } else {
                inFlight--;
            }
            if (candidate == null) {
                anonymousInFlight--;
            }
            if (failure == null) {
                answered(address, candidate, response);
                if (enough.test(response)) {
                    finish(false);
                }
            } else if (candidate != null) {
                candidate.state = State.FAILED;
            }
            step();
        }, loop);
    }

    private void answered(InetSocketAddress address, Candidate candidate, KrpcResponse response) {
        answered++;
        Candidate answeredBy = candidate;
        if (answeredBy == null) {
            // A bootstrap address: now we know its id.
            NodeContact contact = new NodeContact(response.sender(), address);
            if (!contact.id().equals(self) && !knownIds.contains(contact.id())) {
                knownIds.add(contact.id());
                answeredBy = new Candidate(contact, 1);
                candidates.add(answeredBy);
            }
        }
        if (answeredBy != null) {
            answeredBy.state = State.ANSWERED;
            answeredBy.token = response.token().orElse(null);
        }
        for (InetSocketAddress peer : response.values()) {
            if (peers.size() < MAX_PEERS && policy.accepts(peer)) {
                peers.add(peer);
            }
        }
        int depth = answeredBy == null ? 2 : answeredBy.depth + 1;
        response.nodes().forEach(node -> offer(node, depth));
        response.nodes6().forEach(node -> offer(node, depth));
    }

    private void finish(boolean timedOut) {
        if (result.isDone()) {
            return;
        }
        if (deadline != null) {
            deadline.cancel(false);
        }
        List<LookupResult.Answered> closest = new ArrayList<>();
        int hops = 0;
        for (Candidate candidate : candidates) {
            if (candidate.state == State.ANSWERED) {
                if (closest.isEmpty()) {
                    hops = candidate.depth;
                }
                closest.add(new LookupResult.Answered(candidate.contact, candidate.token));
                if (closest.size() == k) {
                    break;
                }
            }
        }
        result.complete(new LookupResult(target, closest, new ArrayList<>(peers), answered, queried, hops, timedOut));
    }
}
