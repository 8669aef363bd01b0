package vn.thanhhoa.cds.app;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The province's steps after a pass through the API, on PostgreSQL (communes of Huyện Cẩm Thủy, 2024): an act naming
 * many communes is recorded whole or not at all — one commune out of turn refuses the whole proposal or decision,
 * naming that commune's place in the list — each bad input is refused at its field with nothing appended, a decision
 * sent twice with its key is recorded once, and the cards, the department's list and the province dashboard's
 * pipeline show where each commune stands.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecognitionActsTest extends PlatformTest {
    private static final int YEAR = 2024;
    private static final String DISTRICT = "390";           // Huyện Cẩm Thủy
    private static final String PHONG_SON = "15127";        // reviewed, then proposed and recognised
    private static final String CAM_THANH = "15133";        // reviewed, then proposed and declined, then corrected
    private static final String CAM_QUY = "15136";          // appraised Đạt, never reviewed
    private static final String CAM_LUONG = "15139";        // reviewed and inspected short: not proposed
    private static final String CAM_THACH = "15142";        // reviewed, named only in refused proposals
    private static final String FRAMEWORK = "TH-XA-1829-2023";

    private static String base(String code) {
        return "/api/communes/" + code + "/assessments/" + YEAR;
    }

    @BeforeAll
    void appraisedPass() {
        waitForReferenceData();
        JsonNode framework = read(jdbc.sql("select definition from q_framework where framework_id = :id").param("id", FRAMEWORK)
                .query(String.class).single());
        for (String code : List.of(PHONG_SON, CAM_THANH, CAM_QUY, CAM_LUONG, CAM_THACH)) {
            ok(post("/api/communes/" + code + "/assessments", Map.of("year", YEAR, "frameworkId", FRAMEWORK), As.commune(code)));
            everyIndicator(framework, 10, 10).forEach((indicator, value) ->
                    ok(put(base(code) + "/indicators/" + indicator, value, As.commune(code))));
            ok(post(base(code) + "/submission", Map.of("reportNumber", "5/BC-UBND"), As.commune(code)));
            ok(post(base(code) + "/appraisal", null, As.district(DISTRICT)));
            ok(post(base(code) + "/appraisal/conclusion", Map.of("document", Map.of("number", "6/BC-UBND")), As.district(DISTRICT)));
        }
        for (String code : List.of(PHONG_SON, CAM_THANH, CAM_LUONG, CAM_THACH)) {
            ok(post(base(code) + "/review", Map.of("note", "Hồ sơ đầy đủ"), As.department()));
        }
    }

    private static void ok(ResponseEntity<String> response) {
        assertThat(response.getStatusCode().is2xxSuccessful()).as(response.getBody()).isTrue();
    }

    private static Map<String, Object> proposal(String number, String... communes) {
        return Map.of("year", YEAR, "document", Map.of("number", number, "date", "2024-11-01"), "communes", List.of(communes));
    }

    @Test
    void aProposalWithOneCommuneOutOfTurnRecordsNothingAndNamesThatCommune() {
        JsonNode problem = refused(HttpMethod.POST, "/api/recognition-proposals", proposal("40/TTr-STTTT", CAM_THACH, CAM_QUY),
                As.department(), 409, "ILLEGAL_TRANSITION", "assessments[1].stage");
        assertThat(problem.path("detail").asText()).contains(CAM_QUY).contains("Thẩm định Đạt");
        refused(HttpMethod.POST, "/api/recognition-proposals", proposal("40/TTr-STTTT", CAM_THACH, "99999"),
                As.department(), 404, "UNKNOWN_COMMUNE", "communes[1]");
        refused(HttpMethod.POST, "/api/recognition-proposals", proposal("40/TTr-STTTT", CAM_THACH, CAM_THACH),
                As.department(), 422, "DUPLICATE_COMMUNE", "assessments[1]");
        refused(HttpMethod.POST, "/api/recognition-proposals", proposal("40/TTr-STTTT"),
                As.department(), 422, "NO_COMMUNES", "assessments");
        refused(HttpMethod.POST, "/api/recognition-proposals", Map.of("year", YEAR, "communes", List.of(CAM_THACH)),
                As.department(), 422, "MISSING_DOCUMENT", "document");
        refused(HttpMethod.POST, "/api/recognition-proposals", proposal("40/TTr-STTTT", CAM_THACH),
                As.province(), 403, "DEPARTMENT_ONLY", "actor");
    }

    @Test
    void anInspectionThatFindsACommuneShortKeepsItOutOfAProposal() {
        ok(post(base(CAM_LUONG) + "/inspections", Map.of("inspectedOn", "2024-10-20", "members", List.of("Sở Thông tin và Truyền thông"),
                "findings", "Chưa có tổ công nghệ số cộng đồng hoạt động", "corrections", List.of(Map.of("indicatorCode", "1.1",
                        "measure", "RATIO", "numerator", 5, "denominator", 10, "note", "Theo danh sách tại buổi kiểm tra"))),
                As.department()));
        JsonNode card = eventually(() -> get(base(CAM_LUONG)), c -> c.toString().contains("Kiểm tra thực tế ngày 20/10/2024"));
        assertThat(card.at("/appraisedScore/passed").asBoolean()).as("1.1 is mandatory").isFalse();
        refused(HttpMethod.POST, "/api/recognition-proposals", proposal("41/TTr-STTTT", CAM_LUONG),
                As.department(), 409, "NOT_PASSING", "assessments[0].stage");
        refused(HttpMethod.POST, base(CAM_LUONG) + "/inspections", Map.of("inspectedOn", "2024-10-21", "members", List.of("Sở"),
                        "findings", "Đạt", "corrections", List.of(Map.of("indicatorCode", "1.1", "measure", "RATIO",
                                "numerator", 11, "denominator", 10, "note", "x"))),
                As.department(), 422, "NUMERATOR_EXCEEDS_DENOMINATOR", "corrections[0].value.numerator");
        refused(HttpMethod.POST, base(CAM_LUONG) + "/inspections", Map.of("inspectedOn", "2024-10-21", "members", List.of("Sở"),
                        "findings", "Đạt", "corrections", List.of(Map.of("indicatorCode", "1.1", "numerator", 1, "note", "x"))),
                As.department(), 422, "MISSING_MEASURE", "corrections[0].measure");
        refused(HttpMethod.POST, base(CAM_LUONG) + "/inspections", Map.of("members", List.of("Sở"), "findings", "Đạt"),
                As.department(), 422, "MISSING_DATE", "inspectedOn");
        // JSON nulls inside the lists: refused at their place, not a server error
        refused(HttpMethod.POST, base(CAM_LUONG) + "/inspections", "{\"inspectedOn\":\"2024-10-21\",\"members\":[\"Sở\",null],"
                + "\"findings\":\"Đạt\"}", As.department(), 422, "MISSING_ITEM", "members[1]");
        refused(HttpMethod.POST, base(CAM_LUONG) + "/inspections", "{\"inspectedOn\":\"2024-10-21\",\"members\":[\"Sở\"],"
                + "\"findings\":\"Đạt\",\"corrections\":[null]}", As.department(), 422, "MISSING_ITEM", "corrections[0]");
        refused(HttpMethod.POST, base(CAM_LUONG) + "/review/send-back", "{\"reason\":\"x\",\"indicators\":[null]}",
                As.department(), 422, "MISSING_ITEM", "indicators[0]");
        refused(HttpMethod.POST, "/api/recognition-proposals", "{\"year\":2024,\"document\":{\"number\":\"1/TTr\"},\"communes\":[null]}",
                As.department(), 422, "MISSING_CODE", "communes[0]");
        refused(HttpMethod.POST, "/api/recognition-decisions", "{\"year\":2024,\"proposalNumber\":\"1/TTr\",\"document\":{\"number\":\"1/QĐ\"},"
                + "\"outcomes\":[null]}", As.province(), 422, "MISSING_OUTCOME", "outcomes[0].recognised");
    }

    @Test
    void theChairmansDecisionRecognisesOneDeclinesOneOnceAndALaterDecisionCorrects() {
        long beforeProposal = events();
        ok(post("/api/recognition-proposals", proposal("42/TTr-STTTT", PHONG_SON, CAM_THANH), As.department()));
        assertThat(events()).as("one event per commune").isEqualTo(beforeProposal + 2);

        Map<String, Object> decision = Map.of("year", YEAR, "proposalNumber", "42/TTr-STTTT",
                "document", Map.of("number", "3100/QĐ-UBND", "date", "2024-12-10"),
                "outcomes", List.of(Map.of("code", PHONG_SON, "recognised", true),
                        Map.of("code", CAM_THANH, "recognised", false, "reason", "Chưa đủ minh chứng")));
        refused(HttpMethod.POST, "/api/recognition-decisions", Map.of("year", YEAR, "proposalNumber", "9/TTr-STTTT",
                        "document", Map.of("number", "3100/QĐ-UBND"), "outcomes", List.of(Map.of("code", PHONG_SON, "recognised", true))),
                As.province(), 409, "NOT_IN_PROPOSAL", "outcomes[0].proposalNumber");
        refused(HttpMethod.POST, "/api/recognition-decisions", Map.of("year", YEAR, "proposalNumber", "42/TTr-STTTT",
                        "document", Map.of("number", "3100/QĐ-UBND"), "outcomes", List.of(Map.of("code", PHONG_SON, "recognised", true),
                                Map.of("code", CAM_THANH, "recognised", false))),
                As.province(), 422, "MISSING_REASON", "outcomes[1].reason");
        refused(HttpMethod.POST, "/api/recognition-decisions", Map.of("year", YEAR, "proposalNumber", "42/TTr-STTTT",
                        "document", Map.of("number", "3100/QĐ-UBND"), "outcomes", List.of(Map.of("code", PHONG_SON))),
                As.province(), 422, "MISSING_OUTCOME", "outcomes[0].recognised");
        refused(HttpMethod.POST, "/api/recognition-decisions", decision, As.department(), 403, "PROVINCE_ONLY", "actor");

        long before = events();
        ResponseEntity<String> first = send(HttpMethod.POST, "/api/recognition-decisions", decision, As.province(), "decision-3100");
        ResponseEntity<String> again = send(HttpMethod.POST, "/api/recognition-decisions", decision, As.province(), "decision-3100");
        ok(first);
        assertThat(again.getStatusCode().value()).isEqualTo(first.getStatusCode().value());
        assertThat(events()).as("one event per commune, once").isEqualTo(before + 2);
        assertThat(eventually(() -> get(base(PHONG_SON)), c -> "RECOGNISED".equals(c.path("stage").asText()))
                .path("recognitionDecision").asText()).isEqualTo("3100/QĐ-UBND");
        JsonNode declined = eventually(() -> get(base(CAM_THANH)), c -> "DECLINED".equals(c.path("stage").asText()));
        assertThat(declined.toString()).contains("Không công nhận theo quyết định 3100/QĐ-UBND: Chưa đủ minh chứng");

        // the district's own communes: other tests' communes of 2024 are elsewhere in the province
        JsonNode review = eventually(() -> get("/api/appraisal/province-review?year=" + YEAR + "&formerDistrict=" + DISTRICT,
                        As.department()),
                r -> r.at("/counts/DECLINED").asInt() == 1);
        assertThat(review.at("/counts/APPRAISED_PASS").asInt()).as(CAM_QUY + " waits").isEqualTo(1);
        assertThat(review.at("/counts/RECOGNISED").asInt()).isEqualTo(1);
        assertThat(review.at("/counts/IN_REVIEW").asInt()).as(CAM_LUONG + " and " + CAM_THACH + " stay in review").isEqualTo(2);
        JsonNode pipeline = eventually(() -> get("/api/province/dashboard?year=" + YEAR), d -> d.at("/pipeline/declined").asInt() >= 1)
                .path("pipeline");
        assertThat(pipeline.path("recognised").asInt()).isPositive();

        // a later decision: the declined commune recognised after all, from the correcting decision
        refused(HttpMethod.POST, base(CAM_THANH) + "/recognition/correction", Map.of("corrected", "1/QĐ-UBND",
                "document", Map.of("number", "3200/QĐ-UBND"), "recognised", true, "reason", "Đã bổ sung minh chứng"),
                As.province(), 409, "NOT_THE_DECISION", "corrected");
        ok(post(base(CAM_THANH) + "/recognition/correction", Map.of("corrected", "3100/QĐ-UBND",
                "document", Map.of("number", "3200/QĐ-UBND", "date", "2024-12-20"), "recognised", true,
                "reason", "Đã bổ sung minh chứng"), As.province()));
        assertThat(eventually(() -> get(base(CAM_THANH)), c -> "RECOGNISED".equals(c.path("stage").asText()))
                .path("recognitionDecision").asText()).isEqualTo("3200/QĐ-UBND");
    }

    @Test
    void theProvincesListIsForThoseWhoReadTheWholeProvince() {
        assertThat(read("/api/appraisal/province-review?year=" + YEAR, As.commune(PHONG_SON)).getStatusCode().value()).isEqualTo(403);
        assertThat(read("/api/appraisal/province-review?year=" + YEAR, As.district(DISTRICT)).getStatusCode().value()).isEqualTo(403);
        ResponseEntity<String> noYear = read("/api/appraisal/province-review", As.department());
        assertThat(noYear.getStatusCode().value()).as(noYear.getBody()).isEqualTo(400);
        ResponseEntity<String> badYear = read("/api/appraisal/province-review?year=12345", As.department());
        assertThat(badYear.getStatusCode().value()).as(badYear.getBody()).isEqualTo(422);
        assertThat(read("/api/appraisal/province-review?year=" + YEAR, As.department()).getStatusCode().value()).isEqualTo(200);
    }
}
