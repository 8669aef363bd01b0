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

    private final List<byte[]> leaves;

    /** @param eventHashes the events' hashes (hex), in global order */
    public MerkleTree(List<String> eventHashes) {
        this.leaves = new ArrayList<>(eventHashes.size());
        eventHashes.forEach(h -> leaves.add(EventHash.sha256(LEAF, HexFormat.of().parseHex(h))));
    }

    public int size() {
        return leaves.size();
    }

    /** The root of the first {@code size} leaves (hex). */
    public String root(int size) {
        return HexFormat.of().formatHex(hash(0, size));
    }

    /**
     * The right edge of a growing tree: the roots of its complete subtrees, largest first. A leaf is added in O(log n)
     * and the root of the tree so far is their fold from the right, so a log is hashed once however many roots of its
     * prefixes are asked for (the sealer extends one from checkpoint to checkpoint; the verification walks the log once).
     */
    public static final class Frontier {
        private final List<byte[]> nodes = new ArrayList<>();
        private final List<Integer> heights = new ArrayList<>();
        private long size;

        /** @param leaf the leaf's value (hex), as the tree's constructor takes it */
        public void add(String leaf) {
            byte[] node = EventHash.sha256(LEAF, HexFormat.of().parseHex(leaf));
            int height = 0;
            while (!heights.isEmpty() && heights.get(heights.size() - 1) == height) {
                node = EventHash.sha256(NODE, nodes.remove(nodes.size() - 1), node);
                heights.remove(heights.size() - 1);
                height++;
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
                root = EventHash.sha256(NODE, nodes.get(j), root);
            }
            return HexFormat.of().formatHex(root);
        }
    }

    /** RFC 6962 §2.1.2 PROOF(m, D[n]): nodes that show the tree of {@code to} leaves extends the tree of {@code from}. */
    public List<String> consistency(int from, int to) {
        if (from <= 0 || from > to || to > leaves.size()) {
            throw new IllegalArgumentException("0 < from <= to <= " + leaves.size());
        }
        List<byte[]> proof = new ArrayList<>();
        subproof(from, 0, to, true, proof);
        return proof.stream().map(HexFormat.of()::formatHex).toList();
    }

    /** RFC 6962 §2.1.1 PATH(m, D[n]): nodes that show leaf {@code index} is in the tree of {@code size} leaves. */
    public List<String> inclusion(int index, int size) {
        if (index < 0 || index >= size || size > leaves.size()) {
            throw new IllegalArgumentException("0 <= index < size <= " + leaves.size());
        }
        List<byte[]> proof = new ArrayList<>();
        path(index, 0, size, proof);
        return proof.stream().map(HexFormat.of()::formatHex).toList();
    }

    private byte[] hash(int start, int end) {
        int n = end - start;
        if (n == 0) {
            return EventHash.sha256();
        }
        if (n == 1) {
            return leaves.get(start);
        }
        int k = split(n);
        return EventHash.sha256(NODE, hash(start, start + k), hash(start + k, end));
    }

    private void subproof(int m, int start, int end, boolean complete, List<byte[]> proof) {
        int n = end - start;
        if (m == n) {
            if (!complete) {
                proof.add(hash(start, end));
            }
            return;
        }
        int k = split(n);
        if (m <= k) {
            subproof(m, start, start + k, complete, proof);
            proof.add(hash(start + k, end));
        } else {
            subproof(m - k, start + k, end, false, proof);
            proof.add(hash(start, start + k));
        }
    }

    private void path(int m, int start, int end, List<byte[]> proof) {
        int n = end - start;
        if (n == 1) {
            return;
        }
        int k = split(n);
        if (m < k) {
            path(m, start, start + k, proof);
            proof.add(hash(start + k, end));
        } else {
            path(m - k, start + k, end, proof);
            proof.add(hash(start, start + k));
        }
    }

    /** The largest power of two smaller than n (n ≥ 2). */
    private static int split(int n) {
        return Integer.highestOneBit(n - 1);
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
