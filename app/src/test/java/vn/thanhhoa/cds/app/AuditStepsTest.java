package vn.thanhhoa.cds.app;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auditor steps through a commune's year event by event: each step's card is the card the platform showed right
 * after that event, the step before it the card before, and the changes between them are named, before → after.
 */
class AuditStepsTest extends PlatformTest {
    private static final String CODE = "15376"; // Xã Vĩnh Hòa, Huyện Vĩnh Lộc
    private static final As VINH_HOA = As.commune(CODE);
    private static final As AUDITOR = new As("thanh-tra", "AUDITOR", "38");
    private static final String CARD = "/api/communes/" + CODE + "/assessments/2024";
    private static final String STEPS = "/api/audit/communes/" + CODE + "/assessments/2024/steps";

    @Test
    void eachStepShowsTheCardAsItWasShownAfterItsEventAndWhatTheEventChanged() {
        List<JsonNode> shown = new ArrayList<>();
        assertThat(post("/api/communes/" + CODE + "/assessments", Map.of("year", 2024, "frameworkId", "TH-XA-1829-2023"),
                VINH_HOA).getStatusCode().value()).isEqualTo(201);
        shown.add(eventually(() -> get(CARD), c -> c.path("timeline").size() == 1));
        put(CARD + "/indicators/1.1", Map.of("measure", "RATIO", "numerator", 5, "denominator", 31), VINH_HOA);
        shown.add(eventually(() -> get(CARD), c -> c.path("timeline").size() == 2));
        put(CARD + "/indicators/1.1", Map.of("measure", "RATIO", "numerator", 31, "denominator", 31), VINH_HOA);
        shown.add(eventually(() -> get(CARD), c -> c.path("timeline").size() == 3));
        assertThat(post(CARD + "/submission", Map.of("reportNumber", "12/BC-UBND"), VINH_HOA).getStatusCode().value()).isEqualTo(204);
        shown.add(eventually(() -> get(CARD), c -> "SUBMITTED".equals(c.path("stage").asText())));

        // the history is written by its own processor: the last step is the submission once it has caught up
        JsonNode last = eventually(() -> get(STEPS, AUDITOR), s -> s.path("steps").asInt() == 4);
        assertThat(last.path("step").asInt()).isEqualTo(4);
        assertThat(last.path("event").path("event").asText()).isEqualTo("SelfAssessmentSubmitted");

        for (int n = 1; n <= 4; n++) {
            JsonNode step = get(STEPS + "?step=" + n, AUDITOR);
            assertThat(step.path("after")).as("the card after step " + n).isEqualTo(shown.get(n - 1));
            if (n == 1) {
                assertThat(step.path("before").isNull()).as("before the registration there was no card").isTrue();
            } else {
                assertThat(step.path("before")).as("the card before step " + n).isEqualTo(shown.get(n - 2));
            }
        }

        JsonNode registration = get(STEPS + "?step=1", AUDITOR);
        assertThat(registration.path("event").path("event").asText()).isEqualTo("AssessmentRegistered");
        assertThat(change(registration, "Stage").path("before").isNull()).isTrue();
        assertThat(change(registration, "Stage").path("after").asText()).isEqualTo(shown.get(0).path("stageVi").asText());

        JsonNode completed = get(STEPS + "?step=3", AUDITOR);
        assertThat(completed.path("event").path("indicatorCode").asText()).isEqualTo("1.1");
        JsonNode value = change(completed, "Indicator 1.1: value");
        assertThat(value.path("what").asText()).isEqualTo("Chỉ tiêu 1.1: giá trị");
        assertThat(value.path("before").asText()).isEqualTo(line(shown.get(1), "1.1").path("value").path("display").asText());
        assertThat(value.path("after").asText()).isEqualTo(line(shown.get(2), "1.1").path("value").path("display").asText());
        JsonNode status = change(completed, "Indicator 1.1: status");
        assertThat(status.path("after").asText()).isEqualTo(line(shown.get(2), "1.1").path("statusVi").asText())
                .isNotEqualTo(status.path("before").asText());
        JsonNode score = change(completed, "Self-assessed score");
        assertThat(score.path("before").asText()).isNotEqualTo(score.path("after").asText());
        assertThat(completed.path("changes").toString()).doesNotContain("Indicator 1.2");

        // refusals: outside the history, not an auditor, not a code
        for (String step : new String[]{"0", "5", "-1"}) {
            var outside = read(STEPS + "?step=" + step, AUDITOR);
            assertThat(outside.getStatusCode().value()).as(step).isEqualTo(404);
            assertThat(read(outside.getBody()).path("code").asText()).isEqualTo("NO_SUCH_STEP");
        }
        assertThat(read(STEPS + "?step=abc", AUDITOR).getStatusCode().value()).isEqualTo(400);
        var commune = read(STEPS, VINH_HOA);
        assertThat(commune.getStatusCode().value()).isEqualTo(403);
        assertThat(commune.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(read("/api/audit/communes/..%2Fetc/assessments/2024/steps", AUDITOR).getStatusCode().is4xxClientError()).isTrue();
        assertThat(read("/api/audit/communes/" + CODE + "/assessments/1800/steps", AUDITOR).getStatusCode().value()).isIn(400, 422);
        assertThat(read("/api/audit/communes/" + CODE + "/assessments/2023/steps", AUDITOR).getStatusCode().value()).isEqualTo(404);
    }

    private static JsonNode change(JsonNode step, String whatEn) {
        for (JsonNode change : step.path("changes")) {
            if (change.path("whatEn").asText().equals(whatEn)) {
                return change;
            }
        }
        throw new AssertionError("no change of " + whatEn + " in " + step.path("changes"));
    }

    private static JsonNode line(JsonNode card, String code) {
        for (JsonNode pillar : card.path("pillars")) {
            for (JsonNode line : pillar.path("lines")) {
                if (line.path("code").asText().equals(code)) {
                    return line;
                }
            }
        }
        throw new AssertionError("no indicator " + code);
    }
}
