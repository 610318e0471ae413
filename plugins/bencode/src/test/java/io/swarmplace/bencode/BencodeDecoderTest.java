package io.swarmplace.bencode;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BencodeDecoderTest {

    private final BencodeDecoder decoder = new BencodeDecoder();

    private BValue decode(String text) {
        return decoder.decode(text.getBytes(ISO_8859_1));
    }

    private void assertRejected(String text, int offset, String problem) {
        assertThatThrownBy(() -> decode(text))
                .isInstanceOf(BencodeException.class)
                .hasMessage("at byte " + offset + ": " + problem)
                .satisfies(e -> assertThat(((BencodeException) e).offset()).isEqualTo(offset));
    }

    @Test
    void decodesEachKindOfValue() {
        assertThat(decode("i42e")).isEqualTo(BInteger.of(42));
        assertThat(decode("i-42e")).isEqualTo(BInteger.of(-42));
        assertThat(decode("i0e")).isEqualTo(BInteger.of(0));
        assertThat(decode("4:spam")).isEqualTo(BString.of("spam"));
        assertThat(decode("0:")).isEqualTo(BString.of(""));
        assertThat(decode("l4:spami7ee")).isEqualTo(BList.of(BString.of("spam"), BInteger.of(7)));
        assertThat(decode("le")).isEqualTo(BList.of());
        assertThat(decode("d3:cow3:moo4:spaml1:a1:bee")).isEqualTo(BDictionary.builder()
                .put("cow", "moo")
                .put("spam", BList.of(BString.of("a"), BString.of("b")))
                .build());
        assertThat(decode("de")).isEqualTo(BDictionary.builder().build());
    }

    @Test
    void integersSpanTheWholeSigned64BitRange() {
        assertThat(decode("i9223372036854775807e")).isEqualTo(BInteger.of(Long.MAX_VALUE));
        assertThat(decode("i-9223372036854775808e")).isEqualTo(BInteger.of(Long.MIN_VALUE));
    }

    @Test
    void rejectsIntegersOutsideSigned64Bits() {
        assertRejected("i9223372036854775808e", 0, "integer does not fit in a signed 64-bit value");
        assertRejected("i-9223372036854775809e", 0, "integer does not fit in a signed 64-bit value");
        assertRejected("i99999999999999999999999999e", 0, "integer does not fit in a signed 64-bit value");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "i03e   | 1 | integer has a leading zero",
        "i00e   | 1 | integer has a leading zero",
        "i-0e   | 0 | negative zero is not canonical",
        "i-01e  | 0 | negative zero is not canonical",
        "ie     | 1 | expected a digit in the integer, found 'e'",
        "i-e    | 2 | expected a digit in the integer, found 'e'",
        "i+1e   | 1 | expected a digit in the integer, found '+'",
        "i1.5e  | 2 | expected a digit or 'e' to end the integer, found '.'",
        "i12    | 3 | expected a digit or 'e' to end the integer, found the end of the input",
        "i 1e   | 1 | expected a digit in the integer, found ' '",
    })
    void rejectsNonCanonicalIntegers(String input, int offset, String problem) {
        assertRejected(input.strip(), offset, problem);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "04:spam | 0 | string length has a leading zero",
        "00:     | 0 | string length has a leading zero",
        "5:spam  | 0 | byte string of 5 bytes runs past the end of the input (4 bytes left)",
        "4spam   | 1 | expected a digit or ':' after the string length, found 's'",
        "-1:a    | 0 | expected a value (an integer 'i', a list 'l', a dictionary 'd' or a string length), found '-'",
    })
    void rejectsMalformedStrings(String input, int offset, String problem) {
        assertRejected(input.strip(), offset, problem);
    }

    @Test
    void rejectsDictionaryKeysOutOfOrder() {
        assertRejected("d1:ci1e1:bi2ee", 7, "dictionary keys out of order: 'b' after 'c'");
    }

    @Test
    void ordersKeysByUnsignedRawBytesNotByText() {
        // 0xc3 (the first byte of 'é' in UTF-8) sorts after every ASCII byte.
        byte[] ordered = "d1:zi1e2:\u00c3\u00a9i2ee".getBytes(ISO_8859_1);
        assertThat(decoder.decode(ordered)).isInstanceOf(BDictionary.class);
        assertRejected("d2:\u00c3\u00a9i2e1:zi1ee", 8, "dictionary keys out of order: 'z' after 0xc3a9");
    }

    @Test
    void rejectsDuplicateKeys() {
        assertRejected("d1:ai1e1:ai2ee", 7, "duplicate dictionary key 'a'");
    }

    @Test
    void rejectsNonStringKeys() {
        assertRejected("di1ei2ee", 1, "expected a dictionary key (a byte string) or 'e', found 'i'");
    }

    @Test
    void rejectsKeyWithoutValue() {
        assertRejected("d1:ae", 4, "expected a value for key 'a', found 'e'");
    }

    @Test
    void rejectsUnterminatedContainersNamingWhereTheyOpened() {
        assertRejected("l1:a", 4, "unexpected end of input, expected a list element or 'e' (list opened at byte 0)");
        assertRejected("d1:a", 4, "unexpected end of input, expected a value for key 'a' (dictionary opened at byte 0)");
        assertRejected("", 0, "unexpected end of input, expected a value");
    }

    @Test
    void rejectsStrayEnd() {
        assertRejected("e", 0, "expected a value (an integer 'i', a list 'l', a dictionary 'd' or a string length), found 'e'");
    }

    @Test
    void rejectsTrailingBytes() {
        assertRejected("i1ei2e", 3, "expected end of input after the value, found 3 more bytes");
    }

    @Test
    void decodesAPrefixAndReportsWhereTheRestBegins() {
        // A ut_metadata data message: a bencoded header, then the raw piece.
        byte[] message = "d8:msg_typei1e5:piecei0eeRAW-PIECE".getBytes(ISO_8859_1);
        Decoded decoded = decoder.decodePrefix(message, 0);
        assertThat(decoded.end()).isEqualTo(25);
        assertThat(new String(message, decoded.end(), message.length - decoded.end(), ISO_8859_1)).isEqualTo("RAW-PIECE");
        assertThat(decoder.decodePrefix("xxi7e".getBytes(ISO_8859_1), 2).value()).isEqualTo(BInteger.of(7));
    }

    @Test
    void recordsTheExactBytesOfEachTopLevelMember() {
        byte[] torrent = "d8:announce3:url4:infod6:lengthi1e4:name1:aee".getBytes(ISO_8859_1);
        Decoded decoded = decoder.decodeWithSpans(torrent);
        assertThat(decoded.memberSpan("info")).contains(new ByteSpan(22, 44));
        assertThat(decoded.rawMember("info")).hasValueSatisfying(
                raw -> assertThat(new String(raw, ISO_8859_1)).isEqualTo("d6:lengthi1e4:name1:ae"));
        assertThat(decoded.rawMember("announce").map(raw -> new String(raw, ISO_8859_1))).contains("3:url");
        assertThat(decoded.rawMember("missing")).isEmpty();
        assertThat(decoder.decodeWithSpans("li1ee".getBytes(ISO_8859_1)).memberSpan("info")).isEmpty();
    }

    @Test
    void nestedMembersDoNotShadowTopLevelSpans() {
        Decoded decoded = decoder.decodeWithSpans("d1:ad4:infoi1ee4:infoi2ee".getBytes(ISO_8859_1));
        assertThat(decoded.rawMember("info").map(raw -> new String(raw, ISO_8859_1))).contains("i2e");
    }

    @Test
    void rejectsNestingBeyondTheDepthLimit() {
        BencodeDecoder shallow = new BencodeDecoder(DecodeLimits.defaults().withMaxDepth(3));
        assertThat(shallow.decode("llleee".getBytes(ISO_8859_1))).isNotNull();
        assertThatThrownBy(() -> shallow.decode("lllleeee".getBytes(ISO_8859_1)))
                .isInstanceOf(BencodeException.class)
                .hasMessage("at byte 3: nesting deeper than the limit of 3 levels");
    }

    @Test
    void rejectsAMillionOpenListsQuicklyAndWithoutStackOverflow() {
        byte[] deep = new byte[1_000_000];
        Arrays.fill(deep, (byte) 'l');
        long started = System.nanoTime();
        assertThatThrownBy(() -> decoder.decode(deep))
                .isInstanceOf(BencodeException.class)
                .hasMessage("at byte 64: nesting deeper than the limit of 64 levels");
        assertThat(System.nanoTime() - started).isLessThan(1_000_000_000L);
    }

    @Test
    void enforcesItemStringAndInputLimits() {
        DecodeLimits limits = DecodeLimits.defaults();
        assertThatThrownBy(() -> new BencodeDecoder(limits.withMaxItems(3)).decode("li1ei2ei3ee".getBytes(ISO_8859_1)))
                .hasMessage("at byte 7: more than the limit of 3 values");
        assertThatThrownBy(() -> new BencodeDecoder(limits.withMaxStringLength(3)).decode("4:spam".getBytes(ISO_8859_1)))
                .hasMessage("at byte 0: byte string longer than the limit of 3 bytes");
        assertThatThrownBy(() -> new BencodeDecoder(limits.withMaxInputLength(5)).decode("4:spam".getBytes(ISO_8859_1)))
                .hasMessage("at byte 5: input of 6 bytes is longer than the limit of 5 bytes");
        assertThatThrownBy(() -> new BencodeDecoder(limits.withMaxInputLength(5)).decodePrefix("l4:spame".getBytes(ISO_8859_1), 0))
                .hasMessage("at byte 7: value longer than the limit of 5 bytes");
    }

    @Test
    void aHugeDeclaredStringLengthFailsBeforeAllocating() {
        assertThatThrownBy(() -> decode("99999999999999999999:x"))
                .hasMessage("at byte 0: byte string longer than the limit of 67108864 bytes");
        assertThatThrownBy(() -> decode("60000000:x"))
                .hasMessage("at byte 0: byte string of 60000000 bytes runs past the end of the input (1 bytes left)");
    }

    @Test
    void limitsMustBePositive() {
        assertThatThrownBy(() -> new DecodeLimits(0, 1, 1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxDepth must be positive, was 0");
    }
}
