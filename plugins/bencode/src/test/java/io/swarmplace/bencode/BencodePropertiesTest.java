package io.swarmplace.bencode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Generated cases with a fixed seed (so a failure reproduces): round trips, and that any byte soup,
 * mutation or truncation either decodes to canonical bytes or fails with a BencodeException at an
 * offset inside the input — never another exception, never a hang.
 */
class BencodePropertiesTest {

    private static final String[] TOKENS = {"i", "e", "l", "d", "-", "0", "1", "9", ":", "1:a", "1:b", "i0e", "i-1e", "2:", "x"};

    private final BencodeDecoder decoder = new BencodeDecoder();
    private final Random random = new Random(20261128L);

    @Test
    void encodedValuesDecodeBackAndReencodeToTheSameBytes() {
        for (int i = 0; i < 2_000; i++) {
            BValue value = randomValue(3);
            byte[] canonical = value.encode();
            assertThat(decoder.decode(canonical)).isEqualTo(value);
            assertThat(decoder.decode(canonical).encode()).isEqualTo(canonical);
        }
    }

    @Test
    void aPrefixDecodeEndsExactlyAfterTheValue() {
        for (int i = 0; i < 1_000; i++) {
            BValue value = randomValue(3);
            byte[] encoded = value.encode();
            byte[] trailer = randomBytes(8);
            byte[] message = Arrays.copyOf(encoded, encoded.length + trailer.length);
            System.arraycopy(trailer, 0, message, encoded.length, trailer.length);
            Decoded decoded = decoder.decodePrefix(message, 0);
            assertThat(decoded.value()).isEqualTo(value);
            assertThat(decoded.end()).isEqualTo(encoded.length);
        }
    }

    @Test
    void arbitraryBytesTokenSoupAndMutationsDecodeOrFailCleanly() {
        for (int i = 0; i < 3_000; i++) {
            assertDecodesOrRejectsCleanly(randomBytes(64));
            assertDecodesOrRejectsCleanly(tokenSoup());
            byte[] encoded = randomValue(3).encode();
            encoded[random.nextInt(encoded.length)] = (byte) random.nextInt(256);
            assertDecodesOrRejectsCleanly(encoded);
        }
    }

    @Test
    void everyTruncationOfAnEncodingIsRejected() {
        for (int i = 0; i < 500; i++) {
            byte[] encoded = randomValue(3).encode();
            byte[] truncated = Arrays.copyOf(encoded, random.nextInt(encoded.length));
            assertThatThrownBy(() -> decoder.decode(truncated)).isInstanceOf(BencodeException.class);
        }
    }

    @Test
    void nestingBeyondTheLimitIsRejectedQuickly() {
        for (int depth : new int[] {65, 1_000, 200_000}) {
            for (boolean dictionaries : new boolean[] {false, true}) {
                byte[] input = nested(depth, dictionaries);
                long started = System.nanoTime();
                assertThatThrownBy(() -> decoder.decode(input))
                        .isInstanceOf(BencodeException.class)
                        .hasMessageContaining("nesting deeper than the limit of 64 levels");
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(500));
            }
        }
    }

    private static byte[] nested(int depth, boolean dictionaries) {
        if (!dictionaries) {
            byte[] lists = new byte[depth];
            Arrays.fill(lists, (byte) 'l');
            return lists;
        }
        return ("d" + "1:kd".repeat(depth - 1)).getBytes(StandardCharsets.ISO_8859_1);
    }

    private void assertDecodesOrRejectsCleanly(byte[] input) {
        try {
            BValue value = decoder.decode(input);
            assertThat(value.encode()).as("whatever is accepted is canonical").isEqualTo(input);
        } catch (BencodeException expected) {
            assertThat(expected.offset()).isBetween(0, input.length);
        }
    }

    private BValue randomValue(int depth) {
        int kind = random.nextInt(depth > 0 ? 5 : 3);
        return switch (kind) {
            case 0 -> BInteger.of(random.nextBoolean() ? random.nextLong() : random.nextInt(100) - 50);
            case 1 -> BString.of(randomBytes(12));
            case 2 -> BString.of(randomAlpha(4));
            case 3 -> {
                List<BValue> items = new ArrayList<>();
                for (int i = random.nextInt(5); i > 0; i--) {
                    items.add(randomValue(depth - 1));
                }
                yield new BList(items);
            }
            default -> {
                Map<BString, BValue> entries = new LinkedHashMap<>();
                for (int i = random.nextInt(5); i > 0; i--) {
                    entries.put(BString.of(randomAlpha(3)), randomValue(depth - 1));
                }
                yield new BDictionary(entries);
            }
        };
    }

    private byte[] tokenSoup() {
        StringBuilder soup = new StringBuilder();
        for (int i = random.nextInt(31); i > 0; i--) {
            soup.append(TOKENS[random.nextInt(TOKENS.length)]);
        }
        return soup.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private byte[] randomBytes(int maxLength) {
        byte[] bytes = new byte[random.nextInt(maxLength + 1)];
        random.nextBytes(bytes);
        return bytes;
    }

    private String randomAlpha(int maxLength) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(maxLength + 1); i > 0; i--) {
            text.append((char) ('a' + random.nextInt(26)));
        }
        return text.toString();
    }
}
