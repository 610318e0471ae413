package io.swarmplace.tracker.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parameters of a raw query string, with values kept as bytes: info_hash and peer_id are binary and
 * percent-encoded byte by byte, so decoding them as UTF-8 would corrupt them. Each character of the raw
 * query stands for one byte (Netty reads the request line as ISO-8859-1, so bytes a client sent
 * unescaped arrive as they were). {@code +} is kept as a plus sign: RFC 3986 gives it no meaning, and
 * BitTorrent clients escape every byte outside the unreserved set.
 */
final class QueryString {

    private final Map<String, List<byte[]>> parameters;

    private QueryString(Map<String, List<byte[]>> parameters) {
        this.parameters = parameters;
    }

    /**
     * @param rawQuery the part after '?', undecoded (may be empty)
     * @param maxParameters most name=value pairs accepted
     * @throws TrackerRequestException on a malformed escape or too many parameters
     */
    static QueryString parse(String rawQuery, int maxParameters) {
        Map<String, List<byte[]>> parameters = new LinkedHashMap<>();
        int count = 0;
        int start = 0;
        while (start <= rawQuery.length()) {
            int end = rawQuery.indexOf('&', start);
            if (end < 0) {
                end = rawQuery.length();
            }
            if (end > start) {
                if (++count > maxParameters) {
                    throw new TrackerRequestException("too many query parameters; at most " + maxParameters + " are accepted");
                }
                int equals = rawQuery.indexOf('=', start);
                int nameEnd = equals < 0 || equals > end ? end : equals;
                byte[] nameBytes = decode(rawQuery, start, nameEnd);
                String name = new String(nameBytes, StandardCharsets.ISO_8859_1);
                byte[] value = nameEnd == end ? new byte[0] : decode(rawQuery, nameEnd + 1, end);
                parameters.computeIfAbsent(name, unused -> new ArrayList<>(1)).add(value);
            }
            start = end + 1;
        }
        return new QueryString(parameters);
    }

    private static byte[] decode(String raw, int from, int to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                int high = i + 1 < to ? Character.digit(raw.charAt(i + 1), 16) : -1;
                int low = i + 2 < to ? Character.digit(raw.charAt(i + 2), 16) : -1;
                if (high < 0 || low < 0) {
                    throw new TrackerRequestException("malformed percent-encoding at character " + i
                            + " of the query: '%' must be followed by two hexadecimal digits");
                }
                out.write(high << 4 | low);
                i += 2;
            } else if (c > 0xff) {
                throw new TrackerRequestException("the query holds a character outside ISO-8859-1 at character " + i);
            } else {
                out.write(c);
            }
        }
        return out.toByteArray();
    }

    /** The first value of {@code name}, as bytes. */
    Optional<byte[]> bytes(String name) {
        List<byte[]> values = parameters.get(name);
        return values == null ? Optional.empty() : Optional.of(values.get(0).clone());
    }

    /** Every value of {@code name}, in order. */
    List<byte[]> all(String name) {
        List<byte[]> values = parameters.get(name);
        if (values == null) {
            return List.of();
        }
        List<byte[]> copies = new ArrayList<>(values.size());
        values.forEach(value -> copies.add(value.clone()));
        return copies;
    }

    /** The first value of {@code name} as text (one character per byte). */
    Optional<String> text(String name) {
        return bytes(name).map(value -> new String(value, StandardCharsets.ISO_8859_1));
    }
}
