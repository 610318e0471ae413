package io.swarmplace.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TronAddressTest {

    /** The pair TronWeb's own tests use. */
    private static final String BASE58 = "TPL66VK2gCXNCD7EJg9pgJRfqcRazjhUZY";
    private static final String HEX = "41928c9af0651632157ef27a2cf17ca72c575a4d21";

    @Test
    void base58AndHexAreTheSameAddress() {
        assertThat(TronAddress.parse(BASE58).hex()).isEqualTo(HEX);
        assertThat(TronAddress.ofHex(HEX).base58()).isEqualTo(BASE58);
        assertThat(TronAddress.parse(" " + BASE58 + "\n")).isEqualTo(TronAddress.ofHex(HEX));
    }

    @Test
    void btttContractAddressParses() {
        assertThat(TronAddress.parse(Token.BTT_MAINNET_CONTRACT).base58()).isEqualTo(Token.BTT_MAINNET_CONTRACT);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "TPL66VK2gCXNCD7EJg9pgJRfqcRazjhUZZ", // one character off: checksum
        "TPL66VK2gCXNCD7EJg9pgJRfqcRazjhUZ0", // 0 is not base58
        "1BoatSLRHtKNngkdXEeobR76b53LETtpyT", // a Bitcoin address: wrong prefix
        "T", "", "   "
    })
    void refusesWhatIsNotATronAddress(String text) {
        assertThatThrownBy(() -> TronAddress.parse(text)).isInstanceOf(InvalidAddressException.class);
    }

    @Test
    void refusesHostileLengthQuickly() {
        assertThatThrownBy(() -> TronAddress.parse("T".repeat(100_000)))
                .isInstanceOf(InvalidAddressException.class)
                .hasMessageContaining("too long");
    }
}
