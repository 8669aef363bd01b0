package vn.thanhhoa.cds.infra.integrity;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * Not a test (its name keeps it out of the suite): how long a seal and a proof take, and how much memory a proof holds,
 * on a log of {@code -Dproofs.events} (3 000 000) synthetic events in PostgreSQL's schema {@code proofbench}, made
 * here when it is missing. BENCHMARKS.md, "Proofs in bounded memory", has the command and the figures.
 */
class ProofTimingBenchmark {
    @Test
    void sealAndProve() throws Exception {
        long events = Long.getLong("proofs.events", 3_000_000);
        var key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "")) {
            try (Statement s = c.createStatement()) {
                s.execute("drop schema if exists proofbench cascade");
                s.execute("create schema proofbench");
                s.execute("set search_path to proofbench");
                for (String migration : new String[]{"postgresql/V1_1__event_store.sql", "common/V1_3__event_hashes.sql",
                        "common/V1_5__integrity_subtrees.sql"}) {
                    s.execute(Files.readString(Path.of("src/main/resources/db/migration/" + migration)));
                }
                s.execute("""
                        insert into domainevententry (globalIndex, eventIdentifier, aggregateIdentifier, sequenceNumber, type,
                            timeStamp, payloadType, payloadRevision, payload, metaData, eventHash)
                        select g, 'e' || g, 'a' || (g / 100), g % 100, 'CommuneAssessment', '2026-12-06T00:00:00.000Z',
                               'vn.thanhhoa.cds.events.assessment.IndicatorValueReported', '1',
                               '{"indicatorCode":"1.1","value":{"measure":"RATIO","numerator":' || (g % 31) || ',"denominator":31}}',
                               '{}', encode(sha256(('x' || g)::bytea), 'hex')
                        from generate_series(1, {events}) g""".replace("{events}", Long.toString(events)));
            }
            Runtime rt = Runtime.getRuntime();
            long t0 = System.nanoTime();
            Checkpoints.SealedLog log = new Checkpoints.SealedLog();
            var first = Checkpoints.seal(c, log, events / 2, key.getPrivate(), "2026-12-06T00:00:00Z");
            long t1 = System.nanoTime();
            var second = Checkpoints.seal(c, log, events, key.getPrivate(), "2026-12-06T00:00:01Z");
            long t2 = System.nanoTime();
            System.out.printf("PROOFS %d events: seal of the first half %d ms, of the second %d ms%n", events,
                    (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
            System.gc();
            long heapBefore = rt.totalMemory() - rt.freeMemory();
            for (int run = 0; run < 5; run++) {
                long a = System.nanoTime();
                SealedTree tree = SealedTree.of(c, second);
                boolean rootHolds = tree.root(second.treeSize()).equals(second.root());
                var consistency = MerkleTree.consistency(tree, first.treeSize(), second.treeSize());
                long b = System.nanoTime();
                var inclusion = MerkleTree.inclusion(tree, tree.leafIndex(events * 3 / 4), second.treeSize());
                long d = System.nanoTime();
                System.out.printf("PROOFS run %d: signed root checked and consistency proof %d ms (%d hashes, verifies %s, "
                                + "root %s), inclusion proof %d ms (%d hashes)%n", run, (b - a) / 1_000_000, consistency.size(),
                        MerkleTree.verifyConsistency(first.treeSize(), second.treeSize(), first.root(), second.root(), consistency),
                        rootHolds, (d - b) / 1_000_000, inclusion.size());
            }
            System.out.printf("PROOFS heap in use before the proofs %d MB, after %d MB%n", heapBefore >> 20,
                    (rt.totalMemory() - rt.freeMemory()) >> 20);
            try (Statement s = c.createStatement()) {
                s.execute("drop schema proofbench cascade");
            }
        }
    }
}
