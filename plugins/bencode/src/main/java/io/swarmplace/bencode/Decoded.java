package io.swarmplace.bencode;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * A decoded value with where it was found: its span in the input and, when it is a dictionary, the
 * span of each member's value. The spans matter because some hashes are defined over bytes as received
 * (the info-hash is SHA-1 over the {@code info} value exactly as encoded in the .torrent file), and
 * because KRPC and extension messages carry raw data after the bencoded part.
 *
 * <p>Keeps a reference to the input array rather than a copy; decoding never writes to it.
 */
public final class Decoded {

    private final BValue value;
    private final ByteSpan span;
    private final Map<BString, ByteSpan> memberSpans;
    private final byte[] input;

    Decoded(BValue value, ByteSpan span, Map<BString, ByteSpan> memberSpans, byte[] input) {
        this.value = value;
        this.span = span;
        this.memberSpans = Map.copyOf(memberSpans);
        this.input = input;
    }

    public BValue value() {
        return value;
    }

    /** Where the value was in the input. */
    public ByteSpan span() {
        return span;
    }

    /** Offset of the first byte after the value: where trailing data (such as a metadata piece) starts. */
    public int end() {
        return span.end();
    }

    /** Where the value of the top-level dictionary's member {@code key} was; empty if absent or not a dictionary. */
    public Optional<ByteSpan> memberSpan(String key) {
        return Optional.ofNullable(memberSpans.get(BString.of(key)));
    }

    /** The exact input bytes of the top-level dictionary's member {@code key} (a copy). */
    public Optional<byte[]> rawMember(String key) {
        return memberSpan(key).map(s -> Arrays.copyOfRange(input, s.start(), s.end()));
    }
}
