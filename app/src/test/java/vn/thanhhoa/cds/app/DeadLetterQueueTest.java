package vn.thanhhoa.cds.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import vn.thanhhoa.cds.query.deadletter.DeadLetterHealth;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One commune's events that the dashboards cannot apply are quarantined, not retried forever: Xã Thiệu Ngọc's report
 * goes to the dead-letter queue, its later events wait behind it, Xã Thiệu Vũ and the dashboards of Huyện Thiệu Hóa
 * and the province carry on; the province retries after the fix and the card shows everything, in order, once.
 */
class DeadLetterQueueTest extends PlatformTest {
    private static final String THIEU_NGOC = "15775";
    private static final String THIEU_VU = "15778";
    private static final String THIEU_PHUC = "15781";
    private static final String THIEU_TIEN = "15784";
    private static final String THIEU_CONG = "15787";
    private static final String THIEU_HOA = "398";
    private static final int YEAR = 2024;
    private static final As AUDITOR = new As("thanh-tra", "AUDITOR", "38");
    private static final As STEERING = new As("bcd-tinh", "STEERING", "38");

    @Autowired
    PoisonedCommune poisoned;
    @Autowired
    MeterRegistry meters;
    @Autowired
    DeadLetterHealth health;

    @AfterEach
    void heal() {
        poisoned.heal();
    }

    private static String card(String commune) {
        return "/api/communes/" + commune + "/assessments/" + YEAR;
    }

    private void register(String commune) {
        assertThat(post("/api/communes/" + commune + "/assessments", Map.of("year", YEAR, "frameworkId", "TH-XA-1829-2023"),
                As.commune(commune)).getStatusCode().value()).isEqualTo(201);
        eventually(() -> read(card(commune), As.province()).getStatusCode().value(), status -> status == 200);
    }

    private void report(String commune, String indicator, long numerator) {
        Map<String, Object> value = Map.of("measure", "RATIO", "numerator", numerator, "denominator", 100,
                "evidence", List.of(Map.of("number", "45/BC-UBND", "date", "2024-09-20")));
        assertThat(put(card(commune) + "/indicators/" + indicator, value, As.commune(commune)).getStatusCode().value())
                .isEqualTo(204);
    }

    /** The reported numerator of an indicator on a commune's card, or null while it has none. */
    private static Long numerator(JsonNode card, String indicator) {
        for (JsonNode pillar : card.path("pillars")) {
            for (JsonNode line : pillar.path("lines")) {
                if (indicator.equals(line.path("code").asText())) {
                    return line.path("value").hasNonNull("numerator") ? line.at("/value/numerator").asLong() : null;
                }
            }
        }
        throw new AssertionError("no indicator " + indicator);
    }

    private double gauge() {
        return meters.find("cds.projection.dead.letters").tag("processor", "dashboards").gauge().value();
    }

    private static List<String> events(JsonNode card) {
        List<String> events = new ArrayList<>();
        card.path("timeline").forEach(entry -> events.add(entry.path("event").asText() + " " + entry.path("summary").asText()));
        return events;
    }

    @Test
    void aPoisonedReportIsQuarantinedWithWhatFollowsItAndAppliedInOrderAfterTheFix() {
        register(THIEU_NGOC);
        report(THIEU_NGOC, "1.1", 100);
        eventually(() -> get(card(THIEU_NGOC)), c -> Long.valueOf(100).equals(numerator(c, "1.1")));
        JsonNode provinceBefore = get("/api/province/dashboard?year=" + YEAR);

        poisoned.failFor(THIEU_NGOC, PoisonedCommune.Fault.FAILING_SQL);
        report(THIEU_NGOC, "3.2", 60);                                       // cannot be applied
        report(THIEU_NGOC, "3.4", 80);                                       // waits behind it
        assertThat(post(card(THIEU_NGOC) + "/submission", Map.of("reportNumber", "45/BC-UBND", "reportDate", "2024-09-20"),
                As.commune(THIEU_NGOC)).getStatusCode().value()).isEqualTo(204);   // waits too
        // another commune of the district, after the poisoned events: the dashboards still move
        register(THIEU_VU);
        report(THIEU_VU, "3.2", 70);
        JsonNode thieuVu = eventually(() -> get(card(THIEU_VU)), c -> Long.valueOf(70).equals(numerator(c, "3.2")));
        assertThat(thieuVu.path("stage").asText()).isEqualTo("REGISTERED");
        eventually(() -> get("/api/province/dashboard?year=" + YEAR),
                d -> d.path("registered").asInt() == provinceBefore.path("registered").asInt() + 1);
        eventually(() -> get("/api/districts/" + THIEU_HOA + "/dashboard?year=" + YEAR), d -> {
            for (JsonNode row : d.path("communeRows")) {
                if (THIEU_VU.equals(row.path("code").asText())) {
                    return row.path("selfMet").asInt() == 1;
                }
            }
            return false;
        });

        // Thiệu Ngọc: the poisoned report and what followed it are in the queue, none of them on the card
        eventually(this::gauge, count -> count == 3);
        // once straight in its batch (which then rolls back and runs again), then a bounded number of times in a savepoint
        assertThat(poisoned.attempts()).as("tried a bounded number of times").isEqualTo(1 + 3);
        JsonNode quarantined = get(card(THIEU_NGOC));
        assertThat(quarantined.path("stage").asText()).as("the failed event's changes undone").isEqualTo("REGISTERED");
        assertThat(numerator(quarantined, "1.1")).isEqualTo(100);
        assertThat(numerator(quarantined, "3.2")).as("all of the event or nothing").isNull();
        assertThat(numerator(quarantined, "3.4")).isNull();

        // visible to people: health, the list with the cause
        Health degraded = health.health();
        assertThat(degraded.getStatus()).isEqualTo(DeadLetterHealth.DEGRADED);
        assertThat(degraded.getDetails()).containsEntry("deadLetters", 3L);
        ResponseEntity<String> actuator = http.getForEntity("/actuator/health", String.class);
        assertThat(actuator.getStatusCode().value()).as("degraded, still serving").isEqualTo(200);
        assertThat(read(actuator.getBody()).path("status").asText()).isEqualTo("DEGRADED");

        JsonNode listed = get("/api/dead-letters", AUDITOR);
        assertThat(listed.path("total").asLong()).isEqualTo(3);
        JsonNode letters = listed.path("letters");
        String assessment = THIEU_NGOC + "@2020-01-01/" + YEAR;
        JsonNode failed = letters.get(0);
        assertThat(failed.path("sequenceId").asText()).isEqualTo(assessment);
        assertThat(failed.path("aggregateId").asText()).isEqualTo(assessment);
        assertThat(failed.path("eventType").asText()).isEqualTo("IndicatorValueReported");
        assertThat(failed.path("waiting").asBoolean()).isFalse();
        assertThat(failed.path("causeMessage").asText()).contains("division by zero");
        assertThat(failed.path("causeType").asText()).isNotBlank();
        assertThat(failed.path("globalIndex").asLong()).isGreaterThan(0);
        assertThat(failed.path("retries").asInt()).isZero();
        assertThat(failed.path("enqueuedAt").asText()).isNotBlank();
        assertThat(letters.get(1).path("waiting").asBoolean()).isTrue();
        assertThat(letters.get(1).path("causeType").isNull()).isTrue();
        assertThat(letters.get(2).path("eventType").asText()).isEqualTo("SelfAssessmentSubmitted");
        assertThat(letters.get(2).path("positionInSequence").asLong())
                .isGreaterThan(letters.get(1).path("positionInSequence").asLong());
        assertThat(get("/api/dead-letters?page=1&size=2").path("letters")).hasSize(1);
        ResponseEntity<String> tooLarge = read("/api/dead-letters?size=1000", As.province());
        assertThat(tooLarge.getStatusCode().value()).isEqualTo(422);
        assertThat(read(tooLarge.getBody()).path("field").asText()).isEqualTo("size");

        // who may do what: the province and auditors read, only the province retries
        assertForbidden(read("/api/dead-letters", STEERING), "PROVINCE_OR_AUDITOR_ONLY");
        assertForbidden(read("/api/dead-letters", As.district(THIEU_HOA)), "PROVINCE_OR_AUDITOR_ONLY");
        assertForbidden(post("/api/dead-letters/retry", null, AUDITOR), "PROVINCE_ONLY");
        assertForbidden(post("/api/dead-letters/retry", null, As.district(THIEU_HOA)), "PROVINCE_ONLY");
        assertForbidden(post("/api/dead-letters/retry", null, As.commune(THIEU_NGOC)), "PROVINCE_ONLY");
        assertThat(sendWithToken(HttpMethod.POST, "/api/dead-letters/retry", null, null, null).getStatusCode().value())
                .isEqualTo(401);

        // a retry before the fix fails cleanly: nothing applied, the letter keeps its place and counts the retry
        ResponseEntity<String> early = post("/api/dead-letters/retry", null, As.province());
        assertThat(early.getStatusCode().value()).as(early.getBody()).isEqualTo(200);
        JsonNode tooEarly = read(early.getBody());
        assertThat(tooEarly.path("applied").asLong()).isZero();
        assertThat(tooEarly.path("remaining").asLong()).isEqualTo(3);
        assertThat(get("/api/dead-letters").at("/letters/0/retries").asInt()).isEqualTo(1);
        assertThat(numerator(get(card(THIEU_NGOC)), "3.2")).isNull();

        // the fix, then the province's retry: everything applied, in order, once
        poisoned.heal();
        ResponseEntity<String> retried = post("/api/dead-letters/retry", null, As.province());
        assertThat(retried.getStatusCode().value()).as(retried.getBody()).isEqualTo(200);
        assertThat(read(retried.getBody()).path("applied").asLong()).isEqualTo(3);
        assertThat(read(retried.getBody()).path("remaining").asLong()).isZero();
        JsonNode applied = get(card(THIEU_NGOC));
        assertThat(applied.path("stage").asText()).isEqualTo("SUBMITTED");
        assertThat(numerator(applied, "3.2")).isEqualTo(60);
        assertThat(numerator(applied, "3.4")).isEqualTo(80);
        assertThat(events(applied)).extracting(e -> e.split(" ")[0]).containsExactly("AssessmentRegistered",
                "IndicatorValueReported", "IndicatorValueReported", "IndicatorValueReported", "SelfAssessmentSubmitted");
        assertThat(events(applied).get(2)).contains("3.2");
        assertThat(events(applied).get(3)).contains("3.4");
        assertThat(gauge()).isZero();
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        assertThat(read(http.getForEntity("/actuator/health", String.class).getBody()).path("status").asText()).isEqualTo("UP");
    }

    /** A lost database connection is no poison: nothing is dead-lettered, the batch is retried and applied. */
    @Test
    void aLostConnectionDeadLettersNothingAndTheBatchIsRetried() {
        register(THIEU_PHUC);
        poisoned.failFor(THIEU_PHUC, PoisonedCommune.Fault.LOST_CONNECTION);
        report(THIEU_PHUC, "3.2", 55);
        eventually(poisoned::attempts, attempts -> attempts >= 1);
        poisoned.heal();

        eventually(() -> get(card(THIEU_PHUC)), c -> Long.valueOf(55).equals(numerator(c, "3.2")));
        assertThat(gauge()).isZero();
        assertThat(get("/api/dead-letters").path("total").asLong()).isZero();
    }

    /**
     * A row the read tables refuse only when the batch's held writes are written, just before it commits (ReadBatch):
     * which event's it was is not known then, so the batch runs again with each event's writes made as it is applied,
     * and only that event is set aside, with what follows it in its commune's year; another commune's events in the
     * same moments are applied.
     */
    @Test
    void aRowRefusedAsTheBatchCommitsIsQuarantinedAloneWithWhatFollowsIt() {
        register(THIEU_TIEN);
        register(THIEU_CONG);
        // the timeline's row of one value only: refused by the table, not by any rule of the projection
        jdbc.sql("alter table q_timeline add constraint refused_value check (facts not like '%61/100%')").update();
        try {
            report(THIEU_TIEN, "3.2", 61);
            report(THIEU_CONG, "3.2", 70);
            report(THIEU_TIEN, "3.4", 80);
            eventually(() -> get(card(THIEU_CONG)), c -> Long.valueOf(70).equals(numerator(c, "3.2")));
            eventually(this::gauge, count -> count == 2);
            JsonNode quarantined = get(card(THIEU_TIEN));
            assertThat(numerator(quarantined, "3.2")).as("none of the refused event").isNull();
            assertThat(numerator(quarantined, "3.4")).as("waiting behind it").isNull();
            JsonNode letters = get("/api/dead-letters", AUDITOR).path("letters");
            assertThat(letters.get(0).path("causeMessage").asText()).contains("refused_value");
            assertThat(letters.get(1).path("waiting").asBoolean()).isTrue();
        } finally {
            jdbc.sql("alter table q_timeline drop constraint refused_value").update();
        }

        ResponseEntity<String> retried = post("/api/dead-letters/retry", null, As.province());
        assertThat(retried.getStatusCode().value()).as(retried.getBody()).isEqualTo(200);
        assertThat(read(retried.getBody()).path("applied").asLong()).isEqualTo(2);
        JsonNode applied = get(card(THIEU_TIEN));
        assertThat(numerator(applied, "3.2")).isEqualTo(61);
        assertThat(numerator(applied, "3.4")).isEqualTo(80);
        assertThat(events(applied)).extracting(e -> e.split(" ")[0]).containsExactly("AssessmentRegistered",
                "IndicatorValueReported", "IndicatorValueReported");
        assertThat(gauge()).isZero();
    }

    private void assertForbidden(ResponseEntity<String> response, String code) {
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(403);
        assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
        JsonNode problem = read(response.getBody());
        assertThat(problem.path("code").asText()).isEqualTo(code);
        assertThat(problem.path("detail").asText()).contains("Chỉ cấp tỉnh");
        assertThat(problem.path("detailEn").asText()).startsWith("Only the province");
    }
}
