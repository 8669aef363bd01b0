package vn.thanhhoa.cds.app;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every bad input is refused with a clear problem+json body and appends nothing. Communes of Huyện Hà Trung. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputsTest extends PlatformTest {
    private static final String OPEN = "15280";       // Xã Hà Bắc: registered, open for reporting
    private static final String SUBMITTED = "15274";  // Xã Hà Long: submitted
    private static final String FAILED = "15277";     // Xã Hà Vinh: appraisal concluded Không đạt

    private static String base(String code) {
        return "/api/communes/" + code + "/assessments";
    }

    @BeforeAll
    void prepare() {
        waitForReferenceData();
        for (String code : new String[]{OPEN, SUBMITTED, FAILED}) {
            expect(post(base(code), Map.of("year", 2023, "frameworkId", "TH-XA-1829-2023"), As.commune(code)), 201);
        }
        expect(post(base(SUBMITTED) + "/2023/submission", Map.of("reportNumber", "12/BC-UBND"), As.commune(SUBMITTED)), 204);
        expect(put(base(FAILED) + "/2023/indicators/1.1", Map.of("measure", "RATIO", "numerator", 10, "denominator", 31), As.commune(FAILED)), 204);
        expect(post(base(FAILED) + "/2023/submission", Map.of("reportNumber", "13/BC-UBND"), As.commune(FAILED)), 204);
        expect(post(base(FAILED) + "/2023/appraisal", null, As.district("392")), 204);
        expect(post(base(FAILED) + "/2023/appraisal/conclusion", Map.of("document", Map.of("number", "99/BC-UBND")), As.district("392")), 204);
    }

    private static void expect(ResponseEntity<String> response, int status) {
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(status);
    }

    private Map<String, Object> ratio(long numerator, long denominator) {
        return Map.of("measure", "RATIO", "numerator", numerator, "denominator", denominator);
    }

    @Test
    void unknownCommune() {
        refused(HttpMethod.PUT, base("99999") + "/2023/indicators/1.1", ratio(1, 2), As.commune("99999"), 404, "UNKNOWN_COMMUNE", "code");
        refused(HttpMethod.POST, base("99999"), Map.of("year", 2023, "frameworkId", "TH-XA-1829-2023"), As.commune("99999"),
                404, "UNKNOWN_COMMUNE", "code");
        assertThat(read(base("99999") + "/2023", As.province()).getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void unknownIndicator() {
        refused(HttpMethod.PUT, base(OPEN) + "/2023/indicators/9.9", ratio(1, 2), As.commune(OPEN), 404, "UNKNOWN_INDICATOR", "indicatorCode");
    }

    @Test
    void numeratorGreaterThanDenominator() {
        JsonNode problem = refused(HttpMethod.PUT, base(OPEN) + "/2023/indicators/1.1", ratio(32, 31), As.commune(OPEN),
                422, "NUMERATOR_EXCEEDS_DENOMINATOR", "value.numerator");
        assertThat(problem.path("detail").asText()).contains("Tử số");
    }

    @Test
    void negativeValue() {
        refused(HttpMethod.PUT, base(OPEN) + "/2023/indicators/1.1", ratio(-3, 31), As.commune(OPEN), 422, "NOT_A_COUNT", "numerator");
    }

    @Test
    void wrongMeasureType() {
        refused(HttpMethod.PUT, base(OPEN) + "/2023/indicators/1.1", Map.of("measure", "BOOLEAN", "value", true), As.commune(OPEN),
                422, "WRONG_MEASURE", "value.measure");
        refused(HttpMethod.PUT, base(OPEN) + "/2023/indicators/1.1", Map.of("measure", "PERCENT"), As.commune(OPEN),
                422, "WRONG_MEASURE", "measure");
    }

    @Test
    void malformedJson() {
        refused(HttpMethod.PUT, base(OPEN) + "/2023/indicators/1.1", "{\"measure\": \"RATIO\", \"numerator\": ", As.commune(OPEN),
                400, "MALFORMED_JSON", "body");
        refused(HttpMethod.PUT, base(OPEN) + "/2023/indicators/1.1", "{\"measure\": \"RATIO\", \"numerator\": \"nhiều\", \"denominator\": 3}",
                As.commune(OPEN), 400, "INVALID_FORMAT", "numerator");
    }

    @Test
    void reportingAfterSubmission() {
        JsonNode problem = refused(HttpMethod.PUT, base(SUBMITTED) + "/2023/indicators/1.1", ratio(31, 31), As.commune(SUBMITTED),
                409, "ILLEGAL_TRANSITION", "stage");
        assertThat(problem.path("currentStage").asText()).isEqualTo("SUBMITTED");
    }

    @Test
    void appraisalByAnotherDistrict() {
        refused(HttpMethod.POST, base(SUBMITTED) + "/2023/appraisal", null, As.district("386"), 403, "NOT_THE_APPRAISER", "actor");
    }

    @Test
    void communeCannotWriteForAnotherCommune() {
        // Xã Lĩnh Toại: not Xã Hà Long (15274), which absorbed Hà Bắc on 01/07/2025 and so acts for it
        refused(HttpMethod.PUT, base(OPEN) + "/2023/indicators/1.1", ratio(31, 31), As.commune("15298"), 403, "NOT_THIS_COMMUNE", "actor");
    }

    @Test
    void recognitionAfterAFailedAppraisal() {
        eventually(() -> get(base(FAILED) + "/2023"), c -> "APPRAISED_FAIL".equals(c.path("stage").asText()));
        JsonNode problem = refused(HttpMethod.POST, base(FAILED) + "/2023/recognition",
                Map.of("document", Map.of("number", "1/QĐ-UBND")), As.province(), 409, "ILLEGAL_TRANSITION", "stage");
        assertThat(problem.path("currentStage").asText()).isEqualTo("APPRAISED_FAIL");
    }

    @Test
    void missingIdentity() {
        refused(HttpMethod.PUT, base(OPEN) + "/2023/indicators/1.1", ratio(1, 2), null, 401, "UNAUTHENTICATED", null);
    }

    @Test
    void headersCannotClaimAnIdentity() {
        long before = events();
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.set("X-Actor-Id", "can-bo-" + OPEN);
        headers.set("X-Actor-Role", "COMMUNE");
        headers.set("X-Actor-Unit", OPEN);
        ResponseEntity<String> response = http.exchange(base(OPEN) + "/2023/indicators/1.1", HttpMethod.PUT,
                new HttpEntity<>("{\"measure\":\"RATIO\",\"numerator\":1,\"denominator\":2}", headers), String.class);
        assertThat(response.getStatusCode().value()).isEqualTo(401);
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void registeringTwiceForTheSameYear() {
        refused(HttpMethod.POST, base(OPEN), Map.of("year", 2023, "frameworkId", "TH-XA-1829-2023"), As.commune(OPEN),
                409, "ALREADY_EXISTS", null);
    }

    @Test
    void theSameIdempotencyKeyTwiceYieldsOneEvent() {
        long before = events();
        Map<String, Object> value = ratio(20, 31);
        ResponseEntity<String> first = send(HttpMethod.PUT, base(OPEN) + "/2023/indicators/1.2", value, As.commune(OPEN), "key-15280-1.2");
        ResponseEntity<String> again = send(HttpMethod.PUT, base(OPEN) + "/2023/indicators/1.2", value, As.commune(OPEN), "key-15280-1.2");
        assertThat(first.getStatusCode().value()).isEqualTo(204);
        assertThat(again.getStatusCode()).isEqualTo(first.getStatusCode());
        assertThat(events()).isEqualTo(before + 1);
        // the same key for a different request is refused, not silently taken for the first
        ResponseEntity<String> reused = send(HttpMethod.PUT, base(OPEN) + "/2023/indicators/1.2", ratio(21, 31), As.commune(OPEN), "key-15280-1.2");
        assertThat(reused.getStatusCode().value()).isEqualTo(422);
        assertThat(read(reused.getBody()).path("code").asText()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(events()).isEqualTo(before + 1);
    }

    /** The read paths refuse bad input just as clearly. */
    @Test
    void queryPathsAnswerBadInputWithProblems() {
        Map<String, Object[]> cases = new java.util.LinkedHashMap<>();
        cases.put("/api/province/dashboard?year=2023&view=bogus", new Object[]{422, "INVALID_VIEW"});
        cases.put("/api/province/dashboard?year=hai-nghin", new Object[]{400, "INVALID_PARAMETER"});
        cases.put("/api/province/dashboard", new Object[]{400, "MISSING_PARAMETER"});
        cases.put("/api/map?date=31-12-2023", new Object[]{400, "INVALID_PARAMETER"});
        cases.put("/api/codes/00000", new Object[]{404, "UNKNOWN_CODE"});
        cases.put("/api/units/khong-co@2020-01-01/lineage", new Object[]{404, "UNKNOWN_UNIT"});
        cases.put("/api/districts/999/dashboard?year=2023", new Object[]{404, "UNKNOWN_DISTRICT"});
        cases.put("/api/communes/15280/assessments/2021", new Object[]{404, "ASSESSMENT_NOT_FOUND"});
        cases.put("/api/communes/15280/assessments/2019", new Object[]{404, "UNKNOWN_COMMUNE"}); // before the recorded map
        cases.forEach((path, expected) -> {
            ResponseEntity<String> response = read(path, As.province());
            assertThat(response.getStatusCode().value()).as(path + " " + response.getBody()).isEqualTo(expected[0]);
            assertThat(read(response.getBody()).path("code").asText()).as(path).isEqualTo(expected[1]);
            assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
        });
    }

    @Test
    void mapChangesAndTransfersRefuseBadInput() {
        long before = events();
        ResponseEntity<String> noBasis = post("/api/map/reorganisations", Map.of("id", "X", "effectiveDate", "2030-01-01"), As.province());
        assertThat(noBasis.getStatusCode().value()).isEqualTo(422);
        assertThat(read(noBasis.getBody()).path("code").asText()).isEqualTo("MISSING_BASIS");
        ResponseEntity<String> noSuccessor = post(base(OPEN) + "/2023/transfer", Map.of("decision", Map.of("number", "1/QĐ")), As.province());
        assertThat(noSuccessor.getStatusCode().value()).isEqualTo(422);
        ResponseEntity<String> noDecision = post(base(OPEN) + "/2023/closure", Map.of("reason", "sáp nhập"), As.province());
        assertThat(noDecision.getStatusCode().value()).isEqualTo(422);
        assertThat(read(noDecision.getBody()).path("code").asText()).isEqualTo("MISSING_DOCUMENT");
        assertThat(events()).isEqualTo(before);
    }
}
