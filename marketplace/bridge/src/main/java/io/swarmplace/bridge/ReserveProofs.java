package io.swarmplace.bridge;

import io.swarmplace.ledger.Amounts;
import io.swarmplace.ledger.Id128;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The proof-of-reserves format, version 1 ("swarmplace-reserves-1"). Anyone can re-implement it:
 *
 * <ol>
 * <li>Leaves: one per ledger account that is not the custody account, of the asset BTT, sorted by account
 * id as an unsigned 128-bit number. A leaf is {@code SHA-256(0x00 || id (16 bytes, big-endian) || balance
 * (16 bytes, big-endian unsigned, posted credits minus posted debits))}.</li>
 * <li>A parent is {@code SHA-256(0x01 || left || right)}. At a level with an odd number of nodes the last
 * one moves up unchanged (it is never paired with itself, so no two trees share a root).</li>
 * <li>The root of no leaves is {@code SHA-256()} of nothing.</li>
 * </ol>
 * The 0x00/0x01 prefixes keep a leaf from ever being read as an inner node.
 */
public final class ReserveProofs {

    public static final String FORMAT = "swarmplace-reserves-1";

    private ReserveProofs() {}

    public static byte[] leaf(Id128 account, BigInteger balance) {
        Amounts.check("balance", balance);
        byte[] amount = balance.toByteArray(); // big-endian, maybe with a sign byte; at most 17 bytes
        ByteBuffer buffer = ByteBuffer.allocate(1 + 16 + 16);
        buffer.put((byte) 0).putLong(account.high()).putLong(account.low());
        int length = Math.min(amount.length, 16);
        buffer.position(buffer.position() + 16 - length);
        buffer.put(amount, amount.length - length, length);
        return sha256(buffer.array());
    }

    public static byte[] parent(byte[] left, byte[] right) {
        byte[] input = new byte[1 + left.length + right.length];
        input[0] = 1;
        System.arraycopy(left, 0, input, 1, left.length);
        System.arraycopy(right, 0, input, 1 + left.length, right.length);
        return sha256(input);
    }

    public static byte[] emptyRoot() {
        return sha256(new byte[0]);
    }

    /** True if {@code proof} leads from its account's leaf to {@code expectedRoot} (64 hex digits). */
    public static boolean verify(ReserveProof proof, String expectedRoot) {
        byte[] node = leaf(proof.account(), proof.balance());
        for (ReserveProof.Step step : proof.steps()) {
            byte[] sibling = HexFormat.of().parseHex(step.sibling());
            node = step.siblingOnLeft() ? parent(sibling, node) : parent(node, sibling);
        }
        return HexFormat.of().formatHex(node).equalsIgnoreCase(expectedRoot.strip());
    }

    static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
