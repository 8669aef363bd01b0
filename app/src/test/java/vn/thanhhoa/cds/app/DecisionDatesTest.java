package vn.thanhhoa.cds.app;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The other kind of time: the dashboards "in force on" a date, as known now. A recognition counts from its
 * decision's date and a revocation ends it from its own, however late either was typed in.
 */
class DecisionDatesTest extends PlatformTest {
    private static final String VINH_AN = "15391"; // Xã Vĩnh An, Huyện Vĩnh Lộc
    private static final String BASE = "/api/communes/" + VINH_AN + "/assessments";
    private static final String FRAMEWORK = "TH-XA-1829-2023";

    @Test
    void aRecognitionCountsFromItsDecisionsDateAndARevocationFromItsOwn() {
        As commune = As.commune(VINH_AN);
        assertThat(post(BASE, Map.of("year", 2024, "frameworkId", FRAMEWORK), commune).getStatusCode().value()).isEqualTo(201);
        JsonNode framework = read(jdbc.sql("select definition from q_framework where framework_id = :id").param("id", FRAMEWORK)
                .query(String.class).single());
        framework.path("pillars").forEach(p -> p.path("indicators").forEach(i -> assertThat(put(BASE + "/2024/indicators/"
                        + i.path("code").asText(), "RATIO".equals(i.path("measure").asText())
                        ? Map.of("measure", "RATIO", "numerator", 1, "denominator", 1) : Map.of("measure", "BOOLEAN", "value", true), commune)
                .getStatusCode().value()).isEqualTo(204)));
        assertThat(post(BASE + "/2024/submission", Map.of("reportNumber", "80/BC-UBND"), commune).getStatusCode().value()).isEqualTo(204);
        assertThat(post(BASE + "/2024/appraisal", null, As.district("393")).getStatusCode().value()).isEqualTo(204);
        assertThat(post(BASE + "/2024/appraisal/conclusion", Map.of("document", Map.of("number", "81/BC-UBND")), As.district("393"))
                .getStatusCode().value()).isEqualTo(204);
        eventually(() -> get(BASE + "/2024").path("stage").asText(), "APPRAISED_PASS"::equals);
        reviewAndPropose(VINH_AN, 2024);
        // typed in today: decided on 15/06/2024
        assertThat(post(BASE + "/2024/recognition", Map.of("document", Map.of("number", "2201/QĐ-UBND", "date", "2024-06-15")),
                As.province()).getStatusCode().value()).isEqualTo(204);
        eventually(() -> get(BASE + "/2024").path("stage").asText(), "RECOGNISED"::equals);

        assertThat(stageOn("2024-06-14")).isEqualTo("APPRAISED_PASS");
        assertThat(stageOn("2024-06-15")).isEqualTo("RECOGNISED");
        int before = recognisedOn("2024-06-14");
        assertThat(recognisedOn("2024-06-15")).isEqualTo(before + 1);

        // revoked today by a decision of 01/09/2024: recognised from 15/06 to 31/08
        assertThat(post(BASE + "/2024/revocation", Map.of("document", Map.of("number", "3301/QĐ-UBND", "date", "2024-09-01"),
                "reason", "Thanh tra phát hiện minh chứng không hợp lệ"), As.province()).getStatusCode().value()).isEqualTo(204);
        eventually(() -> get(BASE + "/2024").path("stage").asText(), "REVOKED"::equals);
        assertThat(stageOn("2024-06-14")).isEqualTo("APPRAISED_PASS");
        assertThat(stageOn("2024-08-31")).isEqualTo("RECOGNISED");
        assertThat(recognisedOn("2024-08-31")).isEqualTo(before + 1);
        assertThat(stageOn("2024-09-01")).isEqualTo("REVOKED");
        assertThat(recognisedOn("2024-09-01")).isEqualTo(before);
        // without the date, the dashboards are today's: revoked
        assertThat(row(get("/api/districts/393/dashboard?year=2024")).path("stage").asText()).isEqualTo("REVOKED");

        assertThat(read("/api/province/dashboard?year=2024&inForceOn=15/06/2024", As.province()).getStatusCode().value()).isEqualTo(400);
        assertThat(read("/api/districts/393/dashboard?year=2024&inForceOn=2024-13-01", As.province()).getStatusCode().value()).isEqualTo(400);
    }

    /** An amendment of the points counts from its decision's date: before it, the district scores with the old points. */
    @Test
    void anAmendmentScoresFromItsDecisionsDate() {
        // a framework of its own, so that the province's frameworks keep the points other tests expect
        String own = "TH-XA-DECISION-DATES";
        com.fasterxml.jackson.databind.node.ObjectNode framework = (com.fasterxml.jackson.databind.node.ObjectNode) read(
                jdbc.sql("select definition from q_framework where framework_id = :id").param("id", FRAMEWORK).query(String.class).single());
        framework.put("id", own);
        assertThat(post("/api/frameworks", framework.toString(), As.province()).getStatusCode().is2xxSuccessful()).isTrue();
        String bacLuong = "15502"; // Xã Bắc Lương, Huyện Thọ Xuân
        String base = "/api/communes/" + bacLuong + "/assessments";
        eventually(() -> jdbc.sql("select count(*) from cmd_framework where framework_id = :id").param("id", own)
                .query(Long.class).single(), n -> n == 1);
        registerUnder(own, 2024, bacLuong, Map.of("year", 2024, "frameworkId", own));
        int indicators = 0;
        for (JsonNode pillar : framework.path("pillars")) {
            for (JsonNode i : pillar.path("indicators")) {
                indicators++;
                assertThat(put(base + "/2024/indicators/" + i.path("code").asText(), "RATIO".equals(i.path("measure").asText())
                        ? Map.of("measure", "RATIO", "numerator", 1, "denominator", 1) : Map.of("measure", "BOOLEAN", "value", true),
                        As.commune(bacLuong)).getStatusCode().value()).isEqualTo(204);
            }
        }
        int all = indicators;
        String district = "/api/districts/395/dashboard?year=2024";
        double before = eventually(() -> row(get(district), bacLuong), r -> r.path("selfMet").asInt() == all).path("selfPoints").asDouble();

        assertThat(post("/api/frameworks/" + own + "/amendments", Map.of("points", Map.of("1.1", 1),
                "decisionNumber", "1902/QĐ-UBND", "decisionDate", "2024-10-01"), As.province()).getStatusCode().is2xxSuccessful()).isTrue();
        double after = eventually(() -> row(get(district), bacLuong), r -> r.path("selfPoints").asDouble() != before)
                .path("selfPoints").asDouble();
        assertThat(after).isLessThan(before);

        assertThat(row(get(district + "&inForceOn=2024-09-30"), bacLuong).path("selfPoints").asDouble()).isEqualTo(before);
        assertThat(row(get(district + "&inForceOn=2024-10-01"), bacLuong).path("selfPoints").asDouble()).isEqualTo(after);
        assertThat(get(district + "&inForceOn=2024-09-30").path("averagePoints").asDouble())
                .isGreaterThan(get(district + "&inForceOn=2024-10-01").path("averagePoints").asDouble());
    }

    private String stageOn(String day) {
        return row(get("/api/districts/393/dashboard?year=2024&inForceOn=" + day)).path("stage").asText();
    }

    private int recognisedOn(String day) {
        JsonNode province = get("/api/province/dashboard?year=2024&inForceOn=" + day);
        for (JsonNode row : province.path("districtRows")) {
            if ("393".equals(row.path("code").asText())) {
                return row.path("recognised").asInt();
            }
        }
        throw new AssertionError("no Huyện Vĩnh Lộc");
    }

    private static JsonNode row(JsonNode district) {
        return row(district, VINH_AN);
    }

    private static JsonNode row(JsonNode district, String code) {
        for (JsonNode row : district.path("communeRows")) {
            if (code.equals(row.path("code").asText())) {
                return row;
            }
        }
        throw new AssertionError("no commune " + code + " in " + district.path("communeRows"));
    }
}
