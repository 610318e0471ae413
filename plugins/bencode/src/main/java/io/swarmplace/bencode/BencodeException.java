package io.swarmplace.bencode;

/**
 * Input that is not canonical bencode, or that exceeds the {@link DecodeLimits}. The message names the
 * byte offset and what was expected there.
 */
public final class BencodeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int offset;

    public BencodeException(int offset, String problem) {
        super("at byte " + offset + ": " + problem);
        this.offset = offset;
    }

    /** Offset into the input where the problem was found. */
    public int offset() {
        return offset;
    }
}
