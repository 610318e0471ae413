package io.swarmplace.bencode;

/**
 * Bounds on what a decoder accepts, so hostile input cannot exhaust the stack or the heap. Every bound
 * must be positive.
 *
 * @param maxDepth deepest nesting of lists and dictionaries (the top value counts as depth 1)
 * @param maxItems most values in one document, counting every integer, string, list and dictionary
 * @param maxStringLength longest byte string
 * @param maxInputLength most bytes one document may span
 */
public record DecodeLimits(int maxDepth, int maxItems, int maxStringLength, int maxInputLength) {

    public static final int DEFAULT_MAX_DEPTH = 64;
    public static final int DEFAULT_MAX_ITEMS = 2_000_000;
    public static final int DEFAULT_MAX_STRING_LENGTH = 64 * 1024 * 1024;
    public static final int DEFAULT_MAX_INPUT_LENGTH = 64 * 1024 * 1024;

    public DecodeLimits {
        requirePositive("maxDepth", maxDepth);
        requirePositive("maxItems", maxItems);
        requirePositive("maxStringLength", maxStringLength);
        requirePositive("maxInputLength", maxInputLength);
    }

    /** Depth 64, 2 million items, 64 MiB strings and documents: room for the largest real .torrent files. */
    public static DecodeLimits defaults() {
        return new DecodeLimits(DEFAULT_MAX_DEPTH, DEFAULT_MAX_ITEMS, DEFAULT_MAX_STRING_LENGTH, DEFAULT_MAX_INPUT_LENGTH);
    }

    public DecodeLimits withMaxDepth(int depth) {
        return new DecodeLimits(depth, maxItems, maxStringLength, maxInputLength);
    }

    public DecodeLimits withMaxItems(int items) {
        return new DecodeLimits(maxDepth, items, maxStringLength, maxInputLength);
    }

    public DecodeLimits withMaxStringLength(int length) {
        return new DecodeLimits(maxDepth, maxItems, length, maxInputLength);
    }

    public DecodeLimits withMaxInputLength(int length) {
        return new DecodeLimits(maxDepth, maxItems, maxStringLength, length);
    }

    private static void requirePositive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
