package vn.thanhhoa.cds.app;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.thanhhoa.cds.command.assessment.AssessmentCommands.ReportIndicatorValue;
import vn.thanhhoa.cds.events.assessment.AssessmentId;
import vn.thanhhoa.cds.events.common.ActedBy;
import vn.thanhhoa.cds.events.criteria.IndicatorValue;
import vn.thanhhoa.cds.infra.integrity.Checkpoints;
import vn.thanhhoa.cds.infra.integrity.MerkleTree;
import vn.thanhhoa.cds.infra.integrity.StoreVerification;

import javax.sql.DataSource;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proof that nothing was altered, tried as someone with write access to PostgreSQL would try to get around it: one
 * byte of a payload changed, an event deleted, two events swapped. The verification names each; a checkpoint an
 * auditor kept no longer has a consistency proof to the altered log, and has one again once the log is restored.
 */
class IntegrityTest extends PlatformTest {
    private static final String BASE = "/api/communes/15358/assessments"; // Xã Vĩnh Tiến, Huyện Vĩnh Lộc
    private static final As VINH_TIEN = As.commune("15358");
    private static final As AUDITOR = new As("kiem-toan", "AUDITOR", "38");

    @Autowired
    DataSource dataSource;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    CommandGateway commands;
    private KeyPair province;
    private String stream;
    private final List<String> events = new ArrayList<>();

    @BeforeEach
    void aStreamOfFiveEvents() throws Exception {
        province = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        if (stream == null) {
            assertThat(post(BASE, Map.of("year", 2024, "frameworkId", "TH-XA-1829-2023"), VINH_TIEN).getStatusCode().value()).isIn(201, 409);
            for (String indicator : List.of("1.1", "1.2", "1.3")) {
                put(BASE + "/2024/indicators/" + indicator, Map.of("measure", "RATIO", "numerator", 2, "denominator", 31), VINH_TIEN);
            }
            stream = jdbc.sql("select assessment_id from cmd_assessment where commune_id = '15358@2020-01-01' and year = 2024")
                    .query(String.class).single();
        }
        events.clear();
        events.addAll(jdbc.sql("select eventIdentifier from domainevententry where aggregateIdentifier = :s order by sequenceNumber")
                .param("s", stream).query(String.class).list());
        assertThat(events).hasSizeGreaterThanOrEqualTo(4);
    }

    @AfterEach
    void forgetTheTestsCheckpoints() {
        jdbc.sql("delete from integrity_checkpoint").update();
        jdbc.sql("delete from integrity_subtree").update();
    }

    private StoreVerification.Report verify() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            return StoreVerification.verify(connection, province.getPublic());
        }
    }

    /** As the sealer does: one read of the log, extended from seal to seal (the proofs below check its roots). */
    private final Checkpoints.SealedLog sealer = new Checkpoints.SealedLog();

    private Checkpoints.Checkpoint seal() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            long last = jdbc.sql("select max(globalIndex) from domainevententry").query(Long.class).single();
            return Checkpoints.seal(connection, sealer, last, province.getPrivate(), "2026-11-30T02:00:00Z");
        }
    }

    private List<String> kinds(StoreVerification.Report report) {
        return report.findings().stream().map(f -> f.kind() + " " + f.eventIdentifier() + " " + f.sequenceNumber()).toList();
    }

    @Test
    void anIntactStoreVerifiesAndItsCheckpointsProveEachOther() throws Exception {
        StoreVerification.Report report = verify();
        assertThat(report.findings()).isEmpty();
        assertThat(report.events()).isGreaterThan(900);

        assertThat(get("/api/integrity/verification", AUDITOR).path("findings").size()).isZero();
        assertThat(read("/api/integrity/verification", VINH_TIEN).getStatusCode().value()).isEqualTo(403);

        Checkpoints.Checkpoint kept = seal();
        put(BASE + "/2024/indicators/1.4", Map.of("measure", "RATIO", "numerator", 3, "denominator", 31), VINH_TIEN);
        Checkpoints.Checkpoint later = seal();
        assertThat(later.treeSize()).isGreaterThan(kept.treeSize());
        assertThat(later.verifies(province.getPublic())).isTrue();

        JsonNode consistency = get("/api/integrity/consistency?from=" + kept.treeSize() + "&to=" + later.treeSize(), AUDITOR);
        assertThat(MerkleTree.verifyConsistency(kept.treeSize(), later.treeSize(), kept.root(), later.root(),
                strings(consistency.path("proof")))).isTrue();
        JsonNode inclusion = get("/api/integrity/inclusion?eventIdentifier=" + events.get(1) + "&treeSize=" + later.treeSize(), AUDITOR);
        assertThat(MerkleTree.verifyInclusion(inclusion.path("leaf").asText(), inclusion.path("leafIndex").asLong(),
                later.treeSize(), later.root(), strings(inclusion.path("proof")))).isTrue();
    }

    @Test
    void oneAlteredByteIsNamedAndBreaksTheKeptCheckpoint() throws Exception {
        Checkpoints.Checkpoint kept = seal();
        String target = events.get(2);
        String payload = jdbc.sql("select payload from domainevententry where eventIdentifier = :e").param("e", target).query(String.class).single();
        try {
            jdbc.sql("update domainevententry set payload = :p where eventIdentifier = :e")
                    .param("p", payload.replace("\"numerator\":2", "\"numerator\":3")).param("e", target).update();
            StoreVerification.Report report = verify();
            assertThat(kinds(report)).contains("ALTERED " + target + " 2");
            assertThat(report.findings()).anyMatch(f -> f.kind().equals("CHECKPOINT"));
            // no proof computed from the altered log: the proof of the altered event is refused, naming the checkpoint
            var refused = read("/api/integrity/inclusion?eventIdentifier=" + target + "&treeSize=" + kept.treeSize(), AUDITOR);
            assertThat(refused.getStatusCode().value()).as(refused.getBody()).isEqualTo(409);
            assertThat(read(refused.getBody()).path("code").asText()).isEqualTo("CHECKPOINT_MISMATCH");
            assertThat(read(refused.getBody()).path("signedRoot").asText()).isEqualTo(kept.root());
            // and a proof between the checkpoints is either refused or made of what was sealed: it checks against the
            // signed roots, never against roots computed from today's log
            var between = read("/api/integrity/consistency?from=" + kept.treeSize() + "&to=" + kept.treeSize(), AUDITOR);
            if (between.getStatusCode().value() == 200) {
                assertThat(read(between.getBody()).path("toRoot").asText()).isEqualTo(kept.root());
            } else {
                assertThat(read(between.getBody()).path("code").asText()).isEqualTo("CHECKPOINT_MISMATCH");
            }
        } finally {
            jdbc.sql("update domainevententry set payload = :p where eventIdentifier = :e").param("p", payload).param("e", target).update();
        }
        assertThat(verify().findings()).isEmpty();
    }

    /**
     * A transaction that took its place in the global order and stays open while later ones commit (the fault: sealed
     * #1062 without #1057, and every checkpoint after it one event short) is never sealed past: the checkpoints stay
     * below it until it commits, then take it in, and all of them verify.
     */
    @Test
    void aTransactionHeldOpenAcrossSealsIsNeverSealedPast() throws Exception {
        vn.thanhhoa.cds.infra.integrity.Sealer sealer = new vn.thanhhoa.cds.infra.integrity.Sealer(dataSource,
                new vn.thanhhoa.cds.infra.integrity.IntegrityKeys(province.getPrivate(), province.getPublic()), java.time.Clock.systemUTC());
        AssessmentId assessment = AssessmentId.parse(stream);
        ActedBy officer = new ActedBy("can-bo-15358", "COMMUNE", "15358", java.time.Instant.now());
        List<Long> heldAt = new ArrayList<>();
        List<Checkpoints.Checkpoint> whileHeld = new ArrayList<>();
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            // a command whose transaction is held open: its event has its place, uncommitted
            commands.sendAndWait(new ReportIndicatorValue(assessment, "1.5",
                    new IndicatorValue.Ratio(java.math.BigDecimal.ONE, new java.math.BigDecimal(31)), List.of(), officer));
            heldAt.add(jdbc.sql("select max(globalIndex) from domainevententry").query(Long.class).single());
            // later ones commit above it (another commune's: Xã Ba Đình, Huyện Nga Sơn), and the sealer runs meanwhile
            assertThat(post("/api/communes/16096/assessments", Map.of("year", 2024, "frameworkId", "TH-XA-1829-2023"),
                    As.commune("16096")).getStatusCode().value()).isEqualTo(201);
            for (int run = 0; run < 3; run++) {
                java.util.Optional.ofNullable(sealer.seal()).ifPresent(whileHeld::add);
            }
        });
        assertThat(whileHeld).allSatisfy(c -> assertThat(c.lastGlobalIndex()).isLessThan(heldAt.get(0)));
        // sealed once every transaction open when the sealer last looked has ended (any on the server: wait a little)
        Checkpoints.Checkpoint after = null;
        long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while ((after == null || after.lastGlobalIndex() < heldAt.get(0)) && System.nanoTime() < until) {
            after = java.util.Optional.ofNullable(sealer.seal()).orElse(after);
            Thread.sleep(100);
        }
        assertThat(after).isNotNull();
        assertThat(after.lastGlobalIndex()).isGreaterThan(heldAt.get(0));
        assertThat(verify().findings()).isEmpty();
    }

    /** The verification runs in the background; whoever started it follows its progress to its report. */
    @Test
    void theVerificationIsAJobWhoseProgressAndReportCanBeFollowed() {
        ResponseEntity<String> started = post("/api/integrity/verifications", Map.of(), AUDITOR);
        assertThat(started.getStatusCode().value()).as(started.getBody()).isEqualTo(202);
        String job = started.getHeaders().getLocation().toString();
        assertThat(read(started.getBody()).path("eventsTotal").asLong()).isPositive();
        JsonNode done = eventually(() -> get(job, AUDITOR), j -> !"RUNNING".equals(j.path("state").asText()));
        assertThat(done.path("state").asText()).isEqualTo("DONE");
        assertThat(done.path("eventsChecked").asLong()).isGreaterThanOrEqualTo(done.path("eventsTotal").asLong());
        assertThat(done.at("/report/findings").isArray()).isTrue();
        assertThat(done.at("/report/findings").size()).isZero();
        assertThat(read(job, VINH_TIEN).getStatusCode().value()).isEqualTo(403);
        assertThat(read("/api/integrity/verifications/no-such-job", AUDITOR).getStatusCode().value()).isEqualTo(404);
        assertThat(post("/api/integrity/verifications", Map.of(), VINH_TIEN).getStatusCode().value()).isEqualTo(403);
    }

    @Test
    void aDeletedEventIsNamedByItsPlace() throws Exception {
        String target = events.get(3);
        Map<String, Object> row = jdbc.sql("select * from domainevententry where eventIdentifier = :e").param("e", target).query().singleRow();
        try {
            jdbc.sql("delete from domainevententry where eventIdentifier = :e").param("e", target).update();
            assertThat(kinds(verify())).contains("MISSING null 3");
        } finally {
            restore(row);
        }
        assertThat(verify().findings()).isEmpty();
    }

    @Test
    void twoSwappedEventsAreNamedAsOutOfPlace() throws Exception {
        String first = events.get(1);
        String second = events.get(2);
        try {
            swap(first, second);
            assertThat(kinds(verify())).contains("REORDERED " + first + " 2", "REORDERED " + second + " 1");
        } finally {
            swap(first, second);
        }
        assertThat(verify().findings()).isEmpty();
    }

    private void swap(String a, String b) {
        long sa = jdbc.sql("select sequenceNumber from domainevententry where eventIdentifier = :e").param("e", a).query(Long.class).single();
        long sb = jdbc.sql("select sequenceNumber from domainevententry where eventIdentifier = :e").param("e", b).query(Long.class).single();
        jdbc.sql("update domainevententry set sequenceNumber = -1 where eventIdentifier = :e").param("e", a).update();
        jdbc.sql("update domainevententry set sequenceNumber = :s where eventIdentifier = :e").param("s", sa).param("e", b).update();
        jdbc.sql("update domainevententry set sequenceNumber = :s where eventIdentifier = :e").param("s", sb).param("e", a).update();
    }

    private void restore(Map<String, Object> row) {
        var insert = jdbc.sql("""
                insert into domainevententry (globalIndex, eventIdentifier, aggregateIdentifier, sequenceNumber, type, timeStamp,
                                              payloadType, payloadRevision, payload, metaData, eventHash)
                values (:globalindex, :eventidentifier, :aggregateidentifier, :sequencenumber, :type, :timestamp,
                        :payloadtype, :payloadrevision, :payload, :metadata, :eventhash)""");
        for (Map.Entry<String, Object> column : row.entrySet()) {
            insert = insert.param(column.getKey().toLowerCase(), column.getValue());
        }
        insert.update();
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
