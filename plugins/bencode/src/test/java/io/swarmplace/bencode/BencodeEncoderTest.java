package io.swarmplace.bencode;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class BencodeEncoderTest {

    private static String encode(BValue value) {
        return new String(value.encode(), ISO_8859_1);
    }

    @Test
    void encodesEachKindOfValue() {
        assertThat(encode(BInteger.of(-3))).isEqualTo("i-3e");
        assertThat(encode(BInteger.of(0))).isEqualTo("i0e");
        assertThat(encode(BInteger.of(Long.MIN_VALUE))).isEqualTo("i-9223372036854775808e");
        assertThat(encode(BString.of("spam"))).isEqualTo("4:spam");
        assertThat(encode(BString.of(new byte[0]))).isEqualTo("0:");
        assertThat(encode(BList.of(BInteger.of(1), BString.of("a")))).isEqualTo("li1e1:ae");
    }

    @Test
    void writesDictionaryKeysInRawByteOrderWhateverTheCallersMapOrder() {
        TreeMap<BString, BValue> reversed = new TreeMap<>(Comparator.reverseOrder());
        reversed.put(BString.of("a"), BInteger.of(1));
        reversed.put(BString.of("b"), BInteger.of(2));
        reversed.put(BString.of(new byte[] {(byte) 0xff}), BInteger.of(3));
        assertThat(encode(new BDictionary(reversed))).isEqualTo("d1:ai1e1:bi2e1:\u00ffi3ee");
    }

    @Test
    void encodesValuesNestedFarDeeperThanAnyDecoderAllowsWithoutStackOverflow() {
        BValue value = BInteger.of(1);
        for (int i = 0; i < 100_000; i++) {
            value = BList.of(value);
        }
        assertThat(value.encode()).hasSize(200_003);
    }
}
