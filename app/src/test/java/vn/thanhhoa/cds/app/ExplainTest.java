package vn.thanhhoa.cds.app;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every figure traced back: a commune's score, one indicator, a district's recognised count. */
class ExplainTest extends PlatformTest {
    private static final String BASE = "/api/communes/15364/assessments"; // Xã Vĩnh Phúc, Huyện Vĩnh Lộc
    private static final As VINH_PHUC = As.commune("15364");
    private static final As VINH_LOC = As.district("393");

    @Test
    void aScoreAnIndicatorAndARecognisedCountComeWithTheEventsBehindThem() {
        assertThat(post(BASE, Map.of("year", 2023, "frameworkId", "TH-XA-1829-2023"), VINH_PHUC).getStatusCode().value()).isEqualTo(201);
        put(BASE + "/2023/indicators/1.1", Map.of("measure", "RATIO", "numerator", 20, "denominator", 31), VINH_PHUC);
        // then every indicator met (1.1 again, now 31/31): enough to be concluded Đạt and recognised
        JsonNode framework = read(jdbc.sql("select definition from q_framework where framework_id = 'TH-XA-1829-2023'")
                .query(String.class).single());
        framework.path("pillars").forEach(p -> p.path("indicators").forEach(i -> assertThat(put(
                BASE + "/2023/indicators/" + i.path("code").asText(),
                "RATIO".equals(i.path("measure").asText()) ? Map.of("measure", "RATIO", "numerator", 31, "denominator", 31)
                        : Map.of("measure", "BOOLEAN", "value", true), VINH_PHUC).getStatusCode().value()).isEqualTo(204)));
        int indicators = 0;
        for (JsonNode pillar : framework.path("pillars")) {
            indicators += pillar.path("indicators").size();
        }
        assertThat(post(BASE + "/2023/submission", Map.of("reportNumber", "61/BC-UBND"), VINH_PHUC).getStatusCode().value()).isEqualTo(204);
        assertThat(post(BASE + "/2023/appraisal", null, VINH_LOC).getStatusCode().value()).isEqualTo(204);
        assertThat(put(BASE + "/2023/appraisal/indicators/1.1", Map.of("measure", "RATIO", "numerator", 31, "denominator", 31,
                "note", "Đối chiếu sổ sách"), VINH_LOC).getStatusCode().value()).isEqualTo(204);
        assertThat(post(BASE + "/2023/appraisal/conclusion", Map.of("document", Map.of("number", "17/BC-UBND")), VINH_LOC)
                .getStatusCode().value()).isEqualTo(204);

        String explain = "/api/explain/communes/15364/assessments/2023";
        final int expected = 1 + 1 + indicators + 4; // registered, 1.1 first, every indicator, submitted, started, appraised, concluded
        JsonNode score = eventually(() -> get(explain), s -> s.path("events").size() == expected);
        List<String> types = types(score.path("events"));
        assertThat(types.get(0)).isEqualTo("AssessmentRegistered");
        assertThat(types.subList(types.size() - 4, types.size()))
                .containsExactly("SelfAssessmentSubmitted", "AppraisalStarted", "IndicatorAppraised", "AppraisalConcluded");
        assertThat(score.path("concludedPassed").asBoolean()).isTrue();
        assertThat(score.at("/appraiser/code").asText()).isEqualTo("393");
        assertThat(score.at("/framework/id").asText()).isEqualTo("TH-XA-1829-2023");
        assertThat(score.at("/framework/passRule/minPoints").decimalValue()).isEqualByComparingTo("700");
        assertThat(types(score.at("/framework/events"))).contains("CriteriaFrameworkPublished");
        assertThat(score.path("events").get(expected - 1).path("document").asText()).isEqualTo("17/BC-UBND");

        JsonNode indicator = get(explain + "/indicators/1.1");
        assertThat(indicator.at("/indicator/code").asText()).isEqualTo("1.1");
        JsonNode changes = indicator.path("events");
        assertThat(changes.size()).isEqualTo(3);
        assertThat(changes.get(1).path("before").asText()).isEqualTo("20/31");
        assertThat(changes.get(1).path("after").asText()).isEqualTo("31/31");
        assertThat(changes.get(2).path("event").asText()).isEqualTo("IndicatorAppraised");
        assertThat(changes.get(2).path("subject").asText()).isEqualTo("tham-dinh-393");

        reviewAndPropose("15364", 2023);
        assertThat(post(BASE + "/2023/recognition", Map.of("document", Map.of("number", "4513/QĐ-UBND", "date", "2023-12-21")),
                As.province()).getStatusCode().value()).isEqualTo(204);
        JsonNode district = eventually(() -> get("/api/explain/districts/393/recognised?year=2023"),
                d -> d.path("communes").toString().contains("15364"));
        JsonNode vinhPhuc = null;
        for (JsonNode commune : district.path("communes")) {
            if ("15364".equals(commune.path("code").asText())) {
                vinhPhuc = commune;
            }
        }
        // the proposal it was recognised over, then the decision
        assertThat(vinhPhuc.at("/decisions/0/document").asText()).isEqualTo(PROPOSAL.apply("15364", 2023));
        assertThat(vinhPhuc.at("/decisions/1/event").asText()).isEqualTo("CommuneRecognised");
        assertThat(vinhPhuc.at("/decisions/1/document").asText()).isEqualTo("4513/QĐ-UBND");
        assertThat(district.path("recognised").asInt()).isEqualTo(district.path("communes").size());

        // whoever may read the figure may read where it comes from, and nobody else
        assertThat(read(explain, VINH_PHUC).getStatusCode().value()).isEqualTo(200);
        assertThat(read(explain, VINH_LOC).getStatusCode().value()).isEqualTo(200);
        assertThat(read(explain, As.commune("15361")).getStatusCode().value()).isEqualTo(403);
        assertThat(read("/api/explain/districts/393/recognised?year=2023", As.district("386")).getStatusCode().value()).isEqualTo(403);
        assertThat(read("/api/explain/districts/393/recognised?year=2023", VINH_PHUC).getStatusCode().value()).isEqualTo(403);
        var unknown = read(explain + "/indicators/9.9", As.province());
        assertThat(unknown.getStatusCode().value()).isEqualTo(404);
        assertThat(read(unknown.getBody()).path("code").asText()).isEqualTo("UNKNOWN_INDICATOR");
    }

    private static List<String> types(JsonNode events) {
        List<String> types = new ArrayList<>();
        events.forEach(e -> types.add(e.path("event").asText()));
        return types;
    }
}
