package vn.thanhhoa.cds.infra.integrity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Signed checkpoints of the whole log (table {@code integrity_checkpoint}): the Merkle root ({@link MerkleTree}) of
 * every event up to a global index ({@link #leaves}), signed with the province's Ed25519 key. The signed text is
 * <pre>
 *   cds-checkpoint-v1 \n treeSize \n lastGlobalIndex \n root (hex) \n sealedAt (ISO-8601 UTC)
 * </pre>
 * An auditor keeps a checkpoint; later, a consistency proof from it to a newer one shows that nothing before it was
 * changed, removed or reordered.
 */
public final class Checkpoints {
    public static final String FORMAT = "cds-checkpoint-v1";

    public record Checkpoint(long treeSize, long lastGlobalIndex, String root, String sealedAt, String signature) {
        public String signedText() {
            return FORMAT + "\n" + treeSize + "\n" + lastGlobalIndex + "\n" + root + "\n" + sealedAt;
        }

        public boolean verifies(PublicKey key) {
            try {
                Signature ed25519 = Signature.getInstance("Ed25519");
                ed25519.initVerify(key);
                ed25519.update(signedText().getBytes(StandardCharsets.UTF_8));
                return ed25519.verify(Base64.getDecoder().decode(signature));
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                return false;
            }
        }
    }

    private Checkpoints() {
    }

    /** A leaf with its place in the store. */
    public interface LeafSink {
        void accept(long globalIndex, String leaf);
    }

    /**
     * The tree's leaves, in global order, of the events after one global index up to and including another: each
     * event's stored text together with its stored hash ({@code EventHash.of(eventHash, …the event's fields…)}), so
     * that a changed payload moves the root whether or not whoever changed it also rewrote the hashes.
     */
    public static void leaves(Connection connection, long after, long upTo, LeafSink sink) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false); // PostgreSQL streams a result set only inside a transaction
        try (PreparedStatement select = connection.prepareStatement("""
                select globalIndex, eventHash, eventIdentifier, aggregateIdentifier, type, timeStamp, payloadType,
                       payloadRevision, payload, metaData
                from domainevententry where globalIndex > ? and globalIndex <= ? order by globalIndex""")) {
            select.setLong(1, after);
            select.setLong(2, upTo);
            select.setFetchSize(1000);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    sink.accept(rows.getLong(1), EventHash.of(rows.getString(2), rows.getString(3), rows.getString(4),
                            rows.getString(5), rows.getString(6), rows.getString(7), rows.getString(8), rows.getString(9),
                            rows.getString(10)));
                }
            }
        } finally {
            connection.rollback();
            connection.setAutoCommit(autoCommit);
        }
    }

    /**
     * The log as far as a sealer has read it: the tree's right edge and the last global index in it. Each seal reads
     * only the events after that index — not the whole store every minute —, and a node that starts (or finds that
     * another node sealed further) takes the right edge up from the stored subtrees instead of reading the log again.
     * The subtrees of {@link SealedTree#BLOCK} leaves and more that form are kept until {@link #store} writes them.
     */
    public static final class SealedLog {
        private MerkleTree.Frontier frontier;
        private long through;
        private long blockFirst;
        private long lastAdded;
        private final List<SealedTree.Subtree> formed = new ArrayList<>();

        public SealedLog() {
            restart(new MerkleTree.Frontier(), Long.MIN_VALUE);
        }

        private void restart(MerkleTree.Frontier from, long globalIndex) {
            frontier = from;
            through = globalIndex;
            formed.clear();
            frontier.onCompleted((height, index, hash) -> {
                if (height >= SealedTree.BLOCK_HEIGHT) {
                    formed.add(new SealedTree.Subtree(height, index, java.util.HexFormat.of().formatHex(hash),
                            height == SealedTree.BLOCK_HEIGHT ? blockFirst : null, lastAdded));
                }
            });
        }

        long size() {
            return frontier.size();
        }

        void extend(Connection connection, long upTo) throws SQLException {
            resumeFromStored(connection, upTo);
            if (upTo <= through) {
                return;
            }
            try {
                leaves(connection, through, upTo, (index, leaf) -> {
                    if (frontier.size() % SealedTree.BLOCK == 0) {
                        blockFirst = index;
                    }
                    lastAdded = index;
                    frontier.add(leaf);
                });
                through = upTo;
            } catch (SQLException | RuntimeException e) {
                // read in part: start again from what is stored next time rather than add some leaves twice
                restart(new MerkleTree.Frontier(), Long.MIN_VALUE);
                throw e;
            }
        }

        /** Where the stored blocks reach further than this log has read (up to {@code upTo}), go on from them. */
        private void resumeFromStored(Connection connection, long upTo) throws SQLException {
            try (PreparedStatement select = connection.prepareStatement("""
                    select subtree_index, last_global_index from integrity_subtree where subtree_height = ?
                    and last_global_index <= ? order by subtree_index desc limit 1""")) {
                select.setInt(1, SealedTree.BLOCK_HEIGHT);
                select.setLong(2, upTo);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next() || row.getLong(2) <= through) {
                        return;
                    }
                    MerkleTree.Frontier stored = SealedTree.frontierOfBlocks(connection, row.getLong(1) + 1);
                    if (stored != null) {
                        restart(stored, row.getLong(2));
                    }
                }
            }
        }

        /** Writes the subtrees formed since the last call, in the connection's transaction. */
        void store(Connection connection) throws SQLException {
            SealedTree.store(connection, formed);
            formed.clear();
        }

        /** After a transaction that was to store them failed: read again from what is stored. */
        void forget() {
            restart(new MerkleTree.Frontier(), Long.MIN_VALUE);
        }
    }

    public static List<Checkpoint> all(Connection connection) throws SQLException {
        List<Checkpoint> checkpoints = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("""
                select tree_size, last_global_index, root, sealed_at, signature from integrity_checkpoint order by tree_size""");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                checkpoints.add(new Checkpoint(rows.getLong(1), rows.getLong(2), rows.getString(3), rows.getString(4),
                        rows.getString(5)));
            }
        }
        return checkpoints;
    }

    /** Seals the log up to a global index (all events up to it committed), reading it whole. */
    public static Checkpoint seal(Connection connection, long lastGlobalIndex, PrivateKey key, String sealedAt)
            throws SQLException, GeneralSecurityException {
        return seal(connection, new SealedLog(), lastGlobalIndex, key, sealedAt);
    }

    /**
     * Seals the log up to a global index (all events up to it committed), reading only what {@code log} has not read
     * yet; nothing when no event was added since the last checkpoint. The checkpoint and the subtrees that formed are
     * written in one transaction.
     */
    public static Checkpoint seal(Connection connection, SealedLog log, long lastGlobalIndex, PrivateKey key, String sealedAt)
            throws SQLException, GeneralSecurityException {
        log.extend(connection, lastGlobalIndex);
        long size = log.size();
        List<Checkpoint> existing = all(connection);
        Checkpoint signed = null;
        if (size > 0 && (existing.isEmpty() || existing.get(existing.size() - 1).treeSize() < size)) {
            String root = log.frontier.root();
            Checkpoint unsigned = new Checkpoint(size, lastGlobalIndex, root, sealedAt, "");
            Signature ed25519 = Signature.getInstance("Ed25519");
            ed25519.initSign(key);
            ed25519.update(unsigned.signedText().getBytes(StandardCharsets.UTF_8));
            signed = new Checkpoint(size, lastGlobalIndex, root, sealedAt, Base64.getEncoder().encodeToString(ed25519.sign()));
        }
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            log.store(connection);
            if (signed != null) {
                try (PreparedStatement insert = connection.prepareStatement("""
                        insert into integrity_checkpoint (tree_size, last_global_index, root, sealed_at, signature)
                        values (?, ?, ?, ?, ?)""")) {
                    insert.setLong(1, signed.treeSize());
                    insert.setLong(2, signed.lastGlobalIndex());
                    insert.setString(3, signed.root());
                    insert.setString(4, signed.sealedAt());
                    insert.setString(5, signed.signature());
                    insert.executeUpdate();
                }
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            log.forget();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
        return signed;
    }

    /**
     * Each checkpoint against the events as they are now, in one walk of the log: at each checkpoint's last global
     * index, the number of events read so far and their root. The findings name the checkpoints that no longer hold.
     */
    static long verifyAll(Connection connection, PublicKey key, List<StoreVerification.Finding> findings) throws SQLException {
        List<Checkpoint> checkpoints = new ArrayList<>(all(connection));
        if (checkpoints.isEmpty()) {
            return 0;
        }
        checkpoints.sort(java.util.Comparator.comparingLong(Checkpoint::lastGlobalIndex));
        MerkleTree.Frontier frontier = new MerkleTree.Frontier();
        int[] next = {0};
        leaves(connection, Long.MIN_VALUE, checkpoints.get(checkpoints.size() - 1).lastGlobalIndex(), (index, leaf) -> {
            while (next[0] < checkpoints.size() && checkpoints.get(next[0]).lastGlobalIndex() < index) {
                check(checkpoints.get(next[0]++), frontier, key, findings);
            }
            frontier.add(leaf);
        });
        while (next[0] < checkpoints.size()) {
            check(checkpoints.get(next[0]++), frontier, key, findings);
        }
        return checkpoints.size();
    }

    /** One checkpoint against the log read up to its last global index. */
    private static void check(Checkpoint checkpoint, MerkleTree.Frontier log, PublicKey key,
                              List<StoreVerification.Finding> findings) {
        String where = "điểm niêm phong / checkpoint " + checkpoint.treeSize() + " (#" + checkpoint.lastGlobalIndex() + ")";
        if (key != null && !checkpoint.verifies(key)) {
            findings.add(new StoreVerification.Finding("CHECKPOINT", null, null, checkpoint.lastGlobalIndex(),
                    where + ": chữ ký không hợp lệ / the signature does not verify"));
        } else if (log.size() != checkpoint.treeSize()) {
            findings.add(new StoreVerification.Finding("CHECKPOINT", null, null, checkpoint.lastGlobalIndex(),
                    where + ": " + log.size() + " sự kiện thay vì " + checkpoint.treeSize() + " / " + log.size()
                            + " events instead of " + checkpoint.treeSize()));
        } else if (!checkpoint.root().equals(log.root())) {
            findings.add(new StoreVerification.Finding("CHECKPOINT", null, null, checkpoint.lastGlobalIndex(),
                    where + ": gốc Merkle không khớp — sự kiện đã bị sửa, xóa hoặc đổi thứ tự / the Merkle root does not match"));
        }
    }
}
