package vn.thanhhoa.cds.infra.integrity;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every proof of every pair of sizes up to 40 leaves checks, and fails once a leaf changes. */
class MerkleTreeTest {
    private static List<String> hashes(int n) {
        return IntStream.range(0, n).mapToObj(i -> EventHash.of(null, "e" + i, "a", "T", "t", "P", "1", "{}", "{}")).toList();
    }

    @Test
    void consistencyProofsCheckForEveryPairOfSizes() {
        MerkleTree tree = new MerkleTree(hashes(40));
        for (int to = 1; to <= 40; to++) {
            for (int from = 1; from < to; from++) {
                List<String> proof = tree.consistency(from, to);
                assertThat(MerkleTree.verifyConsistency(from, to, tree.root(from), tree.root(to), proof))
                        .as("%d → %d", from, to).isTrue();
                assertThat(MerkleTree.verifyConsistency(from, to, tree.root(from), tree.root(to - 1), proof))
                        .as("wrong new root %d → %d", from, to).isFalse();
            }
        }
    }

    @Test
    void aChangedLeafBreaksTheConsistencyWithAnEarlierRoot() {
        List<String> leaves = new ArrayList<>(hashes(25));
        String before = new MerkleTree(leaves).root(10);
        leaves.set(3, EventHash.of(null, "altered", "a", "T", "t", "P", "1", "{}", "{}"));
        MerkleTree altered = new MerkleTree(leaves);
        assertThat(MerkleTree.verifyConsistency(10, 25, before, altered.root(25), altered.consistency(10, 25))).isFalse();
    }

    @Test
    void inclusionProofsCheckForEveryLeaf() {
        List<String> leaves = hashes(21);
        MerkleTree tree = new MerkleTree(leaves);
        for (int size = 1; size <= 21; size++) {
            for (int i = 0; i < size; i++) {
                assertThat(MerkleTree.verifyInclusion(leaves.get(i), i, size, tree.root(size), tree.inclusion(i, size)))
                        .as("%d in %d", i, size).isTrue();
                if (size > 1) {
                    assertThat(MerkleTree.verifyInclusion(leaves.get((i + 1) % size), i, size, tree.root(size), tree.inclusion(i, size)))
                            .isFalse();
                }
            }
        }
    }

    @Test
    void aFrontierGrownLeafByLeafHasTheTreesRootAtEverySize() {
        List<String> leaves = hashes(70);
        MerkleTree tree = new MerkleTree(leaves);
        MerkleTree.Frontier frontier = new MerkleTree.Frontier();
        assertThat(frontier.root()).isEqualTo(tree.root(0));
        for (int size = 1; size <= 70; size++) {
            frontier.add(leaves.get(size - 1));
            assertThat(frontier.size()).isEqualTo(size);
            assertThat(frontier.root()).as("size %d", size).isEqualTo(tree.root(size));
        }
    }
}
