package vn.thanhhoa.cds.app;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The province rebuilds every read model from the events while the live ones keep answering: commands and dashboards
 * go on during the rebuild, and after the switch the read models are the events' again — a row an operator's mistake
 * changed is what the events say — the former tables kept aside, the processors running on.
 */
class ReadModelRebuildTest extends PlatformTest {
    private static final String REBUILD = "/api/read-models/rebuild";
    private static final As AUDITOR = new As("thanh-tra", "AUDITOR", "38");
    private static final String VINH_THINH = "15388"; // Xã Vĩnh Thịnh, Huyện Vĩnh Lộc
    private static final String NINH_KHANG = "15385"; // Xã Ninh Khang, Huyện Vĩnh Lộc
    private static final String XUAN_HONG = "15493"; // Xã Xuân Hồng, Huyện Thọ Xuân
    private static final String NAM_GIANG = "15505"; // Xã Nam Giang, Huyện Thọ Xuân
    private static final String XUAN_PHONG = "15508"; // Xã Xuân Phong, Huyện Thọ Xuân
    private static final String CARD = "/api/communes/" + VINH_THINH + "/assessments/2024";
    private static final String DISTRICT = "/api/districts/393/dashboard?year=2024";

    @Test
    void rebuildsWhileServingAndSwitchesOver() {
        assertThat(post("/api/communes/" + VINH_THINH + "/assessments", Map.of("year", 2024, "frameworkId", "TH-XA-1829-2023"),
                As.commune(VINH_THINH)).getStatusCode().value()).isEqualTo(201);
        put(CARD + "/indicators/1.1", Map.of("measure", "RATIO", "numerator", 20, "denominator", 31), As.commune(VINH_THINH));
        assertThat(post(CARD + "/submission", Map.of("reportNumber", "41/BC-UBND"), As.commune(VINH_THINH)).getStatusCode().value())
                .isEqualTo(204);
        JsonNode card = eventually(() -> get(CARD), c -> "SUBMITTED".equals(c.path("stage").asText()));

        // who may: the province; everyone else — auditors too: they write nothing — is refused with problem+json
        // before anything starts; auditors follow the progress
        for (As caller : new As[]{As.commune(VINH_THINH), As.district("393"), new As("bcd", "STEERING", "38"), AUDITOR}) {
            ResponseEntity<String> refused = post(REBUILD, null, caller);
            assertThat(refused.getStatusCode().value()).as(caller.role()).isEqualTo(403);
            assertThat(refused.getHeaders().getContentType()).hasToString("application/problem+json");
        }
        assertThat(post(REBUILD, null, null).getStatusCode().value()).isEqualTo(401);
        assertThat(read(REBUILD, As.commune(VINH_THINH)).getStatusCode().value()).isEqualTo(403);

        // a commune registered just before it, in the appraisal queue: what the poison's failure undoes in the rebuild
        // is the poison's own, not this (compared below)
        assertThat(post("/api/communes/" + XUAN_PHONG + "/assessments", Map.of("year", 2024, "frameworkId", "TH-XA-1829-2023"),
                As.commune(XUAN_PHONG)).getStatusCode().value()).isEqualTo(201);
        // an event in the store that no projection can apply (numbers outside their domain, written around the
        // platform): the rebuild dead-letters it, as the live processor does
        assertThat(post("/api/communes/" + XUAN_HONG + "/assessments", Map.of("year", 2024, "frameworkId", "TH-XA-1829-2023"),
                As.commune(XUAN_HONG)).getStatusCode().value()).isEqualTo(201);
        String xuanHong = "/api/communes/" + XUAN_HONG + "/assessments/2024";
        put(xuanHong + "/indicators/1.1", Map.of("measure", "RATIO", "numerator", 1, "denominator", 31), As.commune(XUAN_HONG));
        String poison = storeOutOfDomainValue(XUAN_HONG);
        // and one whose every kind of row (versions, timeline, score history, history) the comparison below covers
        assertThat(post("/api/communes/" + NAM_GIANG + "/assessments", Map.of("year", 2024, "frameworkId", "TH-XA-1829-2023"),
                As.commune(NAM_GIANG)).getStatusCode().value()).isEqualTo(201);
        String namGiang = "/api/communes/" + NAM_GIANG + "/assessments/2024";
        put(namGiang + "/indicators/1.1", Map.of("measure", "RATIO", "numerator", 25, "denominator", 31), As.commune(NAM_GIANG));
        assertThat(post(namGiang + "/submission", Map.of("reportNumber", "52/BC-UBND"), As.commune(NAM_GIANG))
                .getStatusCode().value()).isEqualTo(204);
        try {
            rebuildWithThePoisonInTheStore(poison, card);
        } finally {
            // the test's own poison leaves with it: the store and the queue are shared by every test of this context
            jdbc.sql("delete from deadletterentry where eventIdentifier = :id").param("id", poison).update();
            jdbc.sql("delete from domainevententry where eventIdentifier = :id").param("id", poison).update();
        }
    }

    private void rebuildWithThePoisonInTheStore(String poison, JsonNode card) {
        await().atMost(Duration.ofSeconds(30)).until(() -> letters(poison).size() == 1);

        // every assessment and indicator as the live processor made them, the rebuild (its lanes side by side) must make
        long head = jdbc.sql("select max(globalIndex) from domainevententry").query(Long.class).single();
        eventually(readModels::position, position -> position >= head);
        // applied long ago, as a platform that has served for years holds its history: the rebuilt versions take
        // those applied times as they fold (not from a correction at the end, which covers only the latest minutes)
        jdbc.sql("update read_model_applied set applied_at = applied_at - interval '2 hours'").update();
        for (String versions : java.util.List.of("q_assessment_known", "q_indicator_known")) {
            jdbc.sql("update " + versions + " k set known_from = a.applied_at from read_model_applied a where a.event_id = k.event_id")
                    .update();
        }
        var assessmentsBefore = rows("select * from q_assessment order by assessment_id");
        var indicatorsBefore = rows("select * from q_indicator order by assessment_id, indicator_code");
        Map<String, java.util.List<Map<String, Object>>> written = new java.util.LinkedHashMap<>();
        WRITTEN_ROW_BY_ROW.forEach((name, select) -> written.put(name, rows(select.formatted(head))));
        var lettersBefore = deadLetteredStreams();

        // a mistake in the live read model (a row changed by hand): the rebuild restores what the events say
        jdbc.sql("update q_assessment set stage = 'RECOGNISED' where assessment_id = :id")
                .param("id", card.path("assessmentId").asText()).update();
        long stored = events();

        ResponseEntity<String> started = post(REBUILD, null, As.province());
        assertThat(started.getStatusCode().value()).as(started.getBody()).isEqualTo(202);
        assertThat(started.getHeaders().getLocation()).hasToString(REBUILD);
        ResponseEntity<String> again = post(REBUILD, null, As.province());
        assertThat(again.getStatusCode().value()).isEqualTo(409);
        assertThat(read(again.getBody()).path("code").asText()).isEqualTo("REBUILD_RUNNING");

        // while it runs the platform serves: a commune registers, the dashboards answer
        assertThat(post("/api/communes/" + NINH_KHANG + "/assessments", Map.of("year", 2024, "frameworkId", "TH-XA-1829-2023"),
                As.commune(NINH_KHANG)).getStatusCode().value()).isEqualTo(201);
        assertThat(read(DISTRICT, As.province()).getStatusCode().value()).isEqualTo(200);

        JsonNode done = await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250))
                .until(() -> get(REBUILD, AUDITOR), p -> !p.path("state").asText().matches("COPYING|REPLAYING|SWITCHING"));
        assertThat(done.path("state").asText()).as(done.toString()).isEqualTo("DONE");
        assertThat(done.path("eventsDone").asLong()).isGreaterThanOrEqualTo(stored);
        assertThat(done.path("eventsTotal").asLong()).isGreaterThanOrEqualTo(stored);
        assertThat(done.path("eventsPerSecond").asDouble()).isPositive();
        assertThat(done.path("deadLettered").asLong()).isPositive();
        // the dead letters are the rebuild's: the poison once, with its cause
        assertThat(letters(poison)).as("the poison among the dead letters once, with its cause").hasSize(1)
                .allSatisfy(cause -> assertThat(cause).contains("OutOfDomainException"));

        // the card is the events' again, equal to the one shown before the mistake
        assertThat(eventually(() -> get(CARD), c -> "SUBMITTED".equals(c.path("stage").asText()))).isEqualTo(card);
        assertThat(jdbc.sql("select stage from q_assessment where assessment_id = :id").param("id", card.path("assessmentId").asText())
                .query(String.class).single()).isEqualTo("SUBMITTED");
        // the rest as before: every other assessment and indicator row, except the streams with dead letters (their
        // events wait, or were handled by hand) and what came during the rebuild
        String ninhKhang = "/api/communes/" + NINH_KHANG + "/assessments/2024";
        java.util.Set<Object> aside = new java.util.HashSet<>(lettersBefore);
        aside.addAll(deadLetteredStreams());
        aside.add(card.path("assessmentId").asText());
        aside.add(get(ninhKhang).path("assessmentId").asText());
        assertThat(without(rows("select * from q_assessment order by assessment_id"), aside))
                .isEqualTo(without(assessmentsBefore, aside)).isNotEmpty();
        assertThat(without(rows("select * from q_indicator order by assessment_id, indicator_code"), aside))
                .isEqualTo(without(indicatorsBefore, aside));
        // and what the live projections write row by row as events come (the versions, timelines, score histories,
        // the auditors' history), which the rebuild folds in memory and writes in bulk: the same rows in the same order
        WRITTEN_ROW_BY_ROW.forEach((name, select) -> assertThat(without(rows(select.formatted(head)), aside)).as(name)
                .isEqualTo(without(written.get(name), aside)).isNotEmpty());

        // what came during the rebuild is there, and the processors run on after the switch
        assertThat(get(ninhKhang).path("stage").asText()).isEqualTo("REGISTERED");
        put(ninhKhang + "/indicators/1.1", Map.of("measure", "RATIO", "numerator", 31, "denominator", 31), As.commune(NINH_KHANG));
        eventually(() -> get(ninhKhang).path("timeline").size(), size -> size == 2);
        // the auditors' history was rebuilt too, and the former tables are kept aside until the next rebuild
        assertThat(jdbc.sql("select count(*) from q_audit").query(Long.class).single()).isGreaterThanOrEqualTo(stored);
        String previous = jdbc.sql("select current_schema()").query(String.class).single() + "_previous";
        assertThat(jdbc.sql("select stage from " + previous + ".q_assessment where assessment_id = :id")
                .param("id", card.path("assessmentId").asText()).query(String.class).single()).isEqualTo("RECOGNISED");
        // the indexes kept their names: later migrations find them
        assertThat(jdbc.sql("select count(*) from pg_indexes where schemaname = current_schema() and indexname = 'ix_q_audit_order'")
                .query(Long.class).single()).isEqualTo(1);
    }

    /** Each table written row by row, in each assessment's order, without the numbers the rows were given. */
    private static final Map<String, String> WRITTEN_ROW_BY_ROW = Map.of(
            // written by the projections that keep their rows in tables as the fold goes (with the poison among them)
            "q_appraisal_queue", "select * from q_appraisal_queue order by assessment_id",
            "q_assessment_known", "select * from q_assessment_known order by assessment_id, version",
            "q_indicator_known", "select * from q_indicator_known order by assessment_id, indicator_code, version",
            "q_timeline", "select * from q_timeline order by assessment_id, id",
            "q_score_history", "select * from q_score_history order by assessment_id, id",
            "q_audit", "select * from q_audit where global_index <= %d order by global_index");

    private java.util.List<Map<String, Object>> rows(String select) {
        return jdbc.sql(select).query().listOfRows().stream().map(row -> {
            Map<String, Object> kept = new java.util.LinkedHashMap<>(row);
            kept.remove("version");
            kept.remove("id");
            if (kept.containsKey("event_id") && kept.containsKey("aggregate_id")) { // q_audit: by its assessment
                kept.put("assessment_id", kept.get("aggregate_id"));
            }
            return kept;
        }).toList();
    }

    /** The dashboards' dead letters of one event: their causes. */
    @org.springframework.beans.factory.annotation.Autowired
    vn.thanhhoa.cds.query.common.ReadModelVersion readModels;

    private static java.util.List<Map<String, Object>> without(java.util.List<Map<String, Object>> rows, java.util.Set<Object> assessments) {
        return rows.stream().filter(row -> !assessments.contains(row.get("assessment_id"))).toList();
    }

    private java.util.Set<Object> deadLetteredStreams() {
        return new java.util.HashSet<>(jdbc.sql("select distinct sequenceIdentifier from deadletterentry where processingGroup = 'dashboards'")
                .query(String.class).list());
    }

    private java.util.List<String> letters(String eventIdentifier) {
        return jdbc.sql("select causeType from deadletterentry where processingGroup = 'dashboards' and eventIdentifier = :id")
                .param("id", eventIdentifier).query(String.class).list();
    }
}
