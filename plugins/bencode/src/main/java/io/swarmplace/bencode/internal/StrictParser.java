package io.swarmplace.bencode.internal;

import io.swarmplace.bencode.BDictionary;
import io.swarmplace.bencode.BInteger;
import io.swarmplace.bencode.BList;
import io.swarmplace.bencode.BString;
import io.swarmplace.bencode.BValue;
import io.swarmplace.bencode.BencodeException;
import io.swarmplace.bencode.ByteSpan;
import io.swarmplace.bencode.DecodeLimits;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One pass over one bencoded value. Open lists and dictionaries live on an explicit stack, not the
 * call stack, so nesting is bounded by {@link DecodeLimits#maxDepth()} alone. Single use.
 */
public final class StrictParser {

    /** The value, the offset just past it, and the spans of its members if it is a dictionary. */
    public record Result(BValue value, int end, Map<BString, ByteSpan> memberSpans) {}

    private final byte[] in;
    private final int start;
    private final DecodeLimits limits;
    private final Deque<Container> open = new ArrayDeque<>();
    private final Map<BString, ByteSpan> memberSpans = new HashMap<>();
    private int pos;
    private int items;

    public StrictParser(byte[] in, int start, DecodeLimits limits) {
        this.in = in;
        this.start = start;
        this.limits = limits;
        this.pos = start;
    }

    public Result parse() {
        while (true) {
            Container top = open.peek();
            if (pos >= in.length) {
                throw fail(pos, "unexpected end of input, expected " + (top == null ? "a value" : top.expectation()));
            }
            byte b = in[pos];
            if (b == 'e' && top != null) {
                if (top instanceof DictionaryContainer dictionary && dictionary.pendingKey != null) {
                    throw fail(pos, "expected a value for key " + dictionary.pendingKey + ", found 'e'");
                }
                pos++;
                open.pop();
                Result done = complete(top.build());
                if (done != null) {
                    return done;
                }
                continue;
            }
            if (top instanceof DictionaryContainer dictionary && dictionary.pendingKey == null) {
                readKey(dictionary, b);
                continue;
            }
            if (top instanceof DictionaryContainer dictionary) {
                dictionary.valueStart = pos;
            }
            BValue scalar;
            switch (b) {
                case 'i' -> scalar = readInteger();
                case 'l' -> {
                    openContainer(new ListContainer(pos));
                    continue;
                }
                case 'd' -> {
                    openContainer(new DictionaryContainer(pos));
                    continue;
                }
                default -> {
                    if (!isDigit(b)) {
                        throw fail(pos, "expected a value (an integer 'i', a list 'l', a dictionary 'd' or a string length), found "
                                + describe(b));
                    }
                    scalar = readString();
                }
            }
            Result done = complete(scalar);
            if (done != null) {
                return done;
            }
        }
    }

    /** Adds a finished value to its container; returns the result when it was the top value. */
    private Result complete(BValue value) {
        Container parent = open.peek();
        if (parent == null) {
            return new Result(value, pos, memberSpans);
        }
        if (parent instanceof DictionaryContainer dictionary) {
            if (open.size() == 1) {
                memberSpans.put(dictionary.pendingKey, new ByteSpan(dictionary.valueStart, pos));
            }
            dictionary.entries.put(dictionary.pendingKey, value);
            dictionary.pendingKey = null;
        } else {
            ((ListContainer) parent).values.add(value);
        }
        return null;
    }

    private void openContainer(Container container) {
        if (open.size() >= limits.maxDepth()) {
            throw fail(pos, "nesting deeper than the limit of " + limits.maxDepth() + " levels");
        }
        countItem();
        pos++;
        open.push(container);
    }

    private void readKey(DictionaryContainer dictionary, byte b) {
        if (!isDigit(b)) {
            throw fail(pos, "expected a dictionary key (a byte string) or 'e', found " + describe(b));
        }
        int keyStart = pos;
        BString key = readString();
        if (dictionary.lastKey != null) {
            int order = dictionary.lastKey.compareTo(key);
            if (order == 0) {
                throw fail(keyStart, "duplicate dictionary key " + key);
            }
            if (order > 0) {
                throw fail(keyStart, "dictionary keys out of order: " + key + " after " + dictionary.lastKey);
            }
        }
        dictionary.lastKey = key;
        dictionary.pendingKey = key;
    }

    private BInteger readInteger() {
        int integerStart = pos;
        countItem();
        pos++;
        boolean negative = peekIs('-');
        if (negative) {
            pos++;
        }
        if (pos >= in.length || !isDigit(in[pos])) {
            throw fail(pos, "expected a digit in the integer, found " + describeAt(pos));
        }
        if (in[pos] == '0') {
            if (negative) {
                throw fail(integerStart, "negative zero is not canonical");
            }
            if (pos + 1 < in.length && isDigit(in[pos + 1])) {
                throw fail(pos, "integer has a leading zero");
            }
        }
        // Accumulated as a negative number so that Long.MIN_VALUE fits.
        long value = 0;
        while (pos < in.length && isDigit(in[pos])) {
            int digit = in[pos] - '0';
            if (value < (Long.MIN_VALUE + digit) / 10) {
                throw fail(integerStart, "integer does not fit in a signed 64-bit value");
            }
            value = value * 10 - digit;
            pos++;
        }
        if (pos >= in.length || in[pos] != 'e') {
            throw fail(pos, "expected a digit or 'e' to end the integer, found " + describeAt(pos));
        }
        pos++;
        if (!negative) {
            if (value == Long.MIN_VALUE) {
                throw fail(integerStart, "integer does not fit in a signed 64-bit value");
            }
            value = -value;
        }
        checkInputLength();
        return BInteger.of(value);
    }

    private BString readString() {
        int stringStart = pos;
        countItem();
        if (in[pos] == '0' && pos + 1 < in.length && isDigit(in[pos + 1])) {
            throw fail(pos, "string length has a leading zero");
        }
        long length = 0;
        while (pos < in.length && isDigit(in[pos])) {
            length = length * 10 + (in[pos] - '0');
            if (length > limits.maxStringLength()) {
                throw fail(stringStart, "byte string longer than the limit of " + limits.maxStringLength() + " bytes");
            }
            pos++;
        }
        if (pos >= in.length || in[pos] != ':') {
            throw fail(pos, "expected a digit or ':' after the string length, found " + describeAt(pos));
        }
        pos++;
        int remaining = in.length - pos;
        if (length > remaining) {
            throw fail(stringStart, "byte string of " + length + " bytes runs past the end of the input (" + remaining + " bytes left)");
        }
        int end = pos + (int) length;
        BString string = BString.of(Arrays.copyOfRange(in, pos, end));
        pos = end;
        checkInputLength();
        return string;
    }

    private void countItem() {
        if (++items > limits.maxItems()) {
            throw fail(pos, "more than the limit of " + limits.maxItems() + " values");
        }
    }

    private void checkInputLength() {
        if (pos - start > limits.maxInputLength()) {
            throw fail(pos, "value longer than the limit of " + limits.maxInputLength() + " bytes");
        }
    }

    private boolean peekIs(char c) {
        return pos < in.length && in[pos] == c;
    }

    private String describeAt(int offset) {
        return offset >= in.length ? "the end of the input" : describe(in[offset]);
    }

    private static String describe(byte b) {
        return b >= 0x20 && b <= 0x7e ? "'" + (char) b + "'" : String.format("byte 0x%02x", b & 0xff);
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static BencodeException fail(int offset, String problem) {
        return new BencodeException(offset, problem);
    }

    private sealed interface Container permits ListContainer, DictionaryContainer {
        BValue build();

        String expectation();
    }

    private static final class ListContainer implements Container {
        final List<BValue> values = new ArrayList<>();
        final int start;

        ListContainer(int start) {
            this.start = start;
        }

        @Override
        public BValue build() {
            return new BList(values);
        }

        @Override
        public String expectation() {
            return "a list element or 'e' (list opened at byte " + start + ")";
        }
    }

    private static final class DictionaryContainer implements Container {
        final TreeMap<BString, BValue> entries = new TreeMap<>();
        final int start;
        BString lastKey;
        BString pendingKey;
        int valueStart;

        DictionaryContainer(int start) {
            this.start = start;
        }

        @Override
        public BValue build() {
            return new BDictionary(entries);
        }

        @Override
        public String expectation() {
            return (pendingKey == null ? "a key or 'e'" : "a value for key " + pendingKey)
                    + " (dictionary opened at byte " + start + ")";
        }
    }
}
