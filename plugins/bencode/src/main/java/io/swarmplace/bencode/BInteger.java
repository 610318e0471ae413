package io.swarmplace.bencode;

/** A bencoded integer; bencode allows any size, this model holds a signed 64-bit value. */
public record BInteger(long value) implements BValue {

    public static BInteger of(long value) {
        return new BInteger(value);
    }

    @Override
    public String typeName() {
        return "integer";
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
