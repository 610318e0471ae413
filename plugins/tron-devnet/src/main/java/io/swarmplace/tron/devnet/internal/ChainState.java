package io.swarmplace.tron.devnet.internal;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.google.protobuf.ByteString;
import org.tron.trident.proto.Chain;
import org.tron.trident.proto.Response;

/**
 * Everything the devnet knows: balances, blocks, transactions and their receipts. Callers that need
 * check-then-change to be atomic (validation followed by execution) synchronize on this object.
 */
final class ChainState {

    final Map<ByteString, Long> trxSun = new HashMap<>();
    final Map<ByteString, Long> bttTrc10 = new HashMap<>();
    final Map<ByteString, BigInteger> bttTrc20 = new HashMap<>();
    final List<Chain.Block> blocks = new ArrayList<>();
    /** Accepted but not yet in a block, with their receipts minus the block fields; insertion order = block order. */
    final Map<ByteString, PendingTransaction> pending = new LinkedHashMap<>();
    final Map<ByteString, Chain.Transaction> includedTransactions = new HashMap<>();
    final Map<ByteString, Response.TransactionInfo> infos = new HashMap<>();

    /** Free bandwidth each account has used, and when it last used some; kept across restarts, as on TRON. */
    final Map<ByteString, FreeBandwidthUse> freeBandwidth = new HashMap<>();

    record PendingTransaction(Chain.Transaction transaction, Response.TransactionInfo info) {
    }

    record FreeBandwidthUse(long bytes, long atMillis) {
    }

    /** Free bandwidth {@code address} has used as of {@code nowMillis}, after the linear recovery. */
    synchronized long freeBandwidthUsed(ByteString address, long nowMillis) {
        FreeBandwidthUse use = freeBandwidth.get(address);
        return use == null ? 0 : Fees.recovered(use.bytes(), nowMillis - use.atMillis());
    }

    synchronized void useFreeBandwidth(ByteString address, long bytes, long nowMillis) {
        freeBandwidth.put(address, new FreeBandwidthUse(freeBandwidthUsed(address, nowMillis) + bytes, nowMillis));
    }

    synchronized long trx(ByteString address) {
        return trxSun.getOrDefault(address, 0L);
    }

    synchronized long trc10(ByteString address) {
        return bttTrc10.getOrDefault(address, 0L);
    }

    synchronized BigInteger trc20(ByteString address) {
        return bttTrc20.getOrDefault(address, BigInteger.ZERO);
    }

    /**
     * Whether {@code address} is a TRON account: it has received TRX or a TRC-10 token. A TRC-20 balance
     * lives in the contract's storage and creates no account, as on TRON.
     */
    synchronized boolean isAccount(ByteString address) {
        return trxSun.containsKey(address) || bttTrc10.containsKey(address);
    }

    /** Adding nothing changes nothing: in particular it makes no account of an address (a fee of 0 sun). */
    synchronized void addTrx(ByteString address, long delta) {
        if (delta != 0) {
            trxSun.put(address, Math.addExact(trx(address), delta));
        }
    }

    synchronized void addTrc10(ByteString address, long delta) {
        if (delta != 0) {
            bttTrc10.put(address, Math.addExact(trc10(address), delta));
        }
    }

    synchronized void addTrc20(ByteString address, BigInteger delta) {
        bttTrc20.put(address, trc20(address).add(delta));
    }

    synchronized Chain.Block latestBlock() {
        return blocks.get(blocks.size() - 1);
    }

    synchronized Optional<Chain.Block> block(long number) {
        return number >= 0 && number < blocks.size() ? Optional.of(blocks.get((int) number)) : Optional.empty();
    }

    /** The newest block with at least {@code depth} blocks after it (the genesis block at worst). */
    synchronized Chain.Block solidifiedBlock(int depth) {
        return blocks.get(Math.max(0, blocks.size() - 1 - depth));
    }

    synchronized boolean isSeen(ByteString txid) {
        return pending.containsKey(txid) || includedTransactions.containsKey(txid);
    }

    synchronized Optional<Chain.Transaction> transaction(ByteString txid) {
        PendingTransaction waiting = pending.get(txid);
        return waiting != null ? Optional.of(waiting.transaction())
                : Optional.ofNullable(includedTransactions.get(txid));
    }

    synchronized Optional<Response.TransactionInfo> info(ByteString txid) {
        return Optional.ofNullable(infos.get(txid));
    }

    synchronized void addPending(ByteString txid, Chain.Transaction transaction, Response.TransactionInfo info) {
        pending.put(txid, new PendingTransaction(transaction, info));
    }

    /** Appends a block made of every pending transaction and records their receipts. */
    synchronized Chain.Block appendBlock(long timestampMillis, ByteString witness) {
        long number = blocks.size();
        ByteString parent = blocks.isEmpty() ? ByteString.copyFrom(new byte[32]) : BlockIds.idOf(latestBlock().getBlockHeader());
        Chain.Block.Builder block = Chain.Block.newBuilder();
        ByteString txids = ByteString.EMPTY;
        for (Map.Entry<ByteString, PendingTransaction> entry : pending.entrySet()) {
            block.addTransactions(entry.getValue().transaction());
            txids = txids.concat(entry.getKey());
        }
        // A hash over the txids rather than TRON's Merkle tree: nothing a client checks depends on it.
        ByteString txRoot = ByteString.copyFrom(Hashes.sha256(txids.toByteArray()));
        block.setBlockHeader(Chain.BlockHeader.newBuilder().setRawData(Chain.BlockHeader.raw.newBuilder()
                .setNumber(number).setTimestamp(timestampMillis).setParentHash(parent)
                .setTxTrieRoot(txRoot).setWitnessAddress(witness).setVersion(30)));
        Chain.Block built = block.build();
        blocks.add(built);
        for (Map.Entry<ByteString, PendingTransaction> entry : pending.entrySet()) {
            includedTransactions.put(entry.getKey(), entry.getValue().transaction());
            infos.put(entry.getKey(), entry.getValue().info().toBuilder()
                    .setBlockNumber(number).setBlockTimeStamp(timestampMillis).build());
        }
        pending.clear();
        return built;
    }
}
