package io.swarmplace.dht.internal.item;

import io.swarmplace.dht.DropReason;
import io.swarmplace.dht.ImmutableItem;
import io.swarmplace.dht.MutableItem;
import io.swarmplace.dht.internal.krpc.ItemPayload;
import io.swarmplace.dht.internal.krpc.NodeId;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * BEP 44 items other nodes put here, each forgotten {@code ttl} after its last put. Bounded: at most
 * {@code maxItems} targets; puts for new targets beyond that are refused (error 202) rather than evicting
 * stored items, so a flood of puts cannot push out what others stored. Checks every put as BEP 44 asks
 * (sizes, signature, seq, cas) before it changes anything. Not thread-safe (one event loop).
 */
public final class ItemStore {

    /** BEP 44 error codes. */
    public static final int VALUE_TOO_BIG = 205;
    public static final int INVALID_SIGNATURE = 206;
    public static final int SALT_TOO_BIG = 207;
    public static final int CAS_MISMATCH = 301;
    public static final int SEQ_TOO_LOW = 302;
    public static final int STORE_FULL = 202;

    private final int maxItems;
    private final long ttl;
    private final LongSupplier clock;
    private final Map<NodeId, Stored> items = new HashMap<>();

    private record Stored(ItemPayload item, long storedAt) {}

    /**
     * Why a put was refused.
     *
     * @param dropReason what the refusal counts as; empty for a refusal that is no fault of the sender
     */
    public record Refusal(int code, String message, Optional<DropReason> dropReason) {}

    public ItemStore(int maxItems, Duration ttl, LongSupplier clock) {
        this.maxItems = maxItems;
        this.ttl = ttl.toNanos();
        this.clock = clock;
    }

    /** Stores {@code item} if every BEP 44 rule holds; otherwise says why not and changes nothing. */
    public Optional<Refusal> put(ItemPayload item, byte[] salt, OptionalLong expectedSeq) {
        byte[] value = item.value();
        if (value.length > ImmutableItem.MAX_VALUE) {
            return refuse(VALUE_TOO_BIG, "Message (v field) too big: " + value.length + " bytes, at most "
                    + ImmutableItem.MAX_VALUE, DropReason.OVERSIZED_ITEM);
        }
        if (salt.length > MutableItem.MAX_SALT) {
            return refuse(SALT_TOO_BIG, "salt (salt field) too big: " + salt.length + " bytes, at most " + MutableItem.MAX_SALT,
                    DropReason.OVERSIZED_ITEM);
        }
        NodeId target;
        if (item.signed().isPresent()) {
            ItemPayload.Signed signed = item.signed().get();
            if (!ItemRules.signatureValid(signed, salt, value)) {
                return refuse(INVALID_SIGNATURE, "invalid signature", DropReason.INVALID_SIGNATURE);
            }
            target = ItemRules.mutableTarget(signed.publicKey(), salt);
            Stored current = live(target);
            if (current != null) {
                long currentSeq = current.item.signed().orElseThrow().seq();
                if (expectedSeq.isPresent() && expectedSeq.getAsLong() != currentSeq) {
                    return refuse(CAS_MISMATCH, "CAS mismatch: stored seq is " + currentSeq, DropReason.CAS_MISMATCH);
                }
                if (signed.seq() < currentSeq
                        || signed.seq() == currentSeq && !Arrays.equals(value, current.item.value())) {
                    return refuse(SEQ_TOO_LOW, "sequence number less than current (" + currentSeq + ")",
                            DropReason.OLD_SEQUENCE);
                }
            }
        } else {
            target = ItemRules.immutableTarget(value);
        }
        if (!items.containsKey(target) && items.size() >= maxItems) {
            expire();
            if (items.size() >= maxItems) {
                return refuse(STORE_FULL, "Server Error: item store full", DropReason.STORE_FULL);
            }
        }
        items.put(target, new Stored(item, clock.getAsLong()));
        return Optional.empty();
    }

    /**
     * The item stored under {@code target}; a mutable one only if its seq is above {@code newerThan}, so a
     * reader that has the newest already is not sent it again.
     */
    public Optional<ItemPayload> get(NodeId target, OptionalLong newerThan) {
        Stored stored = live(target);
        if (stored == null) {
            return Optional.empty();
        }
        Optional<ItemPayload.Signed> signed = stored.item.signed();
        if (signed.isPresent() && newerThan.isPresent() && signed.get().seq() <= newerThan.getAsLong()) {
            return Optional.empty();
        }
        return Optional.of(stored.item);
    }

    private Stored live(NodeId target) {
        Stored stored = items.get(target);
        if (stored != null && clock.getAsLong() - stored.storedAt >= ttl) {
            items.remove(target);
            return null;
        }
        return stored;
    }

    /** Forgets items not put again within the time to live. */
    public void expire() {
        long now = clock.getAsLong();
        items.values().removeIf(stored -> now - stored.storedAt >= ttl);
    }

    public int size() {
        return items.size();
    }

    /** Items stored now without a signature (BEP 44 immutable). */
    public int immutableCount() {
        return (int) items.values().stream().filter(stored -> stored.item.signed().isEmpty()).count();
    }

    /** Items stored now with a signature (BEP 44 mutable). */
    public int mutableCount() {
        return items.size() - immutableCount();
    }

    private static Optional<Refusal> refuse(int code, String message, DropReason reason) {
        return Optional.of(new Refusal(code, message, Optional.of(reason)));
    }
}
