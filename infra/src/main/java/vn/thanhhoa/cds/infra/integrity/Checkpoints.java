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

    /**
     * The tree's leaves, in global order up to and including a global index: each event's stored text together with
     * its stored hash ({@code EventHash.of(eventHash, …the event's fields…)}), so that a changed payload moves the
     * root whether or not whoever changed it also rewrote the hashes.
     */
    public static List<String> leaves(Connection connection, long lastGlobalIndex) throws SQLException {
        List<String> leaves = new ArrayList<>();
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false); // PostgreSQL streams a result set only inside a transaction
        try (PreparedStatement select = connection.prepareStatement("""
                select eventHash, eventIdentifier, aggregateIdentifier, type, timeStamp, payloadType, payloadRevision,
                       payload, metaData
                from domainevententry where globalIndex <= ? order by globalIndex""")) {
            select.setLong(1, lastGlobalIndex);
            select.setFetchSize(1000);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    leaves.add(EventHash.of(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4),
                            rows.getString(5), rows.getString(6), rows.getString(7), rows.getString(8), rows.getString(9)));
                }
            }
        } finally {
            connection.rollback();
            connection.setAutoCommit(autoCommit);
        }
        return leaves;
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

    /** Seals the log up to a global index (all events up to it committed), unless nothing was added since the last. */
    public static Checkpoint seal(Connection connection, long lastGlobalIndex, PrivateKey key, String sealedAt)
            throws SQLException, GeneralSecurityException {
        List<String> leaves = leaves(connection, lastGlobalIndex);
        List<Checkpoint> existing = all(connection);
        if (leaves.isEmpty() || (!existing.isEmpty() && existing.get(existing.size() - 1).treeSize() >= leaves.size())) {
            return null;
        }
        String root = new MerkleTree(leaves).root(leaves.size());
        Checkpoint unsigned = new Checkpoint(leaves.size(), lastGlobalIndex, root, sealedAt, "");
        Signature ed25519 = Signature.getInstance("Ed25519");
        ed25519.initSign(key);
        ed25519.update(unsigned.signedText().getBytes(StandardCharsets.UTF_8));
        Checkpoint signed = new Checkpoint(leaves.size(), lastGlobalIndex, root, sealedAt,
                Base64.getEncoder().encodeToString(ed25519.sign()));
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
        return signed;
    }

    /** Each checkpoint against the events as they are now; the findings name the ones that no longer hold. */
    static long verifyAll(Connection connection, PublicKey key, List<StoreVerification.Finding> findings) throws SQLException {
        List<Checkpoint> checkpoints = all(connection);
        if (checkpoints.isEmpty()) {
            return 0;
        }
        List<String> leaves = leaves(connection, checkpoints.get(checkpoints.size() - 1).lastGlobalIndex());
        java.util.Map<Integer, String> roots = MerkleTree.prefixRoots(leaves,
                checkpoints.stream().map(c -> (int) c.treeSize()).collect(java.util.stream.Collectors.toSet()));
        for (Checkpoint checkpoint : checkpoints) {
            String where = "điểm niêm phong / checkpoint " + checkpoint.treeSize() + " (#" + checkpoint.lastGlobalIndex() + ")";
            if (key != null && !checkpoint.verifies(key)) {
                findings.add(new StoreVerification.Finding("CHECKPOINT", null, null, checkpoint.lastGlobalIndex(),
                        where + ": chữ ký không hợp lệ / the signature does not verify"));
                continue;
            }
            long size;
            try (PreparedStatement count = connection.prepareStatement("select count(*) from domainevententry where globalIndex <= ?")) {
                count.setLong(1, checkpoint.lastGlobalIndex());
                try (ResultSet row = count.executeQuery()) {
                    row.next();
                    size = row.getLong(1);
                }
            }
            if (size != checkpoint.treeSize()) {
                findings.add(new StoreVerification.Finding("CHECKPOINT", null, null, checkpoint.lastGlobalIndex(),
                        where + ": " + size + " sự kiện thay vì " + checkpoint.treeSize() + " / " + size + " events instead of "
                                + checkpoint.treeSize()));
            } else if (!checkpoint.root().equals(roots.get((int) size))) {
                findings.add(new StoreVerification.Finding("CHECKPOINT", null, null, checkpoint.lastGlobalIndex(),
                        where + ": gốc Merkle không khớp — sự kiện đã bị sửa, xóa hoặc đổi thứ tự / the Merkle root does not match"));
            }
        }
        return checkpoints.size();
    }
}
