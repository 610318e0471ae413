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
        ByteString to = Addresses.fromBase58(address);
        requirePositive(sun);
        synchronized (state) {
            state.addTrx(to, sun);
            saver.save();
        }
    }

    @Override
    public void mintBttTrc10(String address, long amount) {
        ByteString to = Addresses.fromBase58(address);
        requirePositive(amount);
        synchronized (state) {
            state.addTrc10(to, amount);
            saver.save();
        }
    }

    @Override
    public void mintBttTrc20(String address, BigInteger amount) {
        ByteString to = Addresses.fromBase58(address);
        if (amount.signum() <= 0) {
            throw new IllegalArgumentException("mint amount must be positive, was " + amount);
        }
        synchronized (state) {
            state.addTrc20(to, amount);
            saver.save();
        }
    }

    private static void requirePositive(long amount) {
        if (amount <= 0) {
            throw new IllegalArgumentException("mint amount must be positive, was " + amount);
        }
    }
}
