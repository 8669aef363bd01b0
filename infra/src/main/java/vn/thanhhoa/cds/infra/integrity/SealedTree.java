package vn.thanhhoa.cds.infra.integrity;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The tree of a signed checkpoint, read in bounded memory. The hashes of its complete subtrees of {@value #BLOCK}
 * leaves and more are stored when they are sealed (table {@code integrity_subtree}, {@link Subtree}); a proof reads
 * those — what was sealed — and, below them, the leaves of the few blocks it needs from today's log, each block checked
 * against its stored hash. For a national log of millions of events a proof reads O(log² n) stored hashes and at
 * most a few blocks, never the whole log.
 */
final class SealedTree implements MerkleTree.Ranges {
    static final int BLOCK_HEIGHT = 10;
    static final long BLOCK = 1L << BLOCK_HEIGHT;
    /** A proof touches a few blocks; more are read again rather than kept. */
    private static final int BLOCKS_KEPT = 8;

    /**
     * A complete subtree of {@code 2^height} leaves, the {@code index}-th of its height; a block (height
     * {@value #BLOCK_HEIGHT}) also names the global indices of its first and last event, where a proof reads it.
     */
    record Subtree(int height, long index, String hash, Long firstGlobalIndex, long lastGlobalIndex) {
    }

    /** Today's log does not give what was sealed: events of {@code after < globalIndex <= upTo} changed. */
    static final class Mismatch extends RuntimeException {
        final long after;
        final long upTo;

        Mismatch(long after, long upTo) {
            super("the log between #" + after + " and #" + upTo + " is not what was sealed");
            this.after = after;
            this.upTo = upTo;
        }
    }

    private final Connection connection;
    private final Checkpoints.Checkpoint checkpoint;
    private final Map<Long, List<byte[]>> blocks = new HashMap<>();
    private final Map<List<Long>, byte[]> stored = new HashMap<>();

    private SealedTree(Connection connection, Checkpoints.Checkpoint checkpoint) {
        this.connection = connection;
        this.checkpoint = checkpoint;
    }

    /** The checkpoint's tree; its subtrees are stored first where they are not yet (a store sealed before they were). */
    static SealedTree of(Connection connection, Checkpoints.Checkpoint checkpoint) throws SQLException {
        long blocks = checkpoint.treeSize() / BLOCK;
        if (storedBlocks(connection) < blocks) {
            Checkpoints.SealedLog log = new Checkpoints.SealedLog();
            log.extend(connection, checkpoint.lastGlobalIndex());
            log.store(connection);
        }
        return new SealedTree(connection, checkpoint);
    }

    /** The root of the first {@code size} leaves (hex). */
    String root(long size) {
        return HexFormat.of().formatHex(hash(0, size));
    }

    /** Where an event stands among the checkpoint's leaves, or -1 when it is not among them. */
    long leafIndex(long globalIndex) throws SQLException {
        if (globalIndex > checkpoint.lastGlobalIndex()) {
            return -1;
        }
        long block;
        long after;
        try (PreparedStatement select = connection.prepareStatement("""
                select subtree_index, first_global_index from integrity_subtree
                where subtree_height = ? and first_global_index <= ? and last_global_index >= ?""")) {
            select.setInt(1, BLOCK_HEIGHT);
            select.setLong(2, globalIndex);
            select.setLong(3, globalIndex);
            try (ResultSet row = select.executeQuery()) {
                if (row.next() && row.getLong(1) < checkpoint.treeSize() / BLOCK) {
                    block = row.getLong(1);
                    after = row.getLong(2) - 1;
                } else {
                    block = checkpoint.treeSize() / BLOCK; // the last, incomplete block
                    after = block == 0 ? Long.MIN_VALUE : storedBlock(block - 1).lastGlobalIndex();
                    if (globalIndex <= after) {
                        return -1;
                    }
                }
            }
        }
        try (PreparedStatement count = connection.prepareStatement(
                "select count(*) from domainevententry where globalIndex > ? and globalIndex < ?")) {
            count.setLong(1, after);
            count.setLong(2, globalIndex);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return block * BLOCK + row.getLong(1);
            }
        }
    }

    @Override
    public byte[] hash(long start, long end) {
        long n = end - start;
        if (n <= 1) {
            return n == 0 ? EventHash.sha256() : block(start / BLOCK).get((int) (start % BLOCK));
        }
        if (Long.bitCount(n) == 1 && start % n == 0) {
            int height = Long.numberOfTrailingZeros(n);
            if (height >= BLOCK_HEIGHT) {
                return stored(height, start >> height);
            }
            int from = (int) (start % BLOCK);
            return MerkleTree.hash(block(start / BLOCK), from, from + (int) n);
        }
        long k = MerkleTree.split(n);
        return MerkleTree.node(hash(start, start + k), hash(start + k, end));
    }

    private byte[] stored(int height, long index) {
        return stored.computeIfAbsent(List.of((long) height, index), key -> {
            try {
                byte[] hash = storedHash(connection, height, index);
                if (hash == null) {
                    throw new IllegalStateException("subtree " + height + "/" + index + " was not stored at sealing");
                }
                return hash;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** A stored subtree's hash, or null where it was not stored. */
    private static byte[] storedHash(Connection connection, int height, long index) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "select hash from integrity_subtree where subtree_height = ? and subtree_index = ?")) {
            select.setInt(1, height);
            select.setLong(2, index);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? HexFormat.of().parseHex(row.getString(1)) : null;
            }
        }
    }

    /** A block's leaf nodes from today's log, checked against what was sealed. */
    private List<byte[]> block(long index) {
        List<byte[]> kept = blocks.get(index);
        if (kept != null) {
            return kept;
        }
        try {
            long complete = checkpoint.treeSize() / BLOCK;
            Subtree sealed = index < complete ? storedBlock(index) : null;
            long after = sealed != null ? sealed.firstGlobalIndex() - 1
                    : index == 0 ? Long.MIN_VALUE : storedBlock(index - 1).lastGlobalIndex();
            long upTo = sealed != null ? sealed.lastGlobalIndex() : checkpoint.lastGlobalIndex();
            List<byte[]> leaves = new ArrayList<>();
            Checkpoints.leaves(connection, after, upTo, (globalIndex, leaf) -> leaves.add(MerkleTree.leafNode(leaf)));
            long expected = sealed != null ? BLOCK : checkpoint.treeSize() % BLOCK;
            if (leaves.size() != expected || (sealed != null
                    && !HexFormat.of().formatHex(MerkleTree.hash(leaves, 0, leaves.size())).equals(sealed.hash()))) {
                throw new Mismatch(after, upTo);
            }
            if (blocks.size() >= BLOCKS_KEPT) {
                blocks.clear();
            }
            blocks.put(index, leaves);
            return leaves;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Subtree storedBlock(long index) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                select hash, first_global_index, last_global_index from integrity_subtree
                where subtree_height = ? and subtree_index = ?""")) {
            select.setInt(1, BLOCK_HEIGHT);
            select.setLong(2, index);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalStateException("block " + index + " was not stored at sealing");
                }
                return new Subtree(BLOCK_HEIGHT, index, row.getString(1), row.getLong(2), row.getLong(3));
            }
        }
    }

    static long storedBlocks(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "select count(*) from integrity_subtree where subtree_height = ?")) {
            select.setInt(1, BLOCK_HEIGHT);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /** The subtrees that make the right edge of the first {@code blocks} blocks, largest first; null where one is missing. */
    static MerkleTree.Frontier frontierOfBlocks(Connection connection, long blocks) throws SQLException {
        long size = blocks * BLOCK;
        List<byte[]> nodes = new ArrayList<>();
        long offset = 0;
        for (int height = 62; height >= BLOCK_HEIGHT; height--) {
            if ((size & (1L << height)) != 0) {
                byte[] hash = storedHash(connection, height, offset >> height);
                if (hash == null) {
                    return null;
                }
                nodes.add(hash);
                offset += 1L << height;
            }
        }
        return new MerkleTree.Frontier(size, nodes);
    }

    /** Stores subtrees; one stored already (another node sealed it, or this one before a restart) is kept as it is. */
    static void store(Connection connection, List<Subtree> subtrees) throws SQLException {
        if (subtrees.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement("""
                insert into integrity_subtree (subtree_height, subtree_index, hash, first_global_index, last_global_index)
                select ?, ?, ?, ?, ? where not exists
                    (select 1 from integrity_subtree where subtree_height = ? and subtree_index = ?)""")) {
            for (Subtree subtree : subtrees) {
                insert.setInt(1, subtree.height());
                insert.setLong(2, subtree.index());
                insert.setString(3, subtree.hash());
                if (subtree.firstGlobalIndex() == null) {
                    insert.setNull(4, java.sql.Types.BIGINT);
                } else {
                    insert.setLong(4, subtree.firstGlobalIndex());
                }
                insert.setLong(5, subtree.lastGlobalIndex());
                insert.setInt(6, subtree.height());
                insert.setLong(7, subtree.index());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
