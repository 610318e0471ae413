package io.swarmplace.bencode;

import io.swarmplace.bencode.internal.StrictParser;

/**
 * Decodes canonical bencode only: integers without leading zeros or "-0", string lengths without
 * leading zeros, dictionary keys strictly ascending by raw bytes, nothing after the value unless a
 * prefix is asked for. Non-canonical input would re-encode to other bytes and so to another hash,
 * which is why it is refused rather than repaired. Decoding is iterative and bounded by
 * {@link DecodeLimits}; every failure is a {@link BencodeException}. Instances are immutable and may
 * be shared between threads.
 */
public final class BencodeDecoder {

    private final DecodeLimits limits;

    public BencodeDecoder() {
        this(DecodeLimits.defaults());
    }

    public BencodeDecoder(DecodeLimits limits) {
        this.limits = limits;
    }

    public DecodeLimits limits() {
        return limits;
    }

    /** Decodes {@code input}, which must hold exactly one value. */
    public BValue decode(byte[] input) {
        return decodeWithSpans(input).value();
    }

    /** Decodes {@code input}, which must hold exactly one value, recording the spans of its members. */
    public Decoded decodeWithSpans(byte[] input) {
        if (input.length > limits.maxInputLength()) {
            throw new BencodeException(limits.maxInputLength(),
                    "input of " + input.length + " bytes is longer than the limit of " + limits.maxInputLength() + " bytes");
        }
        Decoded decoded = decodePrefix(input, 0);
        if (decoded.end() != input.length) {
            throw new BencodeException(decoded.end(),
                    "expected end of input after the value, found " + (input.length - decoded.end()) + " more bytes");
        }
        return decoded;
    }

    /**
     * Decodes the one value starting at {@code offset} and stops after it; {@link Decoded#end()} says
     * where the rest of the input begins.
     */
    public Decoded decodePrefix(byte[] input, int offset) {
        if (offset < 0 || offset > input.length) {
            throw new IndexOutOfBoundsException("offset " + offset + " is outside an input of " + input.length + " bytes");
        }
        StrictParser.Result result = new StrictParser(input, offset, limits).parse();
        return new Decoded(result.value(), new ByteSpan(offset, result.end()), result.memberSpans(), input);
    }
}
