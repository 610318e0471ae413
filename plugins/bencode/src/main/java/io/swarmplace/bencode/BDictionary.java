package io.swarmplace.bencode;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A bencoded dictionary. Keys are byte strings kept in ascending raw-byte order, which is the order
 * they are encoded in.
 */
public record BDictionary(SortedMap<BString, BValue> entries) implements BValue {

    public BDictionary {
        // A caller's map may use another comparator; the encoding order must be raw-byte order.
        entries = Collections.unmodifiableSortedMap(new TreeMap<>(Map.copyOf(entries)));
    }

    public BDictionary(Map<BString, BValue> entries) {
        this(new TreeMap<>(entries));
    }

    public static Builder builder() {
        return new Builder();
    }

    public Optional<BValue> get(String key) {
        return get(BString.of(key));
    }

    public Optional<BValue> get(BString key) {
        return Optional.ofNullable(entries.get(key));
    }

    public boolean containsKey(String key) {
        return entries.containsKey(BString.of(key));
    }

    public int size() {
        return entries.size();
    }

    @Override
    public String typeName() {
        return "dictionary";
    }

    @Override
    public String toString() {
        return entries.toString();
    }

    /** Collects entries; a key put twice keeps the last value. */
    public static final class Builder {
        private final TreeMap<BString, BValue> entries = new TreeMap<>();

        private Builder() {}

        public Builder put(String key, BValue value) {
            return put(BString.of(key), value);
        }

        public Builder put(BString key, BValue value) {
            entries.put(key, value);
            return this;
        }

        public Builder put(String key, long value) {
            return put(key, BInteger.of(value));
        }

        public Builder put(String key, String value) {
            return put(key, BString.of(value));
        }

        public Builder put(String key, byte[] value) {
            return put(key, BString.of(value));
        }

        public BDictionary build() {
            return new BDictionary(entries);
        }
    }
}
