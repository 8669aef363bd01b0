package vn.thanhhoa.cds.app;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import vn.thanhhoa.cds.events.common.Limits;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The read side holds anything the write side accepts: the largest accepted value of every field, through every
 * command, is projected and read back whole. The text is what a careless or hostile person could type and the
 * platform must still keep: Vietnamese, quotes, markup, SQL, an emoji, line breaks where allowed. Communes of the
 * former Huyện Đông Sơn.
 */
class LargestValuesTest extends PlatformTest {
    private static final String COMMUNE = "16384";    // Xã Đông Ninh
    private static final String CLOSED = "16393";     // Xã Đông Yên
    private static final String DISTRICT = "405";
    private static final String BASE = "/api/communes/" + COMMUNE + "/assessments";
    private static final String FRAMEWORK = fill("TH-XA-GIOI-HAN-", "X", Limits.IDENTIFIER);
    private static final String SAMPLE = "Chỉ tiêu \"số\" <script>alert('x')</script>; DROP TABLE q_unit; -- ₫ 😀 Đạt ";

    /** Exactly {@code length} characters of {@code base} repeated, never ending in half an emoji. */
    static String fill(String start, String base, int length) {
        StringBuilder text = new StringBuilder(start);
        while (text.length() < length) {
            text.append(base);
        }
        text.setLength(length);
        if (Character.isHighSurrogate(text.charAt(length - 1))) {
            text.setCharAt(length - 1, 'x');
        }
        return text.toString();
    }

    static String line(int length) {
        return fill("", SAMPLE, length);
    }

    /** Reasons and notes may span lines. */
    static String text(int length) {
        return fill("", SAMPLE + "\n\t", length);
    }

    static Map<String, Object> document(int index) {
        return Map.of("number", fill(index + "/", "QĐ-UBND ", Limits.DOCUMENT_NUMBER), "date", "2100-12-31",
                "title", line(Limits.TITLE));
    }

    static Map<String, Object> framework() {
        List<Map<String, Object>> pillars = new ArrayList<>();
        for (int p = 0; p < Limits.PILLARS; p++) {
            List<Map<String, Object>> indicators = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                Map<String, Object> indicator = new LinkedHashMap<>();
                indicator.put("code", fill(String.format("P%02d-I%d-", p, i), "Z", Limits.CODE));
                indicator.put("name", line(Limits.TITLE));
                indicator.put("nameEn", line(Limits.TITLE));
                indicator.put("measure", i % 2 == 0 ? "RATIO" : "BOOLEAN");
                if (i % 2 == 0) {
                    indicator.put("target", i == 0 ? "1" : "0.0001");
                }
                indicator.put("maxPoints", Limits.POINTS_MAX);
                indicator.put("mandatory", false);
                indicators.add(indicator);
            }
            pillars.add(Map.of("code", fill("P" + p + "-", "Y", Limits.CODE), "name", line(Limits.TITLE),
                    "nameEn", line(Limits.TITLE), "indicators", indicators));
        }
        return Map.of("id", FRAMEWORK, "title", line(Limits.TITLE), "basis", line(Limits.TITLE), "year", 2023,
                "scoring", "POINTS", "passRule", Map.of("minPoints", Limits.POINTS_MAX, "allMandatoryMet", true,
                        "note", text(Limits.REASON)), "pillars", pillars);
    }

    static String firstIndicator() {
        return fill("P00-I0-", "Z", Limits.CODE);
    }

    static Map<String, Object> largestRatio() {
        List<Map<String, Object>> evidence = new ArrayList<>();
        for (int i = 0; i < Limits.EVIDENCE_PER_VALUE; i++) {
            evidence.add(document(i));
        }
        return Map.of("measure", "RATIO", "numerator", Limits.COUNT_MAX, "denominator", Limits.COUNT_MAX,
                "note", text(Limits.REASON), "evidence", evidence);
    }

    private void accepted(ResponseEntity<String> response) {
        assertThat(response.getStatusCode().is2xxSuccessful()).as(String.valueOf(response.getBody())).isTrue();
    }

    @Test
    void theLargestValueOfEveryFieldIsProjectedAndReadBackWhole() throws Exception {
        String body = json.writeValueAsString(framework());
        assertThat(body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThan(Limits.BODY_BYTES);
        accepted(post("/api/frameworks", framework(), As.province()));
        eventually(() -> jdbc.sql("select count(*) from q_framework where framework_id = :id").param("id", FRAMEWORK)
                .query(Long.class).single(), n -> n == 1);

        registerUnder(FRAMEWORK, 2023, COMMUNE, Map.of("year", 2023, "frameworkId", FRAMEWORK, "asOf", "2023-12-31"));
        accepted(put(BASE + "/2023/indicators/" + firstIndicator(), largestRatio(), As.commune(COMMUNE)));
        Map<String, Object> report = Map.of("reportNumber", document(0).get("number"), "reportDate", "2100-12-31",
                "title", line(Limits.TITLE));
        accepted(post(BASE + "/2023/submission", report, As.commune(COMMUNE)));
        accepted(post(BASE + "/2023/appraisal", null, As.district(DISTRICT)));
        accepted(post(BASE + "/2023/return", Map.of("document", document(1), "reason", text(Limits.REASON),
                "indicators", List.of(Map.of("indicatorCode", firstIndicator(), "reason", text(Limits.REASON)))), As.district(DISTRICT)));
        accepted(post(BASE + "/2023/return/answers", Map.of("indicatorCode", firstIndicator(), "answer", text(Limits.REASON)),
                As.commune(COMMUNE)));
        JsonNode returned = eventually(() -> get(BASE + "/2023/return"), r -> r.at("/reasons/1/answer").isTextual());
        assertThat(returned.at("/reasons/1/reason").asText()).isEqualTo(text(Limits.REASON));
        assertThat(returned.at("/reasons/1/answer").asText()).isEqualTo(text(Limits.REASON));
        accepted(post(BASE + "/2023/submission", report, As.commune(COMMUNE)));
        accepted(post(BASE + "/2023/appraisal", null, As.district(DISTRICT)));
        accepted(put(BASE + "/2023/appraisal/indicators/" + firstIndicator(), largestRatio(), As.district(DISTRICT)));
        accepted(post(BASE + "/2023/appraisal/conclusion", Map.of("document", document(2)), As.district(DISTRICT)));
        reviewAndPropose(COMMUNE, 2023);
        accepted(post(BASE + "/2023/recognition", Map.of("document", document(3)), As.province()));
        accepted(post(BASE + "/2023/revocation", Map.of("document", document(4), "reason", text(Limits.REASON)), As.province()));
        Map<String, Object> points = new LinkedHashMap<>();
        for (int p = 0; p < Limits.PILLARS; p++) {
            for (int i = 0; i < 5; i++) {
                points.put(fill(String.format("P%02d-I%d-", p, i), "Z", Limits.CODE), "999.99");
            }
        }
        accepted(post("/api/frameworks/" + FRAMEWORK + "/amendments", Map.of("points", points,
                "decisionNumber", document(5).get("number"), "decisionDate", "2100-12-31", "reason", text(Limits.REASON)), As.province()));

        registerUnder(FRAMEWORK, 2023, CLOSED, Map.of("year", 2023, "frameworkId", FRAMEWORK));
        accepted(post("/api/communes/" + CLOSED + "/assessments/2023/closure",
                Map.of("document", document(6), "reason", text(Limits.REASON)), As.province()));
        accepted(send(org.springframework.http.HttpMethod.PUT, "/api/targets/2099", Map.of("provinceTarget", Limits.TARGET_COMMUNES_MAX,
                "districtTargets", List.of(), "decisionNumber", document(7).get("number"), "decisionDate", "2100-12-31"), As.province(), null));
        String unitCode = fill("9", "9", Limits.CODE);
        accepted(post("/api/map/reorganisations", Map.of("id", fill("NQ-GIOI-HAN-", "X", Limits.IDENTIFIER),
                "effectiveDate", "2100-12-31", "basis", line(Limits.TITLE),
                "newUnits", List.of(Map.of("code", unitCode, "name", line(Limits.TITLE), "kind", fill("xa", "x", Limits.CODE))),
                "renames", List.of(Map.of("code", "14758", "newName", line(Limits.TITLE)))), As.province()));

        // the card: every text whole, every number as sent, the scorings of both points kept
        JsonNode card = eventually(() -> get(BASE + "/2023"), c -> "REVOKED".equals(c.path("stage").asText())
                && c.path("scoreHistory").toString().contains((String) document(5).get("number")));
        assertThat(card.path("frameworkTitle").asText()).isEqualTo(line(Limits.TITLE));
        JsonNode line = HostileInputsTest.line(card, firstIndicator());
        assertThat(line.path("name").asText()).isEqualTo(line(Limits.TITLE));
        assertThat(line.path("value").path("numerator").decimalValue()).isEqualByComparingTo(Limits.COUNT_MAX);
        assertThat(line.path("appraisalNote").asText()).isEqualTo(text(Limits.REASON));
        assertThat(line.path("evidence")).hasSize(Limits.EVIDENCE_PER_VALUE);
        for (JsonNode evidence : line.path("evidence")) {
            assertThat(evidence.path("title").asText()).isEqualTo(line(Limits.TITLE));
            assertThat(evidence.path("number").asText()).hasSize(Limits.DOCUMENT_NUMBER);
        }
        assertThat(card.path("reportNumber").asText()).isEqualTo(document(0).get("number"));
        assertThat(card.path("timeline").toString()).contains("AssessmentReturnedWithReasons", "RecognitionRevoked");
        assertThat(card.path("concludedScore").decimalValue()).isEqualByComparingTo("1000");

        JsonNode closed = eventually(() -> get("/api/communes/" + CLOSED + "/assessments/2023"),
                c -> "SUPERSEDED".equals(c.path("stage").asText()));
        assertThat(closed.path("frameworkId").asText()).isEqualTo(FRAMEWORK);

        JsonNode map = eventually(() -> get("/api/map?date=2100-12-31"), m -> m.toString().contains(unitCode));
        assertThat(map.path("units").findValuesAsText("name")).contains(line(Limits.TITLE));
        assertThat(jdbc.sql("select communes from q_target where year = 2099 and allocation = 'OFFICIAL_ANNEX'")
                .query(Integer.class).list()).contains(Limits.TARGET_COMMUNES_MAX);
    }
}
