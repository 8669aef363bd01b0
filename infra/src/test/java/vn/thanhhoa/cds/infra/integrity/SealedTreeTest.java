package vn.thanhhoa.cds.infra.integrity;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Proofs from the subtrees stored at sealing are the proofs of the whole tree held in memory, for trees of several
 * blocks (with gaps in the global order, and a last block in part), whichever node sealed them; and the leaves a proof
 * reads from today's log are checked against what was sealed.
 */
class SealedTreeTest {
    private static final int EVENTS = 2 * (int) SealedTree.BLOCK + 700;
    private final KeyPair province = generate();
    private final List<String> leaves = new ArrayList<>();
    private final List<Long> globalIndices = new ArrayList<>();
    private JdbcDataSource store;

    private static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeEach
    void aLogOfSeveralBlocks() throws Exception {
        store = new JdbcDataSource();
        store.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(store).locations("classpath:db/migration/common", "classpath:db/migration/h2").load().migrate();
        try (Connection connection = store.getConnection(); PreparedStatement insert = connection.prepareStatement("""
                insert into domainevententry (globalIndex, eventIdentifier, aggregateIdentifier, sequenceNumber, type,
                    timeStamp, payloadType, payloadRevision, payload, metaData, eventHash)
                values (?, ?, 'a', ?, 'T', '2026-12-06T00:00:00Z', 'P', '1', ?, '{}', ?)""")) {
            long globalIndex = 0;
            for (int i = 0; i < EVENTS; i++) {
                globalIndex += i % 97 == 0 ? 3 : 1; // rolled-back transactions leave gaps in the global order
                String payload = "{\"n\":" + i + "}";
                String hash = EventHash.of(null, "e" + i, "a", "T", "2026-12-06T00:00:00Z", "P", "1", payload, "{}");
                insert.setLong(1, globalIndex);
                insert.setString(2, "e" + i);
                insert.setLong(3, i);
                insert.setString(4, payload);
                insert.setString(5, hash);
                insert.addBatch();
                globalIndices.add(globalIndex);
            }
            insert.executeBatch();
            Checkpoints.leaves(connection, Long.MIN_VALUE, Long.MAX_VALUE, (index, leaf) -> leaves.add(leaf));
        }
    }

    private Checkpoints.Checkpoint seal(Checkpoints.SealedLog log, int size) throws Exception {
        try (Connection connection = store.getConnection()) {
            return Checkpoints.seal(connection, log, globalIndices.get(size - 1), province.getPrivate(), "2026-12-06T00:00:00Z");
        }
    }

    @Test
    void proofsFromTheStoredSubtreesAreThoseOfTheWholeTree() throws Exception {
        Checkpoints.SealedLog first = new Checkpoints.SealedLog();
        int[] sizes = {5, 1024, 1500, 2048, 2049, EVENTS - 1};
        List<Checkpoints.Checkpoint> sealed = new ArrayList<>();
        for (int size : sizes) {
            sealed.add(seal(first, size));
        }
        // another node (or this one after a restart) goes on from the stored subtrees, not from the first event
        sealed.add(seal(new Checkpoints.SealedLog(), EVENTS));
        MerkleTree whole = new MerkleTree(leaves);
        try (Connection connection = store.getConnection()) {
            assertThat(SealedTree.storedBlocks(connection)).isEqualTo(2);
            for (Checkpoints.Checkpoint newer : sealed) {
                int to = (int) newer.treeSize();
                assertThat(newer.root()).isEqualTo(whole.root(to));
                SealedTree tree = SealedTree.of(connection, newer);
                assertThat(tree.root(to)).isEqualTo(newer.root());
                for (Checkpoints.Checkpoint older : sealed) {
                    int from = (int) older.treeSize();
                    if (from <= to) {
                        assertThat(MerkleTree.consistency(tree, from, to)).as("%d → %d", from, to)
                                .isEqualTo(whole.consistency(from, to));
                    }
                }
                for (int index : new int[]{0, 1, 97, 1023, 1024, 1025, 2047, 2048, to - 1}) {
                    if (index < to) {
                        assertThat(tree.leafIndex(globalIndices.get(index))).isEqualTo(index);
                        assertThat(MerkleTree.inclusion(tree, index, to)).as("%d in %d", index, to)
                                .isEqualTo(whole.inclusion(index, to));
                    }
                }
            }
        }
    }

    @Test
    void aProofThatReadsAnAlteredOrMissingEventRefusesInsteadOfProving() throws Exception {
        Checkpoints.Checkpoint sealed = seal(new Checkpoints.SealedLog(), EVENTS);
        try (Connection connection = store.getConnection()) {
            connection.createStatement().executeUpdate("update domainevententry set payload = '{\"n\":0}' where eventIdentifier = 'e1500'");
            SealedTree tree = SealedTree.of(connection, sealed);
            assertThatThrownBy(() -> MerkleTree.inclusion(tree, 1501, EVENTS)).isInstanceOf(SealedTree.Mismatch.class);
            // the events of the other blocks are as sealed: their proofs stand
            assertThat(MerkleTree.inclusion(SealedTree.of(connection, sealed), 10, EVENTS))
                    .isEqualTo(new MerkleTree(leaves).inclusion(10, EVENTS));

            connection.createStatement().executeUpdate("delete from domainevententry where eventIdentifier = 'e" + (EVENTS - 3) + "'");
            assertThatThrownBy(() -> SealedTree.of(connection, sealed).root(EVENTS)).isInstanceOf(SealedTree.Mismatch.class);
        }
    }
}
