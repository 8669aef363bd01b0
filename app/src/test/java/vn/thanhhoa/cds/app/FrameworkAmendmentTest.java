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
        assertThat(post(base, Map.of("year", 2024, "frameworkId", FRAMEWORK), commune).getStatusCode().value()).isEqualTo(201);
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
}
