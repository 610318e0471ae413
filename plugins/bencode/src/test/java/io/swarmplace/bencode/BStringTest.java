package io.swarmplace.bencode;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BStringTest {

    @Test
    void isImmutable() {
        byte[] bytes = {1, 2, 3};
        BString string = BString.of(bytes);
        bytes[0] = 9;
        string.bytes()[1] = 9;
        assertThat(string.bytes()).containsExactly(1, 2, 3);
    }

    @Test
    void comparesByContent() {
        assertThat(BString.of("abc")).isEqualTo(BString.of(new byte[] {'a', 'b', 'c'}));
        assertThat(BString.of("abc")).hasSameHashCodeAs(BString.of("abc"));
    }

    @Test
    void ordersByUnsignedBytes() {
        assertThat(BString.of(new byte[] {(byte) 0x80})).isGreaterThan(BString.of(new byte[] {0x7f}));
        assertThat(BString.of("ab")).isGreaterThan(BString.of("a"));
    }

    @Test
    void showsTextQuotedAndBinaryAsHexCutShort() {
        assertThat(BString.of("name")).hasToString("'name'");
        assertThat(BString.of(new byte[] {0, (byte) 0xab})).hasToString("0x00ab");
        assertThat(BString.of(new byte[100]).toString()).endsWith("... (100 bytes)").hasSize(2 + 96 + 15);
    }

    @Test
    void offersStrictAndLenientUtf8() {
        BString valid = BString.of("h\u00e9");
        BString invalid = BString.of(new byte[] {'a', (byte) 0xff});
        assertThat(valid.strictUtf8()).contains("h\u00e9");
        assertThat(invalid.strictUtf8()).isEmpty();
        assertThat(invalid.utf8()).isEqualTo("a\ufffd");
        assertThat(invalid.hex()).isEqualTo("61ff");
    }
}
