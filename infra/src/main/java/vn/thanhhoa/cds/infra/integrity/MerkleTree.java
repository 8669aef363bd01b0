package vn.thanhhoa.cds.infra.integrity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The Merkle tree of Certificate Transparency (RFC 6962 §2.1) over the events' hashes in the order of their global
 * index: leaf = SHA-256(0x00 ‖ eventHash bytes), node = SHA-256(0x01 ‖ left ‖ right), the split at the largest power of
 * two below the size. A signed checkpoint names a tree size and its root; a consistency proof shows that a later tree
 * extends an earlier one, an inclusion proof that an event is in a tree — both checkable by anyone holding the roots.
 */
public final class MerkleTree {
    private static final byte[] LEAF = {0};
    private static final byte[] NODE = {1};

    /**
     * A tree as the proofs read it: MTH(D[start:end]) of any range the recursion of RFC 6962 asks for — from leaves in
     * memory (this class), or from the subtree hashes stored at sealing ({@link SealedTree}).
     */
    public interface Ranges {
        byte[] hash(long start, long end);
    }

    private final List<byte[]> leaves;

    /** @param eventHashes the events' hashes (hex), in global order */
    public MerkleTree(List<String> eventHashes) {
        this.leaves = new ArrayList<>(eventHashes.size());
        eventHashes.forEach(h -> leaves.add(leafNode(h)));
    }

    public int size() {
        return leaves.size();
    }

    /** The root of the first {@code size} leaves (hex). */
    public String root(int size) {
        return HexFormat.of().formatHex(hash(0, size));
    }

    /** A leaf's node: SHA-256(0x00 ‖ leaf). */
    static byte[] leafNode(String leaf) {
        return EventHash.sha256(LEAF, HexFormat.of().parseHex(leaf));
    }

    static byte[] node(byte[] left, byte[] right) {
        return EventHash.sha256(NODE, left, right);
    }

    /** MTH of leaves held in memory, {@code nodes[from..to)}: the blocks a sealed tree reads. */
    static byte[] hash(List<byte[]> nodes, int from, int to) {
        int n = to - from;
        if (n == 0) {
            return EventHash.sha256();
        }
        if (n == 1) {
            return nodes.get(from);
        }
        int k = (int) split(n);
        return node(hash(nodes, from, from + k), hash(nodes, from + k, to));
    }

    /**
     * The right edge of a growing tree: the roots of its complete subtrees, largest first. A leaf is added in O(log n)
     * and the root of the tree so far is their fold from the right, so a log is hashed once however many roots of its
     * prefixes are asked for (the sealer extends one from checkpoint to checkpoint; the verification walks the log once).
     */
    public static final class Frontier {
        /** Told of each complete subtree as it forms: its height, its place among the subtrees of that height, its hash. */
        public interface Completed {
            void subtree(int height, long index, byte[] hash);
        }

        private final List<byte[]> nodes = new ArrayList<>();
        private final List<Integer> heights = new ArrayList<>();
        private long size;
        private Completed completed = (height, index, hash) -> { };

        public Frontier() {
        }

        /** The right edge of a tree of {@code size} leaves, from its complete subtrees, largest first. */
        Frontier(long size, List<byte[]> nodes) {
            for (int height = 62; height >= 0; height--) {
                if ((size & (1L << height)) != 0) {
                    heights.add(height);
                }
            }
            if (heights.size() != nodes.size()) {
                throw new IllegalArgumentException(heights.size() + " subtrees make " + size + " leaves, not " + nodes.size());
            }
            this.nodes.addAll(nodes);
            this.size = size;
        }

        void onCompleted(Completed completed) {
            this.completed = completed;
        }

        /** @param leaf the leaf's value (hex), as the tree's constructor takes it */
        public void add(String leaf) {
            byte[] node = leafNode(leaf);
            int height = 0;
            while (!heights.isEmpty() && heights.get(heights.size() - 1) == height) {
                node = node(nodes.remove(nodes.size() - 1), node);
                heights.remove(heights.size() - 1);
                height++;
                completed.subtree(height, ((size + 1) >> height) - 1, node);
            }
            nodes.add(node);
            heights.add(height);
            size++;
        }

        public long size() {
            return size;
        }

        /** The root of the leaves added so far (hex), as {@link MerkleTree#root} gives it. */
        public String root() {
            if (nodes.isEmpty()) {
                return HexFormat.of().formatHex(EventHash.sha256());
            }
            byte[] root = nodes.get(nodes.size() - 1);
            for (int j = nodes.size() - 2; j >= 0; j--) {
                root = node(nodes.get(j), root);
            }
            return HexFormat.of().formatHex(root);
        }
    }

    /** RFC 6962 §2.1.2 PROOF(m, D[n]): nodes that show the tree of {@code to} leaves extends the tree of {@code from}. */
    public List<String> consistency(int from, int to) {
        if (from <= 0 || from > to || to > leaves.size()) {
            throw new IllegalArgumentException("0 < from <= to <= " + leaves.size());
        }
        return consistency(this::hash, from, to);
    }

    /** RFC 6962 §2.1.1 PATH(m, D[n]): nodes that show leaf {@code index} is in the tree of {@code size} leaves. */
    public List<String> inclusion(int index, int size) {
        if (index < 0 || index >= size || size > leaves.size()) {
            throw new IllegalArgumentException("0 <= index < size <= " + leaves.size());
        }
        return inclusion(this::hash, index, size);
    }

    /** PROOF(from, D[to]) of any tree; 0 < from ≤ to ≤ its size. */
    static List<String> consistency(Ranges tree, long from, long to) {
        List<byte[]> proof = new ArrayList<>();
        subproof(tree, from, 0, to, true, proof);
        return proof.stream().map(HexFormat.of()::formatHex).toList();
    }

    /** PATH(index, D[size]) of any tree; 0 ≤ index < size ≤ its size. */
    static List<String> inclusion(Ranges tree, long index, long size) {
        List<byte[]> proof = new ArrayList<>();
        path(tree, index, 0, size, proof);
        return proof.stream().map(HexFormat.of()::formatHex).toList();
    }

    private byte[] hash(long start, long end) {
        return hash(leaves, (int) start, (int) end);
    }

    private static void subproof(Ranges tree, long m, long start, long end, boolean complete, List<byte[]> proof) {
        long n = end - start;
        if (m == n) {
            if (!complete) {
                proof.add(tree.hash(start, end));
            }
            return;
        }
        long k = split(n);
        if (m <= k) {
            subproof(tree, m, start, start + k, complete, proof);
            proof.add(tree.hash(start + k, end));
        } else {
            subproof(tree, m - k, start + k, end, false, proof);
            proof.add(tree.hash(start, start + k));
        }
    }

    private static void path(Ranges tree, long m, long start, long end, List<byte[]> proof) {
        long n = end - start;
        if (n == 1) {
            return;
        }
        long k = split(n);
        if (m < k) {
            path(tree, m, start, start + k, proof);
            proof.add(tree.hash(start + k, end));
        } else {
            path(tree, m - k, start + k, end, proof);
            proof.add(tree.hash(start, start + k));
        }
    }

    /** The largest power of two smaller than n (n ≥ 2). */
    static long split(long n) {
        return Long.highestOneBit(n - 1);
    }

    /**
     * RFC 9162 §2.1.4.2: whether {@code proof} shows that the tree of {@code to} leaves with root {@code toRoot} extends
     * the tree of {@code from} leaves with root {@code fromRoot}. What an auditor runs against a checkpoint they kept.
     */
    public static boolean verifyConsistency(long from, long to, String fromRoot, String toRoot, List<String> proof) {
        if (from == to) {
            return proof.isEmpty() && fromRoot.equals(toRoot);
        }
        if (from <= 0 || from > to || proof.isEmpty()) {
            return false;
        }
        List<byte[]> path = new ArrayList<>(proof.stream().map(HexFormat.of()::parseHex).toList());
        if (Long.bitCount(from) == 1) { // from is a power of two: its root starts the path
            path.add(0, HexFormat.of().parseHex(fromRoot));
        }
        long fn = from - 1;
        long sn = to - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        for (byte[] c : path.subList(1, path.size())) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = EventHash.sha256(NODE, c, fr);
                sr = EventHash.sha256(NODE, c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                sr = EventHash.sha256(NODE, sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Arrays.equals(fr, HexFormat.of().parseHex(fromRoot)) && Arrays.equals(sr, HexFormat.of().parseHex(toRoot));
    }

    /** RFC 9162 §2.1.3.2: whether {@code proof} shows the event with this hash is leaf {@code index} of the tree. */
    public static boolean verifyInclusion(String eventHash, long index, long size, String root, List<String> proof) {
        if (index >= size) {
            return false;
        }
        long fn = index;
        long sn = size - 1;
        byte[] r = EventHash.sha256(LEAF, HexFormat.of().parseHex(eventHash));
        for (String hex : proof) {
            byte[] p = HexFormat.of().parseHex(hex);
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = EventHash.sha256(NODE, p, r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                r = EventHash.sha256(NODE, r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Arrays.equals(r, HexFormat.of().parseHex(root));
    }
}
