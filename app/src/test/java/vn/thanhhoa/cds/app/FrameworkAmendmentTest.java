package vn.thanhhoa.cds.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The province corrected point values after publishing them (seed 003). Amending a framework re-scores every
 * commune assessed under it, from the events, and keeps both scorings in the history. Works on a framework of its own
 * (a copy of 1829) so other tests keep theirs.
 */
class FrameworkAmendmentTest extends PlatformTest {
    private static final String FRAMEWORK = "TH-XA-1829-AMEND-TEST";
    private static final String YEN_DUONG = "15286"; // Xã Yên Dương, Huyện Hà Trung

    @Test
    void amendingPointsReScoresTheCommunesAssessedUnderTheFramework() {
        ObjectNode framework = (ObjectNode) read(jdbc.sql("select definition from q_framework where framework_id = 'TH-XA-1829-2023'")
                .query(String.class).single());
        framework.put("id", FRAMEWORK);
        ResponseEntity<String> published = post("/api/frameworks", framework.toString(), As.province());
        assertThat(published.getStatusCode().value()).as(published.getBody()).isEqualTo(201);
        assertThat(post("/api/frameworks", framework.toString(), As.commune(YEN_DUONG)).getStatusCode().value()).isEqualTo(403);

        String base = "/api/communes/" + YEN_DUONG + "/assessments";
        As commune = As.commune(YEN_DUONG);
        registerUnder(FRAMEWORK, 2024, YEN_DUONG, Map.of("year", 2024, "frameworkId", FRAMEWORK));
        assertThat(put(base + "/2024/indicators/1.1", Map.of("measure", "RATIO", "numerator", 31, "denominator", 31), commune)
                .getStatusCode().value()).isEqualTo(204);
        assertThat(put(base + "/2024/indicators/1.6", Map.of("measure", "BOOLEAN", "value", true), commune)
                .getStatusCode().value()).isEqualTo(204);
        assertThat(post(base + "/2024/submission", Map.of("reportNumber", "40/BC-UBND"), commune).getStatusCode().value()).isEqualTo(204);
        JsonNode before = eventually(() -> get(base + "/2024"), c -> "SUBMITTED".equals(c.path("stage").asText()));
        assertThat(before.at("/selfScore/points").decimalValue()).isEqualByComparingTo("70"); // 40 + 30

        long eventsBefore = events();
        ResponseEntity<String> amended = post("/api/frameworks/" + FRAMEWORK + "/amendments",
                Map.of("points", Map.of("1.1", 60, "1.6", 30), "decisionNumber", "2115/STTTT-CNTT",
                        "decisionDate", "2023-10-05", "reason", "Đính chính số điểm"), As.province());
        assertThat(amended.getStatusCode().value()).as(amended.getBody()).isEqualTo(204);
        assertThat(events()).as("one amendment event; 1.6 unchanged").isEqualTo(eventsBefore + 1);

        JsonNode after = eventually(() -> get(base + "/2024"), c -> c.at("/selfScore/points").decimalValue().intValue() == 90);
        assertThat(after.at("/selfScore/maxPoints").decimalValue()).isEqualByComparingTo("1020");
        JsonNode history = after.path("scoreHistory");
        assertThat(history.size()).isEqualTo(2);
        assertThat(history.get(0).path("selfPoints").decimalValue()).isEqualByComparingTo("70");
        assertThat(history.get(1).path("selfPoints").decimalValue()).isEqualByComparingTo("90");
        assertThat(history.get(1).path("cause").asText()).contains("2115/STTTT-CNTT");

        ResponseEntity<String> unknown = post("/api/frameworks/" + FRAMEWORK + "/amendments",
                Map.of("points", Map.of("9.9", 10), "decisionNumber", "1/QĐ"), As.province());
        assertThat(unknown.getStatusCode().value()).isEqualTo(404);
    }

    /**
     * The case: a commune concluded Đạt on 1,000 points; the province then amends the points so that the same
     * values score below 700. The verdict is put in question (an event), shown on the card and the dashboards, the
     * commune cannot be recognised on it, and the appraiser concludes again on the amended points.
     */
    @Test
    void anAmendmentThatOverturnsAConcludedVerdictPutsItInQuestionUntilConcludedAgain() {
        String id = "TH-XA-1829-VERDICT-TEST";
        ObjectNode framework = (ObjectNode) read(jdbc.sql("select definition from q_framework where framework_id = 'TH-XA-1829-2023'")
                .query(String.class).single());
        framework.put("id", id);
        assertThat(post("/api/frameworks", framework.toString(), As.province()).getStatusCode().value()).isEqualTo(201);

        String base = "/api/communes/15355/assessments"; // Xã Vĩnh Yên, Huyện Vĩnh Lộc
        As commune = As.commune("15355");
        As district = As.district("393");
        registerUnder(id, 2024, "15355", Map.of("year", 2024, "frameworkId", id));
        Map<String, Object> allOne = new java.util.HashMap<>();
        framework.path("pillars").forEach(p -> p.path("indicators").forEach(i -> {
            assertThat(put(base + "/2024/indicators/" + i.path("code").asText(),
                    "RATIO".equals(i.path("measure").asText()) ? Map.of("measure", "RATIO", "numerator", 1, "denominator", 1)
                            : Map.of("measure", "BOOLEAN", "value", true), commune).getStatusCode().value()).isEqualTo(204);
            allOne.put(i.path("code").asText(), 1);
        }));
        assertThat(post(base + "/2024/submission", Map.of("reportNumber", "41/BC-UBND"), commune).getStatusCode().value()).isEqualTo(204);
        assertThat(post(base + "/2024/appraisal", null, district).getStatusCode().value()).isEqualTo(204);
        assertThat(post(base + "/2024/appraisal/conclusion", Map.of("document", Map.of("number", "15/BC-UBND")), district)
                .getStatusCode().value()).isEqualTo(204);
        eventually(() -> get(base + "/2024"), c -> "APPRAISED_PASS".equals(c.path("stage").asText()));

        assertThat(post("/api/frameworks/" + id + "/amendments", Map.of("points", allOne, "decisionNumber", "2116/STTTT-CNTT",
                "decisionDate", "2024-10-05", "reason", "Đính chính số điểm"), As.province()).getStatusCode().value()).isEqualTo(204);
        JsonNode card = eventually(() -> get(base + "/2024"), c -> c.path("verdictInQuestion").asBoolean());
        // each assessment asked in a unit of work of its own; the province follows the progress
        JsonNode progress = eventually(() -> get("/api/frameworks/" + id + "/verdict-reviews"),
                p -> p.size() == 1 && p.at("/0/done").asLong() == p.at("/0/total").asLong());
        assertThat(progress.at("/0/total").asLong()).isEqualTo(1);
        assertThat(progress.at("/0/pending").asLong()).isZero();
        assertThat(progress.at("/0/decisionNumber").asText()).isEqualTo("2116/STTTT-CNTT");
        assertThat(read("/api/frameworks/" + id + "/verdict-reviews", As.commune("15355")).getStatusCode().value()).isEqualTo(403);
        // a question left waiting by a node that stopped is asked by the next run (and records nothing twice)
        long beforeResumed = events();
        jdbc.sql("""
                        insert into cmd_verdict_review (amendment_id, assessment_id, framework_id, decision_number,
                                                        decision_title, subject, role, unit, acted_at, queued_at)
                        select 'left-by-a-stopped-node', assessment_id, framework_id, '2116/STTTT-CNTT', '', 'so-tttt',
                               'PROVINCE', '38', current_timestamp, current_timestamp
                        from cmd_assessment where framework_id = :id""").param("id", id).update();
        eventually(() -> get("/api/frameworks/" + id + "/verdict-reviews"),
                p -> p.size() == 2 && p.at("/1/done").asLong() == 1);
        assertThat(events()).as("the verdict already in question: nothing recorded twice").isEqualTo(beforeResumed);
        assertThat(card.path("stage").asText()).as("the verdict stands recorded until decided again").isEqualTo("APPRAISED_PASS");
        assertThat(card.path("timeline").toString()).contains("cần xem xét lại").contains("2116/STTTT-CNTT");
        assertThat(eventually(() -> get("/api/province/dashboard?year=2024"), d -> d.path("verdictsInQuestion").asInt() > 0)
                .path("verdictsInQuestion").asInt()).isPositive();
        JsonNode row = eventually(() -> get("/api/districts/393/dashboard?year=2024"), d -> d.toString().contains("15355"));
        row.path("communeRows").forEach(r -> {
            if ("15355".equals(r.path("code").asText())) {
                assertThat(r.path("verdictInQuestion").asBoolean()).isTrue();
            }
        });

        long before = events();
        var refused = post(base + "/2024/review", Map.of("note", ""), As.department());
        assertThat(refused.getStatusCode().value()).as(refused.getBody()).isEqualTo(409);
        assertThat(read(refused.getBody()).path("code").asText()).isEqualTo("VERDICT_IN_QUESTION");
        assertThat(events()).as("nothing appended").isEqualTo(before);

        assertThat(post(base + "/2024/appraisal/conclusion", Map.of("document", Map.of("number", "16/BC-UBND")), district)
                .getStatusCode().value()).isEqualTo(204);
        JsonNode concludedAgain = eventually(() -> get(base + "/2024"), c -> "APPRAISED_FAIL".equals(c.path("stage").asText()));
        assertThat(concludedAgain.path("verdictInQuestion").asBoolean()).isFalse();
    }
}
