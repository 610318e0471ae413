package io.swarmplace.bencode;

/** A range {@code [start, end)} of input bytes. */
public record ByteSpan(int start, int end) {

    public ByteSpan {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("not a byte range: [" + start + ", " + end + ")");
        }
    }

    public int length() {
        return end - start;
    }
}
