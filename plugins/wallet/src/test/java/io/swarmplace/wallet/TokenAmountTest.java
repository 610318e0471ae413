package io.swarmplace.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TokenAmountTest {

    @ParameterizedTest
    @CsvSource({
        "1, BTT, 1000000000000000000, 1 BTT",
        "0.1, BTT, 100000000000000000, 0.1 BTT",
        "0.000000000000000001, BTT, 1, 0.000000000000000001 BTT",
        "1.500000, TRX, 1500000, 1.5 TRX",
        "990000000000, BTT_TRC10, 990000000000000000, 990000000000 BTTOLD",
        ".5, TRX, 500000, 0.5 TRX",
        "0, TRX, 0, 0 TRX"
    })
    void parsesExactlyAndPrintsWithoutTrailingZeros(String text, Token token, String units, String printed) {
        TokenAmount amount = TokenAmount.parse(text, token);
        assertThat(amount.units()).isEqualTo(new BigInteger(units));
        assertThat(amount.format()).isEqualTo(printed);
        assertThat(TokenAmount.parse(amount.format().split(" ")[0], token)).isEqualTo(amount);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "1e3", "1,000", "", " ", "abc", "1.2.3", "+1", "0x10", "NaN", "Infinity"})
    void refusesWhatIsNotAPlainDecimal(String text) {
        assertThatThrownBy(() -> TokenAmount.parse(text, Token.BTT))
                .isInstanceOf(InvalidAmountException.class)
                .hasMessageContaining("is not an amount of BTT");
    }

    @Test
    void refusesMorePrecisionThanTheTokenHas() {
        assertThatThrownBy(() -> TokenAmount.parse("0.0000001", Token.TRX))
                .isInstanceOf(InvalidAmountException.class)
                .hasMessageContaining("more than 6 decimals");
        assertThat(TokenAmount.parse("0.000001000", Token.TRX).units()).isEqualTo(BigInteger.ONE);
    }

    @Test
    void zeroIsAnAmountButNotATransfer() {
        assertThatThrownBy(() -> TokenAmount.parse("0.000", Token.BTT).requirePositive())
                .isInstanceOf(InvalidAmountException.class)
                .hasMessageContaining("more than 0 BTT");
    }

    @Test
    void negativeAndOverflowingUnitsAreRefused() {
        assertThatThrownBy(() -> TokenAmount.ofUnits(Token.BTT, -1)).isInstanceOf(InvalidAmountException.class);
        assertThatThrownBy(() -> TokenAmount.ofUnits(Token.BTT, BigInteger.TWO.pow(256)))
                .isInstanceOf(InvalidAmountException.class);
    }

    @Test
    void arithmeticStaysWithinOneToken() {
        TokenAmount a = TokenAmount.parse("1.25", Token.BTT);
        assertThat(a.plus(TokenAmount.parse("0.75", Token.BTT)).format()).isEqualTo("2 BTT");
        assertThatThrownBy(() -> a.plus(TokenAmount.parse("1", Token.TRX)))
                .isInstanceOf(InvalidAmountException.class)
                .hasMessageContaining("cannot combine BTT with TRX");
        assertThatThrownBy(() -> a.minus(TokenAmount.parse("2", Token.BTT))).isInstanceOf(InvalidAmountException.class);
    }
}
