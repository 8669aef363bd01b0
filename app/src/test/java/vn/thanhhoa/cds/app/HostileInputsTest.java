package vn.thanhhoa.cds.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;
import vn.thanhhoa.cds.events.common.Limits;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a careless or hostile client sends, to every command endpoint: malformed JSON, wrong types, numbers whose cost
 * grows with their exponent, zero and negative denominators, unknown codes, hostile strings, bodies over the limit,
 * malformed headers. Each is answered with a 4xx problem+json, nothing is appended, and the dashboards still move
 * afterwards. Communes of the former Huyện Đông Sơn.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputsTest extends PlatformTest {
    private static final String OPEN = "16381";       // Xã Đông Hoàng: registered for 2023, open for reporting
    private static final String WATCHED = "16390";     // Xã Đông Hòa: its card must keep moving
    private static final String DISTRICT = "405";      // Huyện Đông Sơn
    private static final String BASE = "/api/communes/" + OPEN + "/assessments";

    @LocalServerPort
    int port;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** One command endpoint: who may call it, and a body it accepts (or would, but for the stage). */
    private record Endpoint(String method, String path, As actor, Map<String, Object> body) {
    }

    private List<Endpoint> endpoints;

    @BeforeAll
    void prepare() {
        waitForReferenceData();
        for (String code : new String[]{OPEN, WATCHED}) {
            assertThat(post("/api/communes/" + code + "/assessments", Map.of("year", 2023, "frameworkId", "TH-XA-1829-2023"),
                    As.commune(code)).getStatusCode().value()).isEqualTo(201);
        }
        Map<String, Object> document = Map.of("number", "12/QĐ-UBND", "date", "2023-10-01", "title", "Quyết định");
        Map<String, Object> ratio = Map.of("measure", "RATIO", "numerator", 20, "denominator", 31, "note", "ghi chú",
                "evidence", List.of(document));
        endpoints = List.of(
                new Endpoint("POST", BASE, As.commune(OPEN), Map.of("year", 2024, "frameworkId", "TH-XA-1829-2023")),
                new Endpoint("PUT", BASE + "/2023/indicators/1.1", As.commune(OPEN), ratio),
                new Endpoint("POST", BASE + "/2023/submission", As.commune(OPEN), Map.of("reportNumber", "7/BC-UBND",
                        "reportDate", "2023-10-02", "title", "Báo cáo tự đánh giá")),
                new Endpoint("PUT", BASE + "/2023/appraisal/indicators/1.1", As.district(DISTRICT), ratio),
                new Endpoint("POST", BASE + "/2023/appraisal/conclusion", As.district(DISTRICT), Map.of("document", document)),
                new Endpoint("POST", BASE + "/2023/return", As.district(DISTRICT), Map.of("document", document, "reason", "bổ sung")),
                new Endpoint("POST", BASE + "/2023/recognition", As.province(), Map.of("document", document)),
                new Endpoint("POST", BASE + "/2023/revocation", As.province(), Map.of("document", document, "reason", "sai")),
                new Endpoint("POST", BASE + "/2023/transfer", As.province(), Map.of("toCommuneCode", "14758", "decision", document)),
                new Endpoint("POST", BASE + "/2023/closure", As.province(), Map.of("document", document, "reason", "sáp nhập")),
                new Endpoint("POST", "/api/frameworks/TH-XA-1829-2023/amendments", As.province(), Map.of(
                        "points", Map.of("1.1", 40), "decisionNumber", "9/QĐ-UBND", "decisionDate", "2023-10-01", "reason", "đính chính")),
                new Endpoint("PUT", "/api/targets/2031", As.province(), Map.of("provinceTarget", 100,
                        "districtTargets", List.of(), "decisionNumber", "969/QĐ-UBND", "decisionDate", "2031-01-01")),
                new Endpoint("POST", "/api/map/reorganisations", As.province(), Map.of("id", "NQ-THU", "effectiveDate", "2099-01-01",
                        "basis", "Nghị quyết thử", "renames", List.of(Map.of("code", "14758", "newName", "Phường Hàm Rồng")))),
                new Endpoint("POST", "/api/frameworks", As.province(), framework()),
                new Endpoint("POST", BASE + "/2023/recognition/confirmation", As.province(), Map.of("document", document)),
                new Endpoint("POST", BASE + "/2023/review", As.department(), Map.of("note", "Đủ hồ sơ")),
                new Endpoint("PUT", BASE + "/2023/appraisal/council", As.district(DISTRICT), Map.of("lead", "tham-dinh-405",
                        "members", List.of(Map.of("subject", "tv-405", "pillars", List.of("CQS"))), "document", document)),
                new Endpoint("POST", BASE + "/2023/review/send-back", As.department(), Map.of("reason", "bổ sung",
                        "indicators", List.of(Map.of("indicatorCode", "1.1", "reason", "thiếu minh chứng")))),
                new Endpoint("POST", BASE + "/2023/inspections", As.department(), Map.of("inspectedOn", "2023-10-01",
                        "members", List.of("Sở Thông tin và Truyền thông"), "findings", "Đạt", "corrections", List.of(Map.of(
                                "indicatorCode", "1.1", "measure", "RATIO", "numerator", 20, "denominator", 31, "note", "theo biên bản")))),
                new Endpoint("POST", "/api/recognition-proposals", As.department(), Map.of("year", 2023, "document", document,
                        "communes", List.of(OPEN))),
                new Endpoint("POST", "/api/recognition-decisions", As.province(), Map.of("year", 2023, "proposalNumber", "5/TTr-STTTT",
                        "document", document, "outcomes", List.of(Map.of("code", OPEN, "recognised", false, "reason", "chưa đạt")))),
                new Endpoint("POST", BASE + "/2023/recognition/correction", As.province(), Map.of("corrected", "1/QĐ-UBND",
                        "document", document, "recognised", true, "reason", "đính chính")));
    }

    /** The 1829 framework as the reference data holds it, sent as a new one. */
    private Map<String, Object> framework() {
        try (var in = getClass().getResourceAsStream("/reference-data/TH-XA-1829-2023.json")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> body = json.readValue(in, LinkedHashMap.class);
            body.put("id", "TH-XA-THU-2031");
            return body;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    // --- the kinds of input ---

    private static final List<String> MALFORMED = List.of("{", "[]", "null", "\"x\"", "{\"a\":}", "{\"year\":2023,}",
            "[".repeat(5000), "{\"measure\":\"RATIO\",\"numerator\":" + "9".repeat(2000) + "}", "\u0000", "");

    /** Hostile strings: refused in any field they reach (control, bidirectional override, lone surrogate, too long). */
    private static final List<String> HOSTILE_TEXT = List.of("nul\u0000", "bell\u0007", "\u202Egnp.exe", "rtl\u2067",
            "esc\u001B[31m", "del\u007F", "c1\u0085", "x".repeat(Limits.REASON + 1));
    /** Strings fine as prose but not as a code: refused in code fields. */
    private static final List<String> HOSTILE_CODES = List.of("<script>alert(1)</script>", "1.1' OR '1'='1", "../../etc/passwd",
            "😀", "a b", "x".repeat(Limits.IDENTIFIER + 1));
    /** Numbers whose cost grows with their exponent or digits, and numbers out of every domain. */
    private static final List<String> HOSTILE_NUMBERS = List.of("1e-100000000", "1e1000000000", "-1e1000000000", "1E+2147483647",
            "0.000000000000000000001", "-1", "-0.5", "1e400", "123456789012345678901234567890");

    @Test
    void malformedBodiesAreRefusedEverywhere() {
        for (Endpoint endpoint : endpoints) {
            for (String body : MALFORMED) {
                refusedAsInvalid(endpoint, body);
            }
        }
        dashboardsStillMove(1);
    }

    @Test
    void wrongTypesHostileStringsAndHostileNumbersAreRefusedInEveryField() {
        for (Endpoint endpoint : endpoints) {
            for (String path : fields(json.valueToTree(endpoint.body()), "")) {
                JsonNode original = at(json.valueToTree(endpoint.body()), path);
                List<JsonNode> variants = new ArrayList<>();
                variants.add(json.valueToTree(Map.of("x", 1)));
                variants.add(json.valueToTree(List.of(1, 2)));
                if (original.isNumber()) {
                    HOSTILE_NUMBERS.forEach(n -> variants.add(number(n)));
                    variants.add(json.getNodeFactory().textNode("nhiều"));
                } else if (original.isTextual()) {
                    HOSTILE_TEXT.forEach(s -> variants.add(json.getNodeFactory().textNode(s)));
                    if (isCode(path)) {
                        HOSTILE_CODES.forEach(s -> variants.add(json.getNodeFactory().textNode(s)));
                    }
                }
                for (JsonNode variant : variants) {
                    JsonNode body = json.valueToTree(endpoint.body());
                    replace(body, path, variant);
                    refusedAsInvalid(endpoint, body.toString());
                }
            }
        }
        dashboardsStillMove(2);
    }

    @Test
    void ratiosNeedAPositiveDenominatorNoGreaterThanTheNumerator() {
        Endpoint report = endpoints.get(1);
        for (String body : List.of("{\"measure\":\"RATIO\",\"numerator\":0,\"denominator\":0}",
                "{\"measure\":\"RATIO\",\"numerator\":1,\"denominator\":-31}",
                "{\"measure\":\"RATIO\",\"numerator\":32,\"denominator\":31}",
                "{\"measure\":\"RATIO\",\"numerator\":1}",
                "{\"measure\":\"RATIO\",\"numerator\":0.5,\"denominator\":2}",
                "{\"measure\":\"BOOLEAN\",\"value\":\"có\"}",
                "{\"measure\":\"RATIO\",\"numerator\":1,\"denominator\":2,\"evidence\":[" + "{\"number\":\"1/BC\"},".repeat(20)
                        + "{\"number\":\"1/BC\"}]}")) {
            refused(report, body);
        }
        // "../../x" travels as ..%2F..%2Fx: refused by the platform, not by the container's own HTML page
        for (String indicator : List.of("9.9", "1.1' OR '1'='1", "%00", "<script>", "x".repeat(2000), "../../x")) {
            refused(new Endpoint("PUT", BASE + "/2023/indicators/" + encode(indicator), As.commune(OPEN), Map.of()),
                    "{\"measure\":\"RATIO\",\"numerator\":1,\"denominator\":2}");
        }
        dashboardsStillMove(3);
    }

    /** The inputs that froze the dashboards: each refused with 422 naming its field, before any arithmetic. */
    @Test
    void numbersWhoseCostGrowsWithTheirExponentAreRefusedAtOnce() {
        Endpoint report = endpoints.get(1);
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("{\"measure\":\"RATIO\",\"numerator\":1e-100000000,\"denominator\":1}", "numerator");
        cases.put("{\"measure\":\"RATIO\",\"numerator\":1,\"denominator\":1e1000000000}", "denominator");
        cases.put("{\"measure\":\"RATIO\",\"numerator\":1e1000000000,\"denominator\":1}", "numerator");
        // beside it, an ordinary refusal over the same path (token check, JSON, a rule): what any answer costs here
        String ordinary = "{\"measure\":\"RATIO\",\"numerator\":32,\"denominator\":31}";
        refused(report, ordinary);
        long ordinaryStarted = System.nanoTime();
        refused(report, ordinary);
        System.out.printf("HOSTILE ordinary refusal in %.1f ms: %s%n", (System.nanoTime() - ordinaryStarted) / 1e6, ordinary);
        cases.forEach((body, field) -> {
            long started = System.nanoTime();
            JsonNode problem = refused(report, body);
            System.out.printf("HOSTILE number refused in %.1f ms: %s%n", (System.nanoTime() - started) / 1e6, body);
            assertThat(problem.path("code").asText()).isEqualTo("NOT_A_COUNT");
            assertThat(problem.path("field").asText()).isEqualTo(field);
        });
        JsonNode points = refused(endpoints.get(10), "{\"points\":{\"1.1\":1e-100000000},\"decisionNumber\":\"9/QĐ\"}");
        assertThat(points.path("code").asText()).isEqualTo("INVALID_POINTS");
        ObjectNode framework = json.valueToTree(framework());
        ((ObjectNode) framework.path("pillars").path(0).path("indicators").path(0)).set("target", number("1e-100000000"));
        assertThat(refused(endpoints.get(13), framework.toString()).path("code").asText()).isEqualTo("INVALID_TARGET_SHARE");
        ((ObjectNode) framework.path("pillars").path(0).path("indicators").path(0)).set("target", number("0"));
        assertThat(refused(endpoints.get(13), framework.toString()).path("code").asText()).isEqualTo("INVALID_TARGET_SHARE");
        // query parameters and paths too
        for (String year : List.of("1e1000000000", "99999999999999999999", "-1e-100000000")) {
            assertThat(read("/api/province/dashboard?year=" + year, As.province()).getStatusCode().value()).isEqualTo(400);
        }
        for (String path : List.of("/api/province/dashboard?year=2000000000", "/api/province/heatmap?year=-5",
                "/api/communes/" + OPEN + "/assessments/2000000000", "/api/districts/" + DISTRICT + "/dashboard?year=99999")) {
            ResponseEntity<String> response = read(path, As.province());
            assertThat(response.getStatusCode().value()).as(path + " " + response.getBody()).isEqualTo(422);
            assertThat(read(response.getBody()).path("code").asText()).isEqualTo("INVALID_YEAR");
        }
        assertThat(refused(new Endpoint("PUT", BASE + "/2000000000/indicators/1.1", As.commune(OPEN), Map.of()),
                "{\"measure\":\"RATIO\",\"numerator\":1,\"denominator\":2}").path("code").asText()).isEqualTo("INVALID_YEAR");
        assertThat(refused(new Endpoint("PUT", "/api/targets/2000000000", As.province(), Map.of()),
                "{\"provinceTarget\":1,\"decisionNumber\":\"1/QĐ\"}").path("code").asText()).isEqualTo("INVALID_YEAR");
        dashboardsStillMove(4);
    }

    @Test
    void bodiesOverTheLimitAre413() throws Exception {
        String huge = "{\"measure\":\"RATIO\",\"numerator\":1,\"denominator\":2,\"note\":\"" + "x".repeat(Limits.BODY_BYTES) + "\"}";
        for (boolean chunked : new boolean[]{false, true}) {
            long before = events();
            byte[] bytes = huge.getBytes(StandardCharsets.UTF_8);
            HttpRequest.BodyPublisher publisher = chunked
                    ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))
                    : HttpRequest.BodyPublishers.ofByteArray(bytes);
            HttpResponse<String> response = client.send(request(BASE + "/2023/indicators/1.1", As.commune(OPEN))
                    .header("Content-Type", "application/json").method("PUT", publisher).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("chunked " + chunked + " " + response.body()).isEqualTo(413);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(read(response.body()).path("code").asText()).isEqualTo("BODY_TOO_LARGE");
            assertThat(events()).isEqualTo(before);
        }
        dashboardsStillMove(5);
    }

    /** Malformed or unsupported headers: 400, 406 or 415 as problem+json, never a 5xx. */
    @Test
    void malformedHeadersNeverAnswer5xx() throws Exception {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Accept", List.of("yaml", "text/html;q=abc", "*/*;q=", "application/xml", ";;;", "text/event-stream;q=2",
                "application/json;charset=\u00ff"));
        headers.put("Content-Type", List.of("garbage", "application/json;charset=klingon", "text/plain",
                "multipart/form-data", "application/json;;", "application/x-www-form-urlencoded"));
        headers.put("Accept-Language", List.of("!!!", "vi;q=abc", "*;q=", "x".repeat(4000)));
        headers.put("If-None-Match", List.of("garbage", "\"", "W/"));
        headers.put("If-Modified-Since", List.of("hôm qua", "0"));
        headers.put("Range", List.of("bytes=abc", "bytes=99999999999999999999-", "lines=1-2"));
        headers.put("Idempotency-Key", List.of("x".repeat(Limits.IDEMPOTENCY_KEY + 1), "khóa có dấu", "a b"));
        for (var header : headers.entrySet()) {
            for (String value : header.getValue()) {
                for (String target : List.of("GET /api/province/dashboard?year=2023", "GET /api/live",
                        "PUT " + BASE + "/2023/indicators/1.1", "GET /js/cds.js")) {
                    if (target.startsWith("GET /api/live") && !header.getKey().equals("Accept")) {
                        continue; // with an acceptable Accept, the live stream opens and never ends: nothing to fuzz
                    }
                    String[] parts = target.split(" ");
                    long before = events();
                    HttpRequest.Builder request = request(parts[1], As.province()).timeout(Duration.ofSeconds(10));
                    if (parts[0].equals("PUT")) {
                        request = request(parts[1], As.commune(OPEN)).timeout(Duration.ofSeconds(10));
                        if (!header.getKey().equals("Content-Type")) {
                            request.header("Content-Type", "application/json");
                        }
                        request.method("PUT", HttpRequest.BodyPublishers.ofString("{\"measure\":\"RATIO\",\"numerator\":32,\"denominator\":31}"));
                    }
                    HttpResponse<String> response;
                    try {
                        response = client.send(request.header(header.getKey(), value).build(), HttpResponse.BodyHandlers.ofString());
                    } catch (IllegalArgumentException refusedByTheClient) {
                        continue; // java.net.http will not even send it
                    }
                    String what = target + " with " + header.getKey() + ": " + value;
                    assertThat(response.statusCode()).as(what + " → " + response.body()).isLessThan(500);
                    if (response.statusCode() >= 400 && !parts[1].startsWith("/js/")) {
                        assertThat(response.headers().firstValue("Content-Type").orElse("")).as(what)
                                .startsWith("application/problem+json");
                        assertThat(read(response.body()).path("code").asText()).as(what).isNotBlank();
                    }
                    assertThat(events()).as(what).isEqualTo(before);
                }
            }
        }
        dashboardsStillMove(6);
    }

    /** A reorganisation naming a unit without its code or name is refused, not a 500. */
    @Test
    void missingFieldsOfAReorganisationAreNamed() {
        Endpoint reorganise = endpoints.get(12);
        for (String body : List.of(
                "{\"id\":\"NQ-THIEU\",\"effectiveDate\":\"2099-01-01\",\"basis\":\"NQ\",\"newUnits\":[{\"name\":\"Xã mới\"}]}",
                "{\"id\":\"NQ-THIEU\",\"effectiveDate\":\"2099-01-01\",\"basis\":\"NQ\",\"newUnits\":[{\"code\":\"99998\"}]}",
                "{\"id\":\"NQ-THIEU\",\"effectiveDate\":\"2099-01-01\",\"basis\":\"NQ\",\"newUnits\":[{\"code\":\"x@2020-01-01\",\"name\":\"X\"}]}",
                "{\"id\":\"NQ-THIEU\",\"effectiveDate\":\"2099-01-01\",\"basis\":\"NQ\",\"newUnits\":[{\"code\":\"\",\"name\":\"X\"}]}",
                "{\"id\":\"NQ-THIEU\",\"effectiveDate\":\"2099-01-01\",\"basis\":\"NQ\",\"renames\":[{\"code\":\"14758\"}]}",
                "{\"id\":\"NQ-THIEU\",\"effectiveDate\":\"2099-01-01\",\"basis\":\"NQ\",\"merges\":[{\"predecessors\":[{}]}]}")) {
            assertThat(refusedAsInvalid(reorganise, body).path("code").asText()).isIn("MISSING_FIELD", "INVALID_CODE");
        }
        dashboardsStillMove(7);
    }

    // --- helpers ---

    /** Refused for what the request holds (400, 413, 422) — before any rule of the stage or the map is consulted. */
    private JsonNode refusedAsInvalid(Endpoint endpoint, String body) {
        JsonNode problem = refused(endpoint, body);
        assertThat(problem.path("status").asInt()).as(endpoint.path() + " " + abbreviate(body) + " → " + problem)
                .isIn(400, 413, 422);
        return problem;
    }

    private JsonNode refused(Endpoint endpoint, String body) {
        long before = events();
        HttpResponse<String> response;
        try {
            response = client.send(request(endpoint.path(), endpoint.actor()).timeout(Duration.ofSeconds(20))
                    .header("Content-Type", "application/json")
                    .method(endpoint.method(), HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(endpoint + " " + abbreviate(body), e);
        }
        String what = endpoint.method() + " " + endpoint.path() + " " + abbreviate(body) + " → " + response.statusCode() + " "
                + abbreviate(response.body());
        assertThat(response.statusCode()).as(what).isBetween(400, 499).isNotIn(401, 403);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).as(what).startsWith("application/problem+json");
        JsonNode problem = read(response.body());
        assertThat(problem.path("code").asText()).as(what).isNotBlank();
        assertThat(problem.path("detail").asText()).as(what).isNotBlank();
        assertThat(response.body()).as(what).doesNotContain("Exception").doesNotContain("at vn.").doesNotContain("SQL");
        assertThat(events()).as("nothing appended: " + what).isEqualTo(before);
        return problem;
    }

    private HttpRequest.Builder request(String path, As actor) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + TOKENS.token(actor.subject(), List.of(actor.role()), actor.unit()));
    }

    /** After all of that, a commune's report still reaches its card: no processor is stuck. */
    private void dashboardsStillMove(int numerator) {
        assertThat(put("/api/communes/" + WATCHED + "/assessments/2023/indicators/1.2",
                Map.of("measure", "RATIO", "numerator", numerator, "denominator", 31), As.commune(WATCHED))
                .getStatusCode().value()).isEqualTo(204);
        eventually(() -> line(get("/api/communes/" + WATCHED + "/assessments/2023"), "1.2"),
                line -> line.path("value").path("numerator").asInt() == numerator);
    }

    static JsonNode line(JsonNode card, String indicator) {
        for (JsonNode pillar : card.path("pillars")) {
            for (JsonNode line : pillar.path("lines")) {
                if (line.path("code").asText().equals(indicator)) {
                    return line;
                }
            }
        }
        throw new AssertionError("no indicator " + indicator);
    }

    /** Written as the literal says, whatever its exponent (a double would turn 1e-21 into 0.0). */
    private JsonNode number(String literal) {
        return com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true).numberNode(new java.math.BigDecimal(literal));
    }

    /** Paths of every leaf of a body: "document.number", "evidence.0.title", "points.1\.1". */
    private static List<String> fields(JsonNode node, String prefix) {
        List<String> paths = new ArrayList<>();
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(name -> paths.addAll(fields(node.get(name), prefix + "/" + name.replace("~", "~0").replace("/", "~1"))));
        } else if (node.isArray()) {
            for (int i = 0; i < Math.min(node.size(), 2); i++) {
                paths.addAll(fields(node.get(i), prefix + "/" + i));
            }
        } else {
            paths.add(prefix);
        }
        return paths;
    }

    private static JsonNode at(JsonNode node, String pointer) {
        return node.at(pointer);
    }

    private static void replace(JsonNode root, String pointer, JsonNode value) {
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = root.at(pointer.substring(0, slash));
        String last = pointer.substring(slash + 1).replace("~1", "/").replace("~0", "~");
        if (parent instanceof ObjectNode object) {
            object.set(last, value);
        } else if (parent instanceof com.fasterxml.jackson.databind.node.ArrayNode array) {
            array.set(Integer.parseInt(last), value);
        }
    }

    /** Fields that hold codes, where prose like "&lt;script&gt;" is not a value. */
    private static boolean isCode(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        return List.of("frameworkId", "measure", "toCommuneCode", "id", "code", "districtCode", "successorCode", "kind", "scoring",
                        "indicatorCode")
                .contains(name);
    }

    private static String encode(String segment) {
        return java.net.URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String abbreviate(String text) {
        return text == null || text.length() <= 200 ? text : text.substring(0, 200) + "…(" + text.length() + ")";
    }
}
