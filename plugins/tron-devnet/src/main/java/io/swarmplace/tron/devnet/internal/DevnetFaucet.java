package io.swarmplace.tron.devnet.internal;

import java.math.BigInteger;

import com.google.protobuf.ByteString;
import io.swarmplace.tron.devnet.Faucet;

/** Mints devnet money; each mint is saved before it returns. */
final class DevnetFaucet implements Faucet {

    private final ChainState state;
    private final BlockProducer saver;

    DevnetFaucet(ChainState state, BlockProducer saver) {
        this.state = state;
        this.saver = saver;
    }

    @Override
    public void mintTrx(String address, long sun) {
        mint(address, BigInteger.valueOf(sun), to -> state.addTrx(to, sun));
    }

    @Override
    public void mintBttTrc10(String address, long amount) {
        mint(address, BigInteger.valueOf(amount), to -> state.addTrc10(to, amount));
    }

    @Override
    public void mintBttTrc20(String address, BigInteger amount) {
        mint(address, amount, to -> state.addTrc20(to, amount));
    }

    /** Minting is the only way tokens appear on the devnet; each mint is saved before it returns. */
    private void mint(String address, BigInteger amount, java.util.function.Consumer<ByteString> credit) {
        ByteString to = Addresses.fromBase58(address);
        if (amount.signum() <= 0) {
            throw new IllegalArgumentException("mint amount must be positive, was " + amount);
        }
        synchronized (state) {
            credit.accept(to);
            saver.save();
        }
    }
}
