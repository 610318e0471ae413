package io.swarmplace.tron.devnet.internal;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import com.google.protobuf.ByteString;
import org.tron.trident.proto.Response;
import org.tron.trident.proto.Response.TransactionReturn.response_code;

/**
 * The devnet's TRC-20 BTT: balanceOf, decimals and transfer, executed natively instead of on a TVM.
 * Calls arrive ABI-encoded: a 4-byte selector followed by 32-byte words.
 */
final class BttTrc20Contract {

    static final String BALANCE_OF = "70a08231";
    static final String DECIMALS = "313ce567";
    static final String TRANSFER = "a9059cbb";
    /** keccak256("Transfer(address,address,uint256)"). */
    static final byte[] TRANSFER_EVENT = HexFormat.of()
            .parseHex("ddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef");
    static final long ENERGY_PER_TRANSFER = 14_650;
    private static final BigInteger UINT256_MAX = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);

    private final ByteString address;
    private final int decimals;

    BttTrc20Contract(ByteString address, int decimals) {
        this.address = Addresses.requireTron(address);
        this.decimals = decimals;
    }

    ByteString address() {
        return address;
    }

    /** What a call returned and the events it emitted. */
    record Outcome(byte[] returned, List<Response.TransactionInfo.Log> logs, long energyUsed) {
    }

    /** Runs a call; state changes only when {@code commit} is true. The caller holds the state's lock. */
    Outcome call(ChainState state, ByteString caller, ByteString data, boolean commit) throws TransactionRejectedException {
        if (data.size() < 4) {
            throw reject("call data shorter than a 4-byte function selector");
        }
        String selector = HexFormat.of().formatHex(data.substring(0, 4).toByteArray());
        byte[] args = data.substring(4).toByteArray();
        return switch (selector) {
            case BALANCE_OF -> new Outcome(word(state.trc20(Addresses.fromEvmWord(arg(args, 0)))), List.of(), 0);
            case DECIMALS -> new Outcome(word(BigInteger.valueOf(decimals)), List.of(), 0);
            case TRANSFER -> transfer(state, caller, args, commit);
            default -> throw reject("the BTT contract has no function with selector 0x" + selector
                    + " (it implements balanceOf, decimals and transfer)");
        };
    }

    private Outcome transfer(ChainState state, ByteString from, byte[] args, boolean commit) throws TransactionRejectedException {
        byte[] toWord = arg(args, 0);
        ByteString to = Addresses.fromEvmWord(toWord);
        BigInteger amount = new BigInteger(1, arg(args, 1));
        BigInteger balance = state.trc20(from);
        if (balance.compareTo(amount) < 0) {
            throw reject("BTT (TRC-20) balance " + balance + " of " + Addresses.toBase58(from)
                    + " is less than the transfer amount " + amount);
        }
        if (commit) {
            state.addTrc20(from, amount.negate());
            state.addTrc20(to, amount);
        }
        Response.TransactionInfo.Log log = Response.TransactionInfo.Log.newBuilder()
                .setAddress(address.substring(1))
                .addTopics(ByteString.copyFrom(TRANSFER_EVENT))
                .addTopics(ByteString.copyFrom(Addresses.toEvmWord(from)))
                .addTopics(ByteString.copyFrom(Addresses.toEvmWord(to)))
                .setData(ByteString.copyFrom(word(amount)))
                .build();
        return new Outcome(word(BigInteger.ONE), List.of(log), ENERGY_PER_TRANSFER);
    }

    private static byte[] arg(byte[] args, int index) throws TransactionRejectedException {
        if (args.length < (index + 1) * 32) {
            throw reject("call data too short: argument " + index + " is missing");
        }
        return Arrays.copyOfRange(args, index * 32, (index + 1) * 32);
    }

    static byte[] word(BigInteger value) {
        if (value.signum() < 0 || value.compareTo(UINT256_MAX) > 0) {
            throw new IllegalArgumentException("not a uint256: " + value);
        }
        byte[] raw = value.toByteArray();
        byte[] word = new byte[32];
        int copy = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - copy, word, 32 - copy, copy);
        return word;
    }

    private static TransactionRejectedException reject(String message) {
        return new TransactionRejectedException(response_code.CONTRACT_VALIDATE_ERROR, message);
    }
}
