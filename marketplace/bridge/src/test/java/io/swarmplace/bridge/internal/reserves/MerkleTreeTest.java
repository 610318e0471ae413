package io.swarmplace.bridge.internal.reserves;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.swarmplace.bridge.ReserveProof;
import io.swarmplace.bridge.ReserveProofs;
import io.swarmplace.ledger.Amounts;
import io.swarmplace.ledger.Id128;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MerkleTreeTest {

    @Test
    void everyAccountsProofLeadsToTheRootForEveryTreeSize() {
        for (int size = 1; size <= 17; size++) {
            Map<Id128, BigInteger> balances = balances(size);
            MerkleTree tree = new MerkleTree(balances);
            assertThat(tree.size()).isEqualTo(size);
            for (Map.Entry<Id128, BigInteger> entry : balances.entrySet()) {
                ReserveProof proof = tree.proof(entry.getKey());
                assertThat(ReserveProofs.verify(proof, tree.root())).as("size %d", size).isTrue();
                ReserveProof roundTripped = new ReserveProof(proof.account(), proof.balance(), proof.root(),
                        ReserveProof.parsePath(proof.path()));
                assertThat(ReserveProofs.verify(roundTripped, tree.root())).isTrue();
            }
        }
    }

    @Test
    void aChangedBalanceOrAccountDoesNotProve() {
        MerkleTree tree = new MerkleTree(balances(5));
        ReserveProof proof = tree.proof(Id128.of(3));
        assertThat(ReserveProofs.verify(new ReserveProof(proof.account(), proof.balance().add(BigInteger.ONE), proof.root(),
                proof.steps()), tree.root())).isFalse();
        assertThat(ReserveProofs.verify(new ReserveProof(Id128.of(4), proof.balance(), proof.root(), proof.steps()),
                tree.root())).isFalse();
    }

    @Test
    void theRootDependsOnEveryBalanceButNotOnInsertionOrder() {
        Map<Id128, BigInteger> balances = balances(6);
        String root = new MerkleTree(balances).root();
        assertThat(new MerkleTree(new java.util.TreeMap<>(balances).descendingMap()).root()).isEqualTo(root);
        balances.put(Id128.of(2), balances.get(Id128.of(2)).add(BigInteger.ONE));
        assertThat(new MerkleTree(balances).root()).isNotEqualTo(root);
        assertThat(new MerkleTree(balances).total()).isEqualTo(new MerkleTree(balances(6)).total().add(BigInteger.ONE));
    }

    @Test
    void followsTheDocumentedFormat() {
        // One leaf: the root is the leaf, SHA-256(0x00 || id || balance), 16 + 16 bytes big-endian.
        Id128 account = Id128.parse("0102030405060708090a0b0c0d0e0f10");
        String root = new MerkleTree(Map.of(account, BigInteger.valueOf(258))).root();
        byte[] input = HexFormat.of().parseHex("00" + "0102030405060708090a0b0c0d0e0f10" + "0".repeat(28) + "0102");
        assertThat(root).isEqualTo(HexFormat.of().formatHex(sha256(input)));
        assertThat(new MerkleTree(Map.of()).root()).isEqualTo(HexFormat.of().formatHex(sha256(new byte[0])));
        // The largest balance fits its 16 bytes.
        assertThat(new MerkleTree(Map.of(account, Amounts.MAX)).proof(account).steps()).isEmpty();
    }

    @Test
    void refusesAProofForAnAccountThatIsNotALeafAndABadPath() {
        MerkleTree tree = new MerkleTree(balances(3));
        assertThatThrownBy(() -> tree.proof(Id128.of(99))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a BTT account");
        assertThatThrownBy(() -> ReserveProof.parsePath("X:00")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("L:<64 hex digits>");
        assertThat(ReserveProof.parsePath("")).isEqualTo(List.of());
    }

    private static Map<Id128, BigInteger> balances(int size) {
        Map<Id128, BigInteger> balances = new HashMap<>();
        for (int i = 1; i <= size; i++) {
            balances.put(Id128.of(i), BigInteger.TEN.pow(18).multiply(BigInteger.valueOf(i)));
        }
        return balances;
    }

    private static byte[] sha256(byte[] input) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(input);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
