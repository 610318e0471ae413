package io.swarmplace.torrent.internal.wire;

/** The per-peer flags byte of BEP 11 ("added.f"); bits it does not name are kept. */
public record PexFlags(int bits) {

    public static final int PREFERS_ENCRYPTION = 0x01;
    public static final int SEED = 0x02;
    public static final int SUPPORTS_UTP = 0x04;
    public static final int SUPPORTS_HOLEPUNCH = 0x08;
    /** The sender dialled this peer, so the peer is reachable. */
    public static final int OUTGOING = 0x10;

    public static final PexFlags NONE = new PexFlags(0);

    public PexFlags {
        if (bits < 0 || bits > 0xFF) {
            throw new IllegalArgumentException("PEX flags are one byte: " + bits);
        }
    }

    public boolean prefersEncryption() {
        return (bits & PREFERS_ENCRYPTION) != 0;
    }

    public boolean seed() {
        return (bits & SEED) != 0;
    }

    public boolean supportsUtp() {
        return (bits & SUPPORTS_UTP) != 0;
    }

    public boolean supportsHolepunch() {
        return (bits & SUPPORTS_HOLEPUNCH) != 0;
    }

    public boolean outgoing() {
        return (bits & OUTGOING) != 0;
    }
}
