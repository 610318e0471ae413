package io.swarmplace.wallet;

/**
 * What an account holds.
 *
 * @param account  the address
 * @param trx      TRX, which pays the fees
 * @param btt      BTT, the TRC-20 token
 * @param bttTrc10 legacy BTT, TRC-10 token 1002000
 */
public record Balances(TronAddress account, TokenAmount trx, TokenAmount btt, TokenAmount bttTrc10) {

    public TokenAmount of(Token token) {
        return switch (token) {
            case TRX -> trx;
            case BTT -> btt;
            case BTT_TRC10 -> bttTrc10;
        };
    }
}
