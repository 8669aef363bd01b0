package vn.thanhhoa.cds.app;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reporting period and the year's framework through the API, as a careless or hostile client meets them: a
 * closed period answers 409 with its reason and appends nothing, an extension lets one commune report, the year's
 * framework cannot be swapped by the client, a double submission appends once, withdrawal before the appraisal only,
 * a return names real indicators, and the score preview records nothing. A year of the test's own (2034), named on
 * today's map (Xã Hà Long, 15274, appraised by the designated provincial body).
 */
class ReportingPeriodTest extends PlatformTest {
    private static final int YEAR = 2034;
    private static final String COMMUNE = "15274";
    private static final String BASE = "/api/communes/" + COMMUNE + "/assessments";
    private static final String FRAMEWORK = "TH-XA-1829-2023";
    private static final Map<String, Object> DECISION = Map.of("number", "30/QĐ-UBND", "date", "2026-01-05");

    private ResponseEntity<String> asAppraiser(HttpMethod method, String path, Object body) {
        return sendWithToken(method, path, body, TOKENS.token("so-khcn", List.of("PROVINCE"), "38-SKHCN"), null);
    }

    private static void problem(ResponseEntity<String> response, int status, String code, JsonNode body) {
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(body.path("code").asText()).isEqualTo(code);
        assertThat(body.path("detail").asText()).as("a Vietnamese reason").isNotBlank();
    }

    private void refused(ResponseEntity<String> response, int status, String code) {
        problem(response, status, code, read(response.getBody()));
    }

    @Test
    void aCommuneReportsWithinThePeriodTheProvinceOpensClosesAndExtends() {
        // nothing assigned yet: no year to report, said so
        refused(read("/api/reporting-years/" + YEAR, As.commune(COMMUNE)), 404, "NO_FRAMEWORK_FOR_YEAR");
        long before = events();
        refused(post(BASE, Map.of("year", YEAR), As.commune(COMMUNE)), 409, "NO_FRAMEWORK_FOR_YEAR");
        assertThat(events()).isEqualTo(before);

        // the province decides: the framework, then the period (bad dates refused first)
        refused(put("/api/reporting-years/" + YEAR + "/framework", Map.of("frameworkId", FRAMEWORK, "decision", DECISION),
                As.commune(COMMUNE)), 403, "PROVINCE_ONLY");
        refused(put("/api/reporting-years/" + YEAR + "/framework", Map.of("frameworkId", FRAMEWORK), As.province()), 422, "MISSING_DOCUMENT");
        assertThat(put("/api/reporting-years/" + YEAR + "/framework", Map.of("frameworkId", FRAMEWORK, "decision", DECISION),
                As.province()).getStatusCode().value()).isEqualTo(204);
        refused(post("/api/reporting-years/" + YEAR + "/period", Map.of("opensOn", "2034-12-31", "closesOn", "2034-01-01",
                "decision", DECISION), As.province()), 422, "INVALID_PERIOD");
        assertThat(post("/api/reporting-years/" + YEAR + "/period", Map.of("opensOn", "2026-01-01", "closesOn", YEAR + "-12-31",
                "decision", DECISION), As.province()).getStatusCode().value()).isEqualTo(204);
        JsonNode rules = eventually(() -> get("/api/reporting-years/" + YEAR, As.commune(COMMUNE)), r -> r.path("open").asBoolean());
        assertThat(rules.path("frameworkId").asText()).isEqualTo(FRAMEWORK);
        assertThat(rules.path("periodDecision").asText()).isEqualTo("30/QĐ-UBND");

        // the commune does not choose the framework; it registers under the year's
        before = events();
        refused(post(BASE, Map.of("year", YEAR, "frameworkId", "TH-XA-2022"), As.commune(COMMUNE)), 422, "FRAMEWORK_NOT_ASSIGNED");
        assertThat(events()).isEqualTo(before);
        assertThat(post(BASE, Map.of("year", YEAR), As.commune(COMMUNE)).getStatusCode().value()).isEqualTo(201);
        JsonNode card = eventually(() -> get(BASE + "/" + YEAR, As.commune(COMMUNE)), c -> c.has("stage"));
        assertThat(card.path("frameworkId").asText()).isEqualTo(FRAMEWORK);
        assertThat(jdbc.sql("select appraiser_id from q_assessment where assessment_id like :id").param("id", COMMUNE + "@%/" + YEAR)
                .query(String.class).single()).as("the appraiser of the registration day").startsWith("38-SKHCN@");

        // every indicator, then a submission with a missing one refused, listing it
        Map<String, Object> values = new HashMap<>();
        JsonNode framework = read(jdbc.sql("select definition from q_framework where framework_id = :id").param("id", FRAMEWORK)
                .query(String.class).single());
        framework.path("pillars").forEach(p -> p.path("indicators").forEach(i -> values.put(i.path("code").asText(),
                "RATIO".equals(i.path("measure").asText()) ? Map.of("measure", "RATIO", "numerator", 9, "denominator", 10)
                        : Map.of("measure", "BOOLEAN", "value", true))));
        values.forEach((code, value) -> {
            if (!code.equals("4.8")) {
                assertThat(put(BASE + "/" + YEAR + "/indicators/" + code, value, As.commune(COMMUNE)).getStatusCode().value()).isEqualTo(204);
            }
        });
        // a comment on an indicator, read back; the same again records nothing; an unknown indicator is not found
        assertThat(put(BASE + "/" + YEAR + "/indicators/3.2/comment", Map.of("comment", "Theo báo cáo Công an xã"),
                As.commune(COMMUNE)).getStatusCode().value()).isEqualTo(204);
        long commented = events();
        assertThat(put(BASE + "/" + YEAR + "/indicators/3.2/comment", Map.of("comment", "Theo báo cáo Công an xã"),
                As.commune(COMMUNE)).getStatusCode().value()).isEqualTo(204);
        assertThat(events()).isEqualTo(commented);
        refused(put(BASE + "/" + YEAR + "/indicators/9.9/comment", Map.of("comment", "?"), As.commune(COMMUNE)), 404, "UNKNOWN_INDICATOR");
        refused(put(BASE + "/" + YEAR + "/indicators/3.2/comment", Map.of("comment", "a\u202Eb"), As.commune(COMMUNE)), 422, "FORBIDDEN_CHARACTER");
        assertThat(eventually(() -> get(BASE + "/" + YEAR + "/comments", As.commune(COMMUNE)), c -> c.size() == 1)
                .at("/0/comment").asText()).isEqualTo("Theo báo cáo Công an xã");

        ResponseEntity<String> incomplete = post(BASE + "/" + YEAR + "/submission", Map.of("reportNumber", "5/BC-UBND"), As.commune(COMMUNE));
        refused(incomplete, 422, "MISSING_INDICATORS");
        assertThat(read(incomplete.getBody()).path("missing").toString()).isEqualTo("[\"4.8\"]");

        // the score preview scores what is typed with the platform's model, and records nothing
        before = events();
        ResponseEntity<String> preview = post("/api/frameworks/" + FRAMEWORK + "/score-preview", Map.of("values", values), As.commune(COMMUNE));
        assertThat(preview.getStatusCode().value()).as(preview.getBody()).isEqualTo(200);
        assertThat(read(preview.getBody()).at("/score/notAssessed").asInt()).isZero();
        assertThat(read(preview.getBody()).path("notAssessed").size()).isZero();
        ResponseEntity<String> previewTooBig = post("/api/frameworks/" + FRAMEWORK + "/score-preview",
                Map.of("values", Map.of("1.1", Map.of("measure", "RATIO", "numerator", "1e1000000000", "denominator", 1))), As.commune(COMMUNE));
        assertThat(previewTooBig.getStatusCode().value()).as(previewTooBig.getBody()).isEqualTo(422);
        assertThat(events()).isEqualTo(before);

        // the province closes reporting: refused with 409 and the reason, nothing appended
        java.time.Instant beforeTheClose = java.time.Instant.now();
        assertThat(post("/api/reporting-years/" + YEAR + "/period/closure", Map.of("decision", DECISION), As.province())
                .getStatusCode().value()).isEqualTo(204);
        before = events();
        ResponseEntity<String> closed = put(BASE + "/" + YEAR + "/indicators/4.8", values.get("4.8"), As.commune(COMMUNE));
        refused(closed, 409, "REPORTING_CLOSED");
        assertThat(read(closed.getBody()).path("detail").asText()).contains("đã đóng từ ngày")
                .contains(LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy")));
        refused(post(BASE + "/" + YEAR + "/submission", Map.of("reportNumber", "5/BC-UBND"), As.commune(COMMUNE)), 409, "REPORTING_CLOSED");
        assertThat(events()).isEqualTo(before);
        eventually(() -> get("/api/reporting-years/" + YEAR, As.commune(COMMUNE)), r -> !r.path("open").asBoolean());
        // the other kind of time: the year as recorded by an instant before the close was open, without a close
        JsonNode then = get("/api/reporting-years/" + YEAR + "?knownAt=" + beforeTheClose, As.commune(COMMUNE));
        assertThat(then.path("open").asBoolean()).isTrue();
        assertThat(then.path("closedOn").isNull()).isTrue();
        assertThat(then.path("periodDecision").asText()).isEqualTo("30/QĐ-UBND");
        refused(read("/api/reporting-years/" + YEAR + "?knownAt=2026-01-01T00:00:00Z", As.commune(COMMUNE)), 404, "NO_FRAMEWORK_FOR_YEAR");

        // extended for this commune, with a reason: it reports and submits — once, however often the form sends it
        refused(post("/api/reporting-years/" + YEAR + "/period/extensions", Map.of("communeCode", COMMUNE, "until", "2035-01-15",
                "decision", DECISION), As.province()), 422, "MISSING_REASON");
        assertThat(post("/api/reporting-years/" + YEAR + "/period/extensions", Map.of("communeCode", COMMUNE, "until", "2035-01-15",
                "reason", "Mưa lũ làm gián đoạn đường truyền", "decision", DECISION), As.province()).getStatusCode().value()).isEqualTo(204);
        assertThat(put(BASE + "/" + YEAR + "/indicators/4.8", values.get("4.8"), As.commune(COMMUNE)).getStatusCode().value()).isEqualTo(204);
        before = events();
        for (int attempt = 0; attempt < 3; attempt++) {
            assertThat(send(HttpMethod.POST, BASE + "/" + YEAR + "/submission", Map.of("reportNumber", "5/BC-UBND"),
                    As.commune(COMMUNE), "form-submit-2034").getStatusCode().value()).isEqualTo(204);
        }
        assertThat(events()).as("a double-submitted form appends once").isEqualTo(before + 1);

        // withdrawn before the appraisal, resubmitted; not once the appraisal started
        assertThat(post(BASE + "/" + YEAR + "/withdrawal", Map.of("reason", "Sửa chỉ tiêu 3.2"), As.commune(COMMUNE))
                .getStatusCode().value()).isEqualTo(204);
        assertThat(post(BASE + "/" + YEAR + "/submission", Map.of("reportNumber", "6/BC-UBND"), As.commune(COMMUNE))
                .getStatusCode().value()).isEqualTo(204);
        assertThat(asAppraiser(HttpMethod.POST, BASE + "/" + YEAR + "/appraisal", null).getStatusCode().value()).isEqualTo(204);
        refused(post(BASE + "/" + YEAR + "/withdrawal", Map.of(), As.commune(COMMUNE)), 409, "ILLEGAL_TRANSITION");

        // a return names indicators of the framework; the commune answers each before it resubmits
        refused(asAppraiser(HttpMethod.POST, BASE + "/" + YEAR + "/return", Map.of("indicators",
                List.of(Map.of("indicatorCode", "9.9", "reason", "?")))), 422, "UNKNOWN_INDICATOR");
        assertThat(asAppraiser(HttpMethod.POST, BASE + "/" + YEAR + "/return", Map.of("indicators",
                List.of(Map.of("indicatorCode", "3.2", "reason", "Số liệu lệch")))).getStatusCode().value()).isEqualTo(204);
        // 404 until the read side has applied the return: waited for, as the reasons are
        JsonNode returned = read(eventually(() -> read(BASE + "/" + YEAR + "/return", As.commune(COMMUNE)),
                r -> r.getStatusCode().value() == 200 && read(r.getBody()).path("reasons").size() == 1).getBody());
        assertThat(returned.at("/reasons/0/indicatorCode").asText()).isEqualTo("3.2");
        refused(post(BASE + "/" + YEAR + "/submission", Map.of("reportNumber", "7/BC-UBND"), As.commune(COMMUNE)), 422, "RETURN_NOT_ANSWERED");
        refused(post(BASE + "/" + YEAR + "/return/answers", Map.of("indicatorCode", "3.2", "answer", " "), As.commune(COMMUNE)), 422, "MISSING_ANSWER");
        assertThat(post(BASE + "/" + YEAR + "/return/answers", Map.of("indicatorCode", "3.2", "answer", "Đã sửa theo báo cáo"),
                As.commune(COMMUNE)).getStatusCode().value()).isEqualTo(204);
        assertThat(post(BASE + "/" + YEAR + "/submission", Map.of("reportNumber", "7/BC-UBND"), As.commune(COMMUNE))
                .getStatusCode().value()).isEqualTo(204);
        JsonNode answered = eventually(() -> get(BASE + "/" + YEAR + "/return", As.commune(COMMUNE)),
                r -> !r.at("/reasons/0/answer").isMissingNode() && !r.at("/reasons/0/answer").isNull());
        assertThat(answered.at("/reasons/0/answer").asText()).isEqualTo("Đã sửa theo báo cáo");
        // another commune reads neither the card nor its return
        assertThat(read(BASE + "/" + YEAR + "/return", As.commune("15277")).getStatusCode().value()).isEqualTo(403);

        // all of it is in the auditors' history
        As auditor = new As("thanh-tra", "AUDITOR", "38");
        JsonNode history = eventually(() -> get("/api/audit/events?commune=" + COMMUNE + "&year=" + YEAR + "&page=0&size=200", auditor),
                h -> h.toString().contains("ReturnAnswered"));
        assertThat(history.toString()).contains("SelfAssessmentWithdrawn").contains("AssessmentReturnedWithReasons");
        for (String type : List.of("FrameworkAssignedToYear", "ReportingPeriodOpened", "ReportingPeriodClosed", "ReportingPeriodExtended")) {
            assertThat(eventually(() -> get("/api/audit/events?type=" + type + "&page=0&size=500", auditor),
                    h -> h.toString().contains("30/QĐ-UBND")).toString()).as(type).contains("30/QĐ-UBND");
        }
    }
}
