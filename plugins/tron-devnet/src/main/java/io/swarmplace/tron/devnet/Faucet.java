package io.swarmplace.tron.devnet;

import java.math.BigInteger;

/** The only source of devnet money: every token that exists was minted here. Addresses are Base58Check. */
public interface Faucet {

    void mintTrx(String address, long sun);

    void mintBttTrc10(String address, long amount);

    void mintBttTrc20(String address, BigInteger amount);
}
