package io.swarmplace.dht.internal.routing;

import io.swarmplace.dht.internal.krpc.NodeContact;
import io.swarmplace.dht.internal.krpc.NodeId;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.LongSupplier;

/**
 * BEP 5 routing table of k-buckets. Bucket {@code i} below the last holds the nodes whose id shares
 * exactly {@code i} leading bits with ours; the last bucket holds every node sharing at least as many,
 * which includes our own id, so it is the only one that splits. A node enters only after answering
 * a query of ours ({@link #responded}); a node that merely queried us is known to the table only if
 * already in it ({@link #queriedUs}). Not thread-safe: the DHT node uses it from its event loop only.
 */
public final class RoutingTable {

    public static final int K = 8;
    public static final Duration QUESTIONABLE_AFTER = Duration.ofMinutes(15);
    public static final Duration REFRESH_AFTER = Duration.ofMinutes(15);
    /** Failed queries in a row after which even a recently active node is bad. */
    public static final int MAX_FAILURES = 2;
    /** Failed queries after which a bad node is dropped even without a replacement. */
    static final int DROP_AFTER_FAILURES = 5;

    private final NodeId self;
    private final LongSupplier clock;
    private final long questionableAfter = QUESTIONABLE_AFTER.toNanos();
    private final List<Bucket> buckets = new ArrayList<>();
    private final Map<InetSocketAddress, RoutingEntry> byAddress = new HashMap<>();

    /** @param clock monotonic nanoseconds (System::nanoTime, or a test's clock) */
    public RoutingTable(NodeId self, LongSupplier clock) {
        this.self = self;
        this.clock = clock;
        buckets.add(new Bucket(clock.getAsLong()));
    }

    public NodeId self() {
        return self;
    }

    /** A node answered one of our queries: renew it, add it, or cache it when its bucket is full. */
    public InsertOutcome responded(NodeContact contact) {
        if (contact.id().equals(self)) {
            return InsertOutcome.of(InsertOutcome.Kind.IGNORED);
        }
        long now = clock.getAsLong();
        RoutingEntry atAddress = byAddress.get(contact.address());
        if (atAddress != null && !atAddress.contact().id().equals(contact.id())) {
            // The node at this address restarted with a new id: the old entry is dead.
            remove(atAddress);
        }
        while (true) {
            int index = bucketIndex(contact.id());
            Bucket bucket = buckets.get(index);
            Optional<RoutingEntry> existing = find(bucket.entries, contact.id());
            if (existing.isPresent()) {
                RoutingEntry entry = existing.get();
                if (!entry.contact().address().equals(contact.address())) {
                    return InsertOutcome.of(InsertOutcome.Kind.IGNORED);
                }
                entry.responded(now);
                bucket.entries.remove(entry);
                bucket.entries.add(entry);
                bucket.lastChanged = now;
                return InsertOutcome.of(InsertOutcome.Kind.UPDATED);
            }
            if (bucket.entries.size() < K) {
                add(bucket, contact, now);
                return InsertOutcome.of(InsertOutcome.Kind.ADDED);
            }
            Optional<RoutingEntry> bad = bucket.entries.stream().filter(e -> status(e, now) == NodeStatus.BAD).findFirst();
            if (bad.isPresent()) {
                remove(bad.get());
                add(bucket, contact, now);
                return InsertOutcome.of(InsertOutcome.Kind.ADDED);
            }
            if (index == buckets.size() - 1 && buckets.size() < NodeId.BITS) {
                split();
                continue;
            }
            cache(bucket, contact, now);
            List<NodeContact> questionable = bucket.entries.stream()
                    .filter(e -> status(e, now) == NodeStatus.QUESTIONABLE)
                    .map(RoutingEntry::contact)
                    .toList();
            return new InsertOutcome(InsertOutcome.Kind.CACHED, questionable);
        }
    }

    /**
     * A node sent us a query. Returns true if it is in the table (and so is good for another 15
     * minutes); false if it is unknown, when the caller may ping it to let it in.
     */
    public boolean queriedUs(NodeContact contact) {
        RoutingEntry entry = byAddress.get(contact.address());
        if (entry == null || !entry.contact().id().equals(contact.id())) {
            return false;
        }
        entry.queriedUs(clock.getAsLong());
        return true;
    }

    /** True if the table holds a node at {@code address}. */
    public boolean knows(InetSocketAddress address) {
        return byAddress.containsKey(address);
    }

    /** True if a node with {@code id} would get a place now (room, a bad node to replace, or a split). */
    public boolean hasRoomFor(NodeId id) {
        if (id.equals(self)) {
            return false;
        }
        int index = bucketIndex(id);
        Bucket bucket = buckets.get(index);
        long now = clock.getAsLong();
        return bucket.entries.size() < K
                || index == buckets.size() - 1 && buckets.size() < NodeId.BITS
                || bucket.entries.stream().anyMatch(e -> status(e, now) == NodeStatus.BAD);
    }

    /**
     * A query to this node failed (timed out). A node that turns bad is replaced by the newest node of its
     * bucket's replacement cache, or dropped after {@value #DROP_AFTER_FAILURES} failures.
     */
    public void failed(NodeContact contact) {
        RoutingEntry entry = byAddress.get(contact.address());
        if (entry == null || !entry.contact().id().equals(contact.id())) {
            return;
        }
        entry.failed();
        long now = clock.getAsLong();
        if (status(entry, now) != NodeStatus.BAD) {
            return;
        }
        Bucket bucket = buckets.get(bucketIndex(contact.id()));
        if (!bucket.replacements.isEmpty()) {
            remove(entry);
            RoutingEntry replacement = bucket.replacements.remove(bucket.replacements.size() - 1);
            bucket.entries.add(replacement);
            byAddress.put(replacement.contact().address(), replacement);
            bucket.lastChanged = now;
        } else if (entry.failures() >= DROP_AFTER_FAILURES) {
            remove(entry);
        }
    }

    /** Whether this node is in the table and what BEP 5 calls it. */
    public Optional<NodeStatus> status(NodeContact contact) {
        RoutingEntry entry = byAddress.get(contact.address());
        if (entry == null || !entry.contact().id().equals(contact.id())) {
            return Optional.empty();
        }
        return Optional.of(status(entry, clock.getAsLong()));
    }

    /** Up to {@code count} good or questionable nodes closest to {@code target}, closest first. */
    public List<NodeContact> closest(NodeId target, int count) {
        long now = clock.getAsLong();
        List<NodeContact> all = new ArrayList<>();
        for (Bucket bucket : buckets) {
            for (RoutingEntry entry : bucket.entries) {
                if (status(entry, now) != NodeStatus.BAD) {
                    all.add(entry.contact());
                }
            }
        }
        Comparator<NodeContact> byDistance = (a, b) -> target.compareDistance(a.id(), b.id());
        all.sort(byDistance);
        return all.size() > count ? new ArrayList<>(all.subList(0, count)) : all;
    }

    /** Every node in the table (not the replacement caches), good ones first: what is saved on stop. */
    public List<NodeContact> contacts() {
        long now = clock.getAsLong();
        List<RoutingEntry> all = new ArrayList<>();
        buckets.forEach(bucket -> all.addAll(bucket.entries));
        all.sort(Comparator.comparing(entry -> status(entry, now)));
        return all.stream().map(RoutingEntry::contact).toList();
    }

    /**
     * Questionable nodes worth a ping now: from each bucket, the one least recently seen. A node that
     * answers is good again; one that does not turns bad.
     */
    public List<NodeContact> questionableToPing() {
        long now = clock.getAsLong();
        List<NodeContact> out = new ArrayList<>();
        for (Bucket bucket : buckets) {
            bucket.entries.stream()
                    .filter(e -> status(e, now) == NodeStatus.QUESTIONABLE)
                    .min((a, b) -> Long.signum(a.lastSeen() - b.lastSeen()))
                    .ifPresent(e -> out.add(e.contact()));
        }
        return out;
    }

    /** Indices of buckets unchanged for {@link #REFRESH_AFTER}: each wants a lookup of a random id in its range. */
    public List<Integer> staleBuckets() {
        long now = clock.getAsLong();
        long limit = REFRESH_AFTER.toNanos();
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < buckets.size(); i++) {
            if (now - buckets.get(i).lastChanged >= limit) {
                out.add(i);
            }
        }
        return out;
    }

    /** Marks a bucket as refreshed now (a lookup in its range was started). */
    public void markRefreshed(int index) {
        buckets.get(index).lastChanged = clock.getAsLong();
    }

    /** A random id that falls into bucket {@code index}. */
    public NodeId randomIdIn(int index, Random random) {
        boolean last = index == buckets.size() - 1;
        return self.randomWithPrefix(index, !last, random);
    }

    /** Which bucket a node with {@code id} belongs to. */
    public int bucketIndex(NodeId id) {
        return Math.min(self.commonPrefixLength(id), buckets.size() - 1);
    }

    public int size() {
        return byAddress.size();
    }

    public int bucketCount() {
        return buckets.size();
    }

    public int replacementCount() {
        return buckets.stream().mapToInt(bucket -> bucket.replacements.size()).sum();
    }

    /** Nodes in bucket {@code index}, least recently seen first. */
    public List<NodeContact> bucketContents(int index) {
        return buckets.get(index).entries.stream().map(RoutingEntry::contact).toList();
    }

    /** Nodes in bucket {@code index}'s replacement cache, oldest first. */
    public List<NodeContact> replacementContents(int index) {
        return buckets.get(index).replacements.stream().map(RoutingEntry::contact).toList();
    }

    private static Optional<RoutingEntry> find(List<RoutingEntry> entries, NodeId id) {
        return entries.stream().filter(entry -> entry.contact().id().equals(id)).findFirst();
    }

    private NodeStatus status(RoutingEntry entry, long now) {
        return entry.status(now, questionableAfter, MAX_FAILURES);
    }

    private void add(Bucket bucket, NodeContact contact, long now) {
        RoutingEntry entry = new RoutingEntry(contact, now);
        bucket.replacements.removeIf(r -> r.contact().id().equals(contact.id()));
        bucket.entries.add(entry);
        bucket.lastChanged = now;
        byAddress.put(contact.address(), entry);
    }

    private void cache(Bucket bucket, NodeContact contact, long now) {
        bucket.replacements.removeIf(r -> r.contact().id().equals(contact.id())
                || r.contact().address().equals(contact.address()));
        bucket.replacements.add(new RoutingEntry(contact, now));
        if (bucket.replacements.size() > K) {
            bucket.replacements.remove(0);
        }
    }

    private void remove(RoutingEntry entry) {
        Bucket bucket = buckets.get(bucketIndex(entry.contact().id()));
        bucket.entries.remove(entry);
        byAddress.remove(entry.contact().address(), entry);
    }

    /** Splits the last bucket: the nodes that share one more bit with us move to a new last bucket. */
    private void split() {
        int last = buckets.size() - 1;
        Bucket old = buckets.get(last);
        Bucket next = new Bucket(old.lastChanged);
        buckets.add(next);
        move(old.entries, next.entries, last);
        move(old.replacements, next.replacements, last);
    }

    private void move(List<RoutingEntry> from, List<RoutingEntry> to, int index) {
        for (Iterator<RoutingEntry> it = from.iterator(); it.hasNext(); ) {
            RoutingEntry entry = it.next();
            if (self.commonPrefixLength(entry.contact().id()) > index) {
                it.remove();
                to.add(entry);
            }
        }
    }
}
