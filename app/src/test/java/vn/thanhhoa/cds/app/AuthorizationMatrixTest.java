package vn.thanhhoa.cds.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command endpoint, driven as every kind of caller. The one allowed succeeds; every other answers 401 or 403
 * and appends nothing. Each endpoint works on a commune of Huyện Hà Trung of its own, for 2024.
 */
class AuthorizationMatrixTest extends PlatformTest {
    private static final int YEAR = 2024;
    private static final String OTHER_DISTRICT_COMMUNE = "14926"; // Xã Điền Thượng, Huyện Bá Thước
    private static final String FRAMEWORK = "TH-XA-1829-2023";

    /** Who calls: a role and unit, or a token that must not pass. */
    enum Caller { OWN_COMMUNE, COMMUNE_OF_ANOTHER_DISTRICT, OWN_DISTRICT, ANOTHER_DISTRICT, PROVINCE, DEPARTMENT, STEERING,
        AUDITOR, NO_TOKEN, EXPIRED_TOKEN, TOKEN_OF_ANOTHER_KEY, TOKEN_WITHOUT_UNIT }

    private record Endpoint(String name, HttpMethod method, String path, Object body, Caller allowed, String commune,
                            Consumer<String> setup) {
    }

    private String token(Caller caller, String commune, Caller allowed) {
        return switch (caller) {
            case OWN_COMMUNE -> TOKENS.token("can-bo-" + commune, List.of("COMMUNE"), commune);
            case COMMUNE_OF_ANOTHER_DISTRICT -> TOKENS.token("can-bo-" + OTHER_DISTRICT_COMMUNE, List.of("COMMUNE"), OTHER_DISTRICT_COMMUNE);
            case OWN_DISTRICT -> TOKENS.token("tham-dinh-" + districtOf(commune), List.of("DISTRICT"), districtOf(commune));
            case ANOTHER_DISTRICT -> TOKENS.token("tham-dinh-386", List.of("DISTRICT"), "386");
            case PROVINCE -> TOKENS.token("so-tttt", List.of("PROVINCE"), "38");
            case DEPARTMENT -> TOKENS.token("so-tttt-xem-xet", List.of("DEPARTMENT"), "38");
            case STEERING -> TOKENS.token("bcd", List.of("STEERING"), "38");
            case AUDITOR -> TOKENS.token("thanh-tra", List.of("AUDITOR"), "38");
            case NO_TOKEN -> null;
            // the allowed caller's own claims, but expired / signed by a stranger / without the unit
            case EXPIRED_TOKEN -> TOKENS.expired(subject(allowed, commune), roles(allowed), unit(allowed, commune));
            case TOKEN_OF_ANOTHER_KEY -> TOKENS.signedByAnotherKey(subject(allowed, commune), roles(allowed), unit(allowed, commune));
            case TOKEN_WITHOUT_UNIT -> TOKENS.withoutUnit(subject(allowed, commune), roles(allowed));
        };
    }

    private static String subject(Caller allowed, String commune) {
        return switch (allowed) {
            case OWN_COMMUNE -> "can-bo-" + commune;
            case OWN_DISTRICT -> "tham-dinh-" + districtOf(commune);
            case DEPARTMENT -> "so-tttt-xem-xet";
            default -> "so-tttt";
        };
    }

    /** Huyện Hà Trung's communes, but for those of Huyện Ngọc Lặc (389) that Hà Trung's ran short of. */
    private static String districtOf(String commune) {
        return commune.compareTo("15061") >= 0 && commune.compareTo("15127") < 0 ? "389" : "392";
    }

    private static List<String> roles(Caller allowed) {
        return List.of(switch (allowed) {
            case OWN_COMMUNE -> "COMMUNE";
            case OWN_DISTRICT -> "DISTRICT";
            case DEPARTMENT -> "DEPARTMENT";
            default -> "PROVINCE";
        });
    }

    private static String unit(Caller allowed, String commune) {
        return allowed == Caller.OWN_COMMUNE ? commune : allowed == Caller.OWN_DISTRICT ? districtOf(commune) : "38";
    }

    // --- preparing each commune's assessment through allowed calls

    private void ok(ResponseEntity<String> response) {
        assertThat(response.getStatusCode().is2xxSuccessful()).as(response.getBody()).isTrue();
    }

    private String base(String commune) {
        return "/api/communes/" + commune + "/assessments";
    }

    private void registered(String commune) {
        ok(post(base(commune), Map.of("year", YEAR, "frameworkId", FRAMEWORK), As.commune(commune)));
    }

    private void submitted(String commune) {
        registered(commune);
        ok(post(base(commune) + "/" + YEAR + "/submission", Map.of("reportNumber", "1/BC-UBND"), As.commune(commune)));
    }

    private void underAppraisal(String commune) {
        submitted(commune);
        ok(post(base(commune) + "/" + YEAR + "/appraisal", null, As.district("392")));
    }

    private void appraisedPass(String commune) {
        appraisedPass(commune, "392");
    }

    private void appraisedPass(String commune, String district) {
        registered(commune);
        JsonNode framework = read(jdbc.sql("select definition from q_framework where framework_id = :id").param("id", FRAMEWORK)
                .query(String.class).single());
        framework.path("pillars").forEach(p -> p.path("indicators").forEach(i -> ok(put(
                base(commune) + "/" + YEAR + "/indicators/" + i.path("code").asText(),
                "RATIO".equals(i.path("measure").asText()) ? Map.of("measure", "RATIO", "numerator", 1, "denominator", 1)
                        : Map.of("measure", "BOOLEAN", "value", true), As.commune(commune)))));
        ok(post(base(commune) + "/" + YEAR + "/submission", Map.of("reportNumber", "1/BC-UBND"), As.commune(commune)));
        ok(post(base(commune) + "/" + YEAR + "/appraisal", null, As.district(district)));
        ok(post(base(commune) + "/" + YEAR + "/appraisal/conclusion", Map.of("document", Map.of("number", "9/BC-UBND")), As.district(district)));
    }

    private void recognised(String commune) {
        appraisedPass(commune);
        eventually(() -> get(base(commune) + "/" + YEAR), c -> "APPRAISED_PASS".equals(c.path("stage").asText()));
        reviewAndPropose(commune, YEAR);
        ok(post(base(commune) + "/" + YEAR + "/recognition", Map.of("document", Map.of("number", "7/QĐ-UBND")), As.province()));
    }

    /** Recognised under a framework of its own, whose points are then amended so that the verdict no longer holds. */
    private void recognisedThenPutInQuestion(String commune) {
        String own = "TH-XA-MATRIX-3";
        ok(post("/api/frameworks", frameworkCopy(own).toString(), As.province()));
        registerUnder(own, YEAR, commune, Map.of("year", YEAR, "frameworkId", own));
        Map<String, Object> onePoint = new java.util.HashMap<>();
        frameworkCopy(own).path("pillars").forEach(p -> p.path("indicators").forEach(i -> {
            ok(put(base(commune) + "/" + YEAR + "/indicators/" + i.path("code").asText(),
                    "RATIO".equals(i.path("measure").asText()) ? Map.of("measure", "RATIO", "numerator", 1, "denominator", 1)
                            : Map.of("measure", "BOOLEAN", "value", true), As.commune(commune)));
            onePoint.put(i.path("code").asText(), 1);
        }));
        ok(post(base(commune) + "/" + YEAR + "/submission", Map.of("reportNumber", "1/BC-UBND"), As.commune(commune)));
        ok(post(base(commune) + "/" + YEAR + "/appraisal", null, As.district("392")));
        ok(post(base(commune) + "/" + YEAR + "/appraisal/conclusion", Map.of("document", Map.of("number", "9/BC-UBND")), As.district("392")));
        reviewAndPropose(commune, YEAR);
        ok(post(base(commune) + "/" + YEAR + "/recognition", Map.of("document", Map.of("number", "7/QĐ-UBND")), As.province()));
        ok(post("/api/frameworks/" + own + "/amendments", Map.of("points", onePoint, "decisionNumber", "14/QĐ-UBND"), As.province()));
        eventually(() -> get(base(commune) + "/" + YEAR), c -> c.path("verdictInQuestion").asBoolean());
    }

    /** Appraised Đạt by Huyện Thạch Thành (389), whose communes only the province's steps of this test use. */
    private void passedIn389(String commune) {
        appraisedPass(commune, "389");
    }

    private void inReview(String commune) {
        passedIn389(commune);
        ok(post(base(commune) + "/" + YEAR + "/review", Map.of("note", ""), As.department()));
    }

    private void proposed(String commune) {
        passedIn389(commune);
        reviewAndPropose(commune, YEAR);
    }

    private void decided(String commune) {
        proposed(commune);
        ok(post("/api/recognition-decisions", Map.of("year", YEAR, "proposalNumber", PROPOSAL.apply(commune, YEAR),
                "document", Map.of("number", "30/QĐ-UBND"), "outcomes", List.of(Map.of("code", commune, "recognised", true))),
                As.province()));
    }

    private void returned(String commune) {
        submitted(commune);
        ok(post(base(commune) + "/" + YEAR + "/return", Map.of("reason", "Bổ sung minh chứng"), As.district("392")));
    }

    /** A year of the test's own, assessed under Decision 1829, its reporting open until its end. */
    private void opened(int year) {
        Map<String, Object> decision = Map.of("number", "20/QĐ-UBND");
        ok(put("/api/reporting-years/" + year + "/framework", Map.of("frameworkId", FRAMEWORK, "decision", decision), As.province()));
        ok(post("/api/reporting-years/" + year + "/period", Map.of("opensOn", "2026-01-01", "closesOn", year + "-12-31",
                "decision", decision), As.province()));
    }

    private ObjectNode frameworkCopy(String id) {
        ObjectNode framework = (ObjectNode) read(jdbc.sql("select definition from q_framework where framework_id = :id")
                .param("id", FRAMEWORK).query(String.class).single());
        framework.put("id", id);
        return framework;
    }

    private List<Endpoint> endpoints() {
        Map<String, Object> document = Map.of("document", Map.of("number", "10/QĐ-UBND"), "reason", "Lý do");
        Map<String, Object> ratio = Map.of("measure", "RATIO", "numerator", 1, "denominator", 2);
        String a = "/" + YEAR;
        List<Endpoint> list = new ArrayList<>();
        list.add(new Endpoint("register", HttpMethod.POST, base("15298"), Map.of("year", YEAR, "frameworkId", FRAMEWORK), Caller.OWN_COMMUNE, "15298", c -> { }));
        list.add(new Endpoint("report", HttpMethod.PUT, base("15304") + a + "/indicators/1.1", ratio, Caller.OWN_COMMUNE, "15304", this::registered));
        list.add(new Endpoint("comment on an indicator", HttpMethod.PUT, base("15316") + a + "/indicators/1.1/comment",
                Map.of("comment", "Ghi chú"), Caller.OWN_COMMUNE, "15316", this::registered));
        list.add(new Endpoint("submit", HttpMethod.POST, base("15307") + a + "/submission", Map.of("reportNumber", "2/BC-UBND"), Caller.OWN_COMMUNE, "15307", this::registered));
        list.add(new Endpoint("start appraisal", HttpMethod.POST, base("15313") + a + "/appraisal", null, Caller.OWN_DISTRICT, "15313", this::submitted));
        list.add(new Endpoint("appraise indicator", HttpMethod.PUT, base("15319") + a + "/appraisal/indicators/1.1", ratio, Caller.OWN_DISTRICT, "15319", this::underAppraisal));
        list.add(new Endpoint("conclude", HttpMethod.POST, base("15322") + a + "/appraisal/conclusion", document, Caller.OWN_DISTRICT, "15322", this::underAppraisal));
        list.add(new Endpoint("return", HttpMethod.POST, base("15325") + a + "/return", document, Caller.OWN_DISTRICT, "15325", this::submitted));
        list.add(new Endpoint("recognise", HttpMethod.POST, base("15328") + a + "/recognition", document, Caller.PROVINCE, "15328",
                c -> { appraisedPass(c); reviewAndPropose(c, YEAR); }));
        list.add(new Endpoint("assign an appraisal council", HttpMethod.PUT, base("15079") + a + "/appraisal/council",
                Map.of("lead", "tham-dinh-389", "members", List.of(Map.of("subject", "tv-389", "pillars", List.of("CQS")))),
                Caller.OWN_DISTRICT, "15079", c -> { submitted(c); ok(post(base(c) + "/" + YEAR + "/appraisal", null, As.district("389"))); }));
        list.add(new Endpoint("attach an evidence file", HttpMethod.POST, base("15085") + a + "/indicators/1.1/evidence-files?name=QD-7.pdf",
                "%PDF-1.4\n%%EOF\n", Caller.OWN_COMMUNE, "15085", this::registered));
        list.add(new Endpoint("import the self-assessment from Excel", HttpMethod.POST, base("15088") + a + "/self-assessment-import",
                (java.util.function.Supplier<byte[]>) () -> ExcelImportTest.edited(download(base("15088") + a + "/template.xlsx",
                        As.commune("15088")).getBody(), book -> ExcelImportTest.ratio(book, "1.1", 1, 2)),
                Caller.OWN_COMMUNE, "15088", c -> { registered(c); eventually(() -> download(base(c) + a + "/template.xlsx",
                        As.commune(c)).getStatusCode().value(), status -> status == 200); }));
        list.add(new Endpoint("take into review", HttpMethod.POST, base("15061") + a + "/review", Map.of("note", "Đủ hồ sơ"),
                Caller.DEPARTMENT, "15061", this::passedIn389));
        list.add(new Endpoint("send back to the appraiser", HttpMethod.POST, base("15064") + a + "/review/send-back",
                Map.of("reason", "Thẩm định lại chỉ tiêu 1.1"), Caller.DEPARTMENT, "15064", this::passedIn389));
        list.add(new Endpoint("record an inspection", HttpMethod.POST, base("15067") + a + "/inspections",
                Map.of("inspectedOn", "2024-11-20", "members", List.of("Sở Thông tin và Truyền thông"), "findings", "Đạt",
                        "corrections", List.of(Map.of("indicatorCode", "1.1", "measure", "RATIO", "numerator", 1,
                                "denominator", 2, "note", "Theo biên bản"))), Caller.DEPARTMENT, "15067", this::inReview));
        list.add(new Endpoint("propose for recognition", HttpMethod.POST, "/api/recognition-proposals",
                Map.of("year", YEAR, "document", Map.of("number", "31/TTr-STTTT"), "communes", List.of("15070")),
                Caller.DEPARTMENT, "15070", this::inReview));
        list.add(new Endpoint("decide on a proposal", HttpMethod.POST, "/api/recognition-decisions",
                Map.of("year", YEAR, "proposalNumber", PROPOSAL.apply("15073", YEAR), "document", Map.of("number", "32/QĐ-UBND"),
                        "outcomes", List.of(Map.of("code", "15073", "recognised", false, "reason", "Chưa đủ minh chứng"))),
                Caller.PROVINCE, "15073", this::proposed));
        list.add(new Endpoint("correct a decision", HttpMethod.POST, base("15076") + a + "/recognition/correction",
                Map.of("corrected", "30/QĐ-UBND", "document", Map.of("number", "33/QĐ-UBND"), "recognised", false,
                        "reason", "Đính chính"), Caller.PROVINCE, "15076", this::decided));
        list.add(new Endpoint("revoke", HttpMethod.POST, base("15331") + a + "/revocation", document, Caller.PROVINCE, "15331", this::recognised));
        list.add(new Endpoint("confirm recognition", HttpMethod.POST, base("15283") + a + "/recognition/confirmation", document,
                Caller.PROVINCE, "15283", this::recognisedThenPutInQuestion));
        list.add(new Endpoint("transfer", HttpMethod.POST, base("15292") + a + "/transfer",
                Map.of("toCommuneCode", "15274", "asOf", "2025-07-01", "decision", Map.of("number", "11/QĐ-UBND")), Caller.PROVINCE, "15292", this::registered));
        list.add(new Endpoint("close as superseded", HttpMethod.POST, base("15334") + a + "/closure", document, Caller.PROVINCE, "15334", this::registered));
        list.add(new Endpoint("withdraw", HttpMethod.POST, base("15280") + a + "/withdrawal", Map.of("reason", "Sửa số liệu"),
                Caller.OWN_COMMUNE, "15280", this::submitted));
        list.add(new Endpoint("answer a return", HttpMethod.POST, base("15277") + a + "/return/answers",
                Map.of("answer", "Đã bổ sung"), Caller.OWN_COMMUNE, "15277", this::returned));
        Map<String, Object> decision = Map.of("number", "21/QĐ-UBND");
        list.add(new Endpoint("assign a year's framework", HttpMethod.PUT, "/api/reporting-years/2030/framework",
                Map.of("frameworkId", FRAMEWORK, "decision", decision), Caller.PROVINCE, "15340", c -> { }));
        list.add(new Endpoint("open reporting", HttpMethod.POST, "/api/reporting-years/2031/period",
                Map.of("opensOn", "2031-01-01", "closesOn", "2031-12-31", "decision", decision), Caller.PROVINCE, "15340",
                c -> ok(put("/api/reporting-years/2031/framework", Map.of("frameworkId", FRAMEWORK, "decision", decision), As.province()))));
        list.add(new Endpoint("close reporting", HttpMethod.POST, "/api/reporting-years/2032/period/closure",
                Map.of("decision", decision), Caller.PROVINCE, "15340", c -> opened(2032)));
        list.add(new Endpoint("extend reporting for a commune", HttpMethod.POST, "/api/reporting-years/2033/period/extensions",
                Map.of("communeCode", "15274", "until", "2034-01-15", "reason", "Mưa lũ", "decision", decision),
                Caller.PROVINCE, "15340", c -> opened(2033)));
        list.add(new Endpoint("publish framework", HttpMethod.POST, "/api/frameworks", frameworkCopy("TH-XA-MATRIX").toString(), Caller.PROVINCE, "15340", c -> { }));
        list.add(new Endpoint("amend points", HttpMethod.POST, "/api/frameworks/TH-XA-MATRIX-2/amendments",
                Map.of("points", Map.of("1.1", 45), "decisionNumber", "12/QĐ-UBND"), Caller.PROVINCE, "15340",
                c -> ok(post("/api/frameworks", frameworkCopy("TH-XA-MATRIX-2").toString(), As.province()))));
        list.add(new Endpoint("assign targets", HttpMethod.PUT, "/api/targets/2030", Map.of("provinceTarget", 20, "decisionNumber", "13/QĐ-UBND"),
                Caller.PROVINCE, "15340", c -> { }));
        list.add(new Endpoint("reorganise the map", HttpMethod.POST, "/api/map/reorganisations",
                Map.of("id", "MATRIX-2031", "effectiveDate", "2031-01-01", "basis", "Nghị quyết thử", "renames",
                        List.of(Map.of("code", "14932", "newName", "Xã Điền Quang"))), Caller.PROVINCE, "15340", c -> { }));
        return list;
    }

    @TestFactory
    Stream<DynamicTest> everyCommandEndpointAsEveryCaller() {
        waitForReferenceData();
        return endpoints().stream().map(endpoint -> DynamicTest.dynamicTest(endpoint.name(), () -> {
            endpoint.setup().accept(endpoint.commune());
            // a body that exists only after the setup (a workbook generated for the commune)
            Object body = endpoint.body() instanceof java.util.function.Supplier<?> later ? later.get() : endpoint.body();
            for (Caller caller : Caller.values()) {
                if (caller == endpoint.allowed()) {
                    continue;
                }
                long before = events();
                ResponseEntity<String> response = sendWithToken(endpoint.method(), endpoint.path(), body,
                        token(caller, endpoint.commune(), endpoint.allowed()), null);
                int expected = Set.of(Caller.NO_TOKEN, Caller.EXPIRED_TOKEN, Caller.TOKEN_OF_ANOTHER_KEY, Caller.TOKEN_WITHOUT_UNIT)
                        .contains(caller) ? 401 : 403;
                assertThat(response.getStatusCode().value()).as(endpoint.name() + " as " + caller + ": " + response.getBody())
                        .isEqualTo(expected);
                assertThat(events()).as(endpoint.name() + " as " + caller + " appends nothing").isEqualTo(before);
            }
            long before = events();
            ResponseEntity<String> allowed = sendWithToken(endpoint.method(), endpoint.path(), body,
                    token(endpoint.allowed(), endpoint.commune(), endpoint.allowed()), null);
            assertThat(allowed.getStatusCode().is2xxSuccessful()).as(endpoint.name() + " as " + endpoint.allowed() + ": " + allowed.getBody()).isTrue();
            assertThat(events()).as(endpoint.name() + " appends").isGreaterThan(before);
        }));
    }

    @Test
    void theMatrixCoversEveryCommandEndpointOfTheApi() {
        Set<String> documented = new TreeSet<>();
        // the province's retry of dead letters and the rebuild of the read models write no event: DeadLetterQueueTest
        // and ReadModelRebuildTest drive them as each caller
        // the score preview and the amendment's preview record nothing: ReportingApiTest, ProvinceReferencePageTest;
        // a verification of the store records no event, and is
        // the auditors' own: IntegrityTest
        Set<String> notCommands = Set.of("POST /api/dead-letters/retry", "POST /api/read-models/rebuild",
                "POST /api/frameworks/{frameworkId}/score-preview", "POST /api/integrity/verifications",
                "POST /api/frameworks/{frameworkId}/amendment-preview");
        JsonNode paths = get("/v3/api-docs").path("paths");
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            path.getValue().fieldNames().forEachRemaining(method -> {
                String operation = method.toUpperCase() + " " + path.getKey();
                if (!method.equals("get") && !notCommands.contains(operation)) {
                    documented.add(operation);
                }
            });
        }
        Set<String> covered = new TreeSet<>();
        for (Endpoint e : endpoints()) {
            covered.add(e.method() + " " + e.path().replaceAll("/api/communes/\\d+/", "/api/communes/{code}/")
                    .replace("/assessments/" + YEAR, "/assessments/{year}")
                    .replace("/indicators/1.1", "/indicators/{indicatorCode}")
                    .replace("/api/frameworks/TH-XA-MATRIX-2/", "/api/frameworks/{frameworkId}/")
                    .replace("/api/targets/2030", "/api/targets/{year}")
                    .replaceAll("/api/reporting-years/\\d+/", "/api/reporting-years/{year}/")
                    .replaceAll("\\?.*$", ""));
        }
        assertThat(covered).isEqualTo(documented);
    }
}
