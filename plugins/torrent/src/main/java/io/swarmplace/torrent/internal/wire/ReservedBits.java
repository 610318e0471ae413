package io.swarmplace.torrent.internal.wire;

/**
 * The 8 reserved handshake bytes as one big-endian long: bit 0 is the lowest bit of reserved[7].
 * Unknown bits are kept so they can be shown, but never acted on.
 */
public record ReservedBits(long bits) {

    /** BEP 10: reserved[5] |= 0x10. */
    static final long EXTENSION_PROTOCOL = 0x10L << 16;
    /** BEP 6: reserved[7] |= 0x04. */
    static final long FAST_EXTENSION = 0x04L;
    /** BEP 5: reserved[7] |= 0x01. */
    static final long DHT = 0x01L;

    public static final ReservedBits NONE = new ReservedBits(0);

    /** What this engine announces: the extension protocol and the fast extension, plus DHT when it runs a node. */
    public static ReservedBits ours(boolean dht) {
        return NONE.withExtensionProtocol(true).withFastExtension(true).withDht(dht);
    }

    public static ReservedBits fromBytes(byte[] reserved, int offset) {
        long bits = 0;
        for (int i = 0; i < 8; i++) {
            bits = (bits << 8) | (reserved[offset + i] & 0xFF);
        }
        return new ReservedBits(bits);
    }

    public void writeTo(byte[] target, int offset) {
        for (int i = 0; i < 8; i++) {
            target[offset + i] = (byte) (bits >>> (8 * (7 - i)));
        }
    }

    public boolean extensionProtocol() {
        return (bits & EXTENSION_PROTOCOL) != 0;
    }

    public boolean fastExtension() {
        return (bits & FAST_EXTENSION) != 0;
    }

    public boolean dht() {
        return (bits & DHT) != 0;
    }

    public ReservedBits withExtensionProtocol(boolean on) {
        return with(EXTENSION_PROTOCOL, on);
    }

    public ReservedBits withFastExtension(boolean on) {
        return with(FAST_EXTENSION, on);
    }

    public ReservedBits withDht(boolean on) {
        return with(DHT, on);
    }

    private ReservedBits with(long mask, boolean on) {
        return new ReservedBits(on ? bits | mask : bits & ~mask);
    }

    @Override
    public String toString() {
        return String.format("%016x", bits);
    }
}
