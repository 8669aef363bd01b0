package vn.thanhhoa.cds.app;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Xã Hà Lĩnh (15316) of Huyện Hà Trung (392) through the whole 2023 lifecycle under Decision 1829's framework:
 * reporting, submission, the district's appraisal, the province's recognition. The province dashboard's recognised
 * count for 2023 rises by one against the target of 132.
 */
class HaTrungLifecycleTest extends PlatformTest {
    private static final String HA_LINH = "15316";
    private static final String BASE = "/api/communes/" + HA_LINH + "/assessments";

    private static Map<String, Object> ratio(long numerator, long denominator) {
        return Map.of("measure", "RATIO", "numerator", numerator, "denominator", denominator,
                "evidence", java.util.List.of(Map.of("number", "31/BC-UBND", "date", "2023-09-20", "title", "Báo cáo tự đánh giá")));
    }

    private static Map<String, Object> yes() {
        return Map.of("measure", "BOOLEAN", "value", true);
    }

    @Test
    void aCommuneOfHaTrungIsReportedSubmittedAppraisedAndRecognised() {
        JsonNode before = get("/api/province/dashboard?year=2023");
        assertThat(before.path("target").asInt()).isEqualTo(132);
        int recognisedBefore = before.path("recognised").asInt();

        As commune = As.commune(HA_LINH);
        assertThat(post(BASE, Map.of("year", 2023, "frameworkId", "TH-XA-1829-2023"), commune).getStatusCode().value()).isEqualTo(201);
        Map<String, Object> values = new LinkedHashMap<>();
        JsonNode framework = read(jdbc.sql("select definition from q_framework where framework_id = 'TH-XA-1829-2023'")
                .query(String.class).single());
        framework.path("pillars").forEach(p -> p.path("indicators").forEach(i ->
                values.put(i.path("code").asText(), "RATIO".equals(i.path("measure").asText()) ? ratio(31, 31) : yes())));
        values.put("3.5", ratio(50, 100));                                // e-health records: 50 % of a 90 % target
        values.put("4.6", Map.of("measure", "IN_PROGRESS"));             // security cameras: in progress
        values.forEach((code, value) ->
                assertThat(put(BASE + "/2023/indicators/" + code, value, commune).getStatusCode().value()).as(code).isEqualTo(204));
        assertThat(post(BASE + "/2023/submission", Map.of("reportNumber", "31/BC-UBND", "reportDate", "2023-09-20"), commune)
                .getStatusCode().value()).isEqualTo(204);

        As district = As.district("392");
        assertThat(post(BASE + "/2023/appraisal", null, district).getStatusCode().value()).isEqualTo(204);
        assertThat(put(BASE + "/2023/appraisal/indicators/3.2", Map.of("measure", "RATIO", "numerator", 70, "denominator", 100,
                "note", "Theo số liệu ngân hàng"), district).getStatusCode().value()).isEqualTo(204);
        ResponseEntity<String> concluded = post(BASE + "/2023/appraisal/conclusion",
                Map.of("document", Map.of("number", "215/BC-UBND", "date", "2023-10-15")), district);
        assertThat(concluded.getStatusCode().value()).as(concluded.getBody()).isEqualTo(204);

        JsonNode appraised = eventually(() -> get(BASE + "/2023"), c -> "APPRAISED_PASS".equals(c.path("stage").asText()));
        // 1,000 − 30 (4.6 in progress) − 30 × (1 − 0.5/0.9) (3.5 short of target) = 956.67
        assertThat(appraised.at("/concludedScore").decimalValue()).isEqualByComparingTo("956.67");
        assertThat(appraised.at("/selfScore/pointsDisplay").asText()).isEqualTo("956,7 điểm");

        reviewAndPropose(HA_LINH, 2023);
        ResponseEntity<String> recognised = send(HttpMethod.POST, BASE + "/2023/recognition",
                Map.of("document", Map.of("number", "4512/QĐ-UBND", "date", "2023-12-20")), As.province(), null);
        assertThat(recognised.getStatusCode().value()).as(recognised.getBody()).isEqualTo(204);

        JsonNode after = eventually(() -> get("/api/province/dashboard?year=2023"),
                d -> d.path("recognised").asInt() == recognisedBefore + 1);
        assertThat(after.path("headline").asText()).isEqualTo((recognisedBefore + 1) + "/132");
        JsonNode haTrung = null;
        for (JsonNode row : after.path("districtRows")) {
            if ("392".equals(row.path("code").asText())) {
                haTrung = row;
            }
        }
        assertThat(haTrung).isNotNull();
        assertThat(haTrung.path("recognised").asInt()).isGreaterThanOrEqualTo(1);
        // typed in today, decided on 20/12/2023: the chart of recognitions over the year counts it from its decision
        assertThat(after.path("progress").toString()).contains("\"date\":\"20/12/2023\"");
        assertThat(get("/api/communes/" + HA_LINH + "/assessments/2023").path("recognitionDecision").asText()).isEqualTo("4512/QĐ-UBND");
        JsonNode districtBoard = get("/api/districts/392/dashboard?year=2023");
        assertThat(districtBoard.at("/byStage/RECOGNISED").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(districtBoard.path("communes").asInt()).isEqualTo(20);
    }
}
