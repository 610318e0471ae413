package io.swarmplace.tracker.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class QueryStringTest {

    @Test
    void everyByteValuePercentEncodedInEitherCaseDecodesToItself() {
        for (int value = 0; value < 256; value++) {
            String hex = String.format("%02x", value);
            for (String escape : new String[] {"%" + hex, "%" + hex.toUpperCase()}) {
                QueryString query = QueryString.parse("info_hash=" + escape + "&x=1", 10);

                assertThat(query.bytes("info_hash").orElseThrow()).as("escape %s", escape).containsExactly((byte) value);
            }
        }
    }

    @Test
    void everyByteValueSentRawArrivesAsOneCharacterAndDecodesToItself() {
        for (int value = 0; value < 256; value++) {
            if (value == '&' || value == '%' || value == '=') {
                continue; // the three characters that structure a query can only be sent escaped
            }
            String raw = "a" + (char) value + "z";

            QueryString query = QueryString.parse("info_hash=" + raw, 10);

            assertThat(query.bytes("info_hash").orElseThrow()).as("raw byte %d", value)
                    .containsExactly('a', (byte) value, 'z');
        }
    }

    @Test
    void aTwentyByteHashOfAllByteValuesMixedRawAndEscapedRoundTrips() {
        Random random = new Random(20);
        for (int round = 0; round < 200; round++) {
            byte[] hash = Announces.hash(round);
            StringBuilder encoded = new StringBuilder();
            for (byte b : hash) {
                int value = b & 0xff;
                boolean unreserved = Character.isLetterOrDigit(value) && value < 0x80 || "-._~".indexOf(value) >= 0;
                encoded.append(unreserved && random.nextBoolean() ? String.valueOf((char) value) : Announces.percentEncode(new byte[] {b}));
            }

            assertThat(QueryString.parse("info_hash=" + encoded, 10).bytes("info_hash")).hasValue(hash);
        }
    }

    @Test
    void plusIsAPlusSignNotASpace() {
        assertThat(QueryString.parse("v=a+b", 10).text("v")).hasValue("a+b");
    }

    @Test
    void repeatedNamesKeepEveryValueInOrderAndTheFirstWins() {
        QueryString query = QueryString.parse("info_hash=a&port=1&info_hash=b&info_hash=", 10);

        assertThat(query.all("info_hash")).extracting(bytes -> new String(bytes, StandardCharsets.ISO_8859_1))
                .containsExactly("a", "b", "");
        assertThat(query.text("info_hash")).hasValue("a");
    }

    @Test
    void emptyPairsAreSkippedAndANameWithoutValueIsEmpty() {
        QueryString query = QueryString.parse("&&compact&port=7&=x&", 10);

        assertThat(query.text("compact")).hasValue("");
        assertThat(query.text("port")).hasValue("7");
        assertThat(query.text("")).hasValue("x");
        assertThat(query.text("missing")).isEmpty();
        assertThat(QueryString.parse("", 10).all("info_hash")).isEmpty();
    }

    @Test
    void theValueMayContainEqualsSignsAfterTheFirst() {
        assertThat(QueryString.parse("k=a=b", 10).text("k")).hasValue("a=b");
    }

    @Test
    void malformedEscapesAreRefusedWithTheirPosition() {
        for (String bad : new String[] {"info_hash=%", "info_hash=%4", "info_hash=%zz", "info_hash=%4g", "x=1&info_hash=ab%"}) {
            assertThatThrownBy(() -> QueryString.parse(bad, 10)).as(bad)
                    .isInstanceOf(TrackerRequestException.class)
                    .hasMessageContaining("malformed percent-encoding at character");
        }
        // an escape may not borrow the '&' that ends its pair
        assertThatThrownBy(() -> QueryString.parse("a=%4&b=1", 10)).isInstanceOf(TrackerRequestException.class);
    }

    @Test
    void charactersBeyondOneByteAreRefused() {
        assertThatThrownBy(() -> QueryString.parse("info_hash=\u0100", 10))
                .isInstanceOf(TrackerRequestException.class)
                .hasMessageContaining("outside ISO-8859-1");
    }

    @Test
    void tooManyParametersAreRefused() {
        String query = "a=1&".repeat(11);

        assertThatThrownBy(() -> QueryString.parse(query, 10))
                .isInstanceOf(TrackerRequestException.class)
                .hasMessage("too many query parameters; at most 10 are accepted");
    }

    @Test
    void hostileGeneratedQueriesEitherParseOrFailWithTheirOwnException() {
        Random random = new Random(7);
        String alphabet = "%&=+aZ09fF#?\u00ff\u0000 ";
        for (int round = 0; round < 20_000; round++) {
            StringBuilder query = new StringBuilder();
            int length = random.nextInt(64);
            for (int i = 0; i < length; i++) {
                query.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            try {
                QueryString parsed = QueryString.parse(query.toString(), 16);
                assertThat(parsed.all("a").size()).isLessThanOrEqualTo(16);
            } catch (TrackerRequestException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
    }
}
