package io.swarmplace.bridge.internal.reserves;

import io.swarmplace.bridge.ReserveProof;
import io.swarmplace.bridge.ReserveProofs;
import io.swarmplace.ledger.Id128;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** The tree of {@link ReserveProofs}' format over a set of balances, kept level by level for proofs. */
public final class MerkleTree {

    private final List<Id128> accounts;
    private final Map<Id128, BigInteger> balances;
    private final List<List<byte[]>> levels = new ArrayList<>();

    public MerkleTree(Map<Id128, BigInteger> balancesByAccount) {
        SortedMap<Id128, BigInteger> sorted = new TreeMap<>(balancesByAccount);
        this.accounts = List.copyOf(sorted.keySet());
        this.balances = Map.copyOf(sorted);
        List<byte[]> level = new ArrayList<>(accounts.size());
        sorted.forEach((account, balance) -> level.add(ReserveProofs.leaf(account, balance)));
        levels.add(level);
        List<byte[]> current = level;
        while (current.size() > 1) {
            List<byte[]> up = new ArrayList<>((current.size() + 1) / 2);
            for (int i = 0; i < current.size(); i += 2) {
                up.add(i + 1 < current.size() ? ReserveProofs.parent(current.get(i), current.get(i + 1)) : current.get(i));
            }
            levels.add(up);
            current = up;
        }
    }

    public String root() {
        List<byte[]> top = levels.get(levels.size() - 1);
        return HexFormat.of().formatHex(top.isEmpty() ? ReserveProofs.emptyRoot() : top.get(0));
    }

    public int size() {
        return accounts.size();
    }

    public BigInteger total() {
        return balances.values().stream().reduce(BigInteger.ZERO, BigInteger::add);
    }

    /**
     * The path from {@code account}'s leaf to the root.
     *
     * @throws IllegalArgumentException if the account is not a leaf
     */
    public ReserveProof proof(Id128 account) {
        int index = accounts.indexOf(account);
        if (index < 0) {
            throw new IllegalArgumentException("account " + account + " is not a BTT account of the ledger (not in the reserves)");
        }
        List<ReserveProof.Step> steps = new ArrayList<>();
        for (List<byte[]> level : levels.subList(0, levels.size() - 1)) {
            int sibling = index ^ 1;
            if (sibling < level.size()) {
                steps.add(new ReserveProof.Step(HexFormat.of().formatHex(level.get(sibling)), sibling < index));
            }
            index /= 2;
        }
        return new ReserveProof(account, balances.get(account), root(), steps);
    }
}
