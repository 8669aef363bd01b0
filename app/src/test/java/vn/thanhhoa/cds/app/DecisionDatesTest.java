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
        for (JsonNode row : district.path("communeRows")) {
            if (VINH_AN.equals(row.path("code").asText())) {
                return row;
            }
        }
        throw new AssertionError("no Xã Vĩnh An in " + district.path("communeRows"));
    }
}
