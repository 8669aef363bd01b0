package vn.thanhhoa.cds.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import vn.thanhhoa.cds.infra.integrity.StoreVerification;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two platforms on one store, as two nodes behind a load balancer. What node A's handlers change — a framework
 * published and amended, a reorganisation of the map, an assessment, the year's reporting period — is what node B's
 * commands check against, what its dashboards show and what its live streams tell, within the freshness goal,
 * although B's processors may never handle those events (A holds their segments) and B had read all of it into memory
 * before. Commands on one assessment sent to either node in turn keep its hash chain whole (each node holds the last
 * hash it appended, never taken for another position), and an Idempotency-Key used on one node is honoured on the other.
 */
class TwoNodesTest {
    private static final String SCHEMA = "cds_two_nodes";
    private static final Tokens TOKENS = new Tokens();
    /** The freshness goal, with room for a busy machine. */
    private static final Duration SEEN_WITHIN = Duration.ofSeconds(3);
    private static final String FRAMEWORK = "TH-XA-1829-2023";

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private ConfigurableApplicationContext nodeA;
    private ConfigurableApplicationContext nodeB;

    @AfterEach
    void stop() {
        for (ConfigurableApplicationContext node : new ConfigurableApplicationContext[]{nodeB, nodeA}) {
            if (node != null) {
                node.close();
            }
        }
    }

    @Test
    void whatOneNodeChangesTheOtherSeesInItsCommandsDashboardsAndLiveStreams() throws Exception {
        PlatformTest.freshSchema(SCHEMA);
        nodeA = start("a");
        nodeB = start("b");
        String a = "http://localhost:" + nodeA.getEnvironment().getProperty("local.server.port");
        String b = "http://localhost:" + nodeB.getEnvironment().getProperty("local.server.port");
        String province = TOKENS.token("so-tttt", List.of("PROVINCE"), "38");
        String steering = TOKENS.token("ban-chi-dao", List.of("STEERING"), "38");

        // B has read the frameworks, the map and a dashboard into memory
        org.springframework.jdbc.core.simple.JdbcClient store = nodeA.getBean(org.springframework.jdbc.core.simple.JdbcClient.class);
        await().atMost(Duration.ofMinutes(1)).until(() -> store.sql("select count(*) from q_framework where framework_id = ?")
                .param(FRAMEWORK).query(Long.class).single() == 1);
        assertThat(send(b, "PUT", "/api/reporting-years/2026/framework", Map.of("frameworkId", FRAMEWORK,
                "decision", Map.of("number", "26/QĐ-UBND")), province).statusCode()).isEqualTo(204);
        HttpResponse<String> first = send(b, "POST", "/api/communes/15274/assessments", Map.of("year", 2026),
                TOKENS.token("can-bo-15274", List.of("COMMUNE"), "15274"));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(send(b, "POST", "/api/frameworks/" + FRAMEWORK + "/score-preview", Map.of("values",
                Map.of("1.1", Map.of("measure", "RATIO", "numerator", 1, "denominator", 1))), province).statusCode()).isEqualTo(200);
        assertThat(send(b, "GET", "/api/codes/15286", null, steering).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofMinutes(1)).until(() -> store.sql("select count(*) from q_assessment where commune_code = '15274'")
                .query(Long.class).single() == 1);
        int registeredBefore = body(send(b, "GET", "/api/province/dashboard?year=2026", null, steering)).path("registered").asInt();
        assertThat(registeredBefore).isEqualTo(1);
        BlockingQueue<String> heardOnB = listen(b, steering);

        // a framework published on A: B's command assigns it to a year
        JsonNode definition = json.readTree(store.sql("select definition from q_framework where framework_id = ?")
                .param(FRAMEWORK).query(String.class).single());
        ((com.fasterxml.jackson.databind.node.ObjectNode) definition).put("id", "TH-XA-TWO-NODES");
        HttpResponse<String> published = send(a, "POST", "/api/frameworks", definition, province);
        assertThat(published.statusCode()).as(published.body()).isEqualTo(201);
        await().atMost(SEEN_WITHIN).untilAsserted(() -> assertThat(send(b, "PUT", "/api/reporting-years/2027/framework",
                Map.of("frameworkId", "TH-XA-TWO-NODES", "decision", Map.of("number", "27/QĐ-UBND")), province).statusCode())
                .isEqualTo(204));

        // its points amended on A: B's preview scores with the amended points
        HttpResponse<String> amended = send(a, "POST", "/api/frameworks/TH-XA-TWO-NODES/amendments", Map.of(
                "points", Map.of("1.1", 77), "decisionNumber", "77/QĐ-UBND", "decisionDate", "2026-11-02",
                "reason", "Đính chính số điểm"), province);
        assertThat(amended.statusCode()).as(amended.body()).isEqualTo(204);
        await().atMost(SEEN_WITHIN).untilAsserted(() -> assertThat(body(send(b, "POST",
                "/api/frameworks/TH-XA-TWO-NODES/score-preview", Map.of("values",
                        Map.of("1.1", Map.of("measure", "RATIO", "numerator", 1, "denominator", 1))), province))
                .toString()).contains("77"));

        // a reorganisation on A: B reads the new unit, and its command names it
        HttpResponse<String> reorganised = send(a, "POST", "/api/map/reorganisations", Map.of("id", "NQ-THU-2-NUT",
                "effectiveDate", "2026-11-01", "basis", "Nghị quyết thử (hai nút)",
                "newUnits", List.of(Map.of("code", "99901", "name", "Xã Thử Hai Nút")),
                "merges", List.of(Map.of("successorCode", "99901", "predecessors", List.of(Map.of("code", "15286"))))), province);
        assertThat(reorganised.statusCode()).as(reorganised.body()).isEqualTo(201);
        await().atMost(SEEN_WITHIN).untilAsserted(() -> assertThat(body(send(b, "GET", "/api/codes/99901", null, steering))
                .toString()).contains("Xã Thử Hai Nút"));
        HttpResponse<String> renamed = send(b, "POST", "/api/map/reorganisations", Map.of("id", "NQ-THU-2-NUT-B",
                "effectiveDate", "2026-12-01", "basis", "Nghị quyết thử (đổi tên)",
                "renames", List.of(Map.of("code", "99901", "newName", "Xã Thử Hai Nút Mới"))), province);
        assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(201);

        // an assessment registered on A: B's dashboard counts it, and B's live stream tells of it
        String commune = TOKENS.token("can-bo-15298", List.of("COMMUNE"), "15298");
        HttpResponse<String> registered = send(a, "POST", "/api/communes/15298/assessments", Map.of("year", 2026), commune);
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        await().atMost(SEEN_WITHIN).untilAsserted(() -> assertThat(body(send(b, "GET", "/api/province/dashboard?year=2026",
                null, steering)).path("registered").asInt()).isEqualTo(registeredBefore + 1));
        String told = null;
        long until = System.nanoTime() + SEEN_WITHIN.toNanos();
        while (System.nanoTime() < until && (told == null || !told.contains("AssessmentRegistered"))) {
            told = heardOnB.poll(100, TimeUnit.MILLISECONDS);
        }
        assertThat(told).as("B's live stream").contains("AssessmentRegistered").contains("15298");

        // one assessment's commands on either node in turn: each node's held last hash is used only for its own position
        String officer = TOKENS.token("can-bo-15274", List.of("COMMUNE"), "15274");
        assertThat(send(a, "POST", "/api/reporting-years/2026/period", Map.of("opensOn", "2026-01-01", "closesOn", "2026-12-31",
                "decision", Map.of("number", "31/QĐ-UBND")), province).statusCode()).isEqualTo(204);
        String indicator = "/api/communes/15274/assessments/2026/indicators/1.1";
        for (int n = 1; n <= 6; n++) {
            HttpResponse<String> reported = send(n % 3 == 0 ? a : b, "PUT", indicator,
                    Map.of("measure", "RATIO", "numerator", n, "denominator", 10), officer);
            assertThat(reported.statusCode()).as(reported.body()).isEqualTo(204);
        }
        try (java.sql.Connection connection = nodeA.getBean(javax.sql.DataSource.class).getConnection()) {
            assertThat(StoreVerification.verify(connection, null).findings()).isEmpty();
        }

        // an Idempotency-Key answered on A is answered the same on B, which appends nothing
        long appended = store.sql("select count(*) from domainevententry").query(Long.class).single();
        Map<String, Object> seven = Map.of("measure", "RATIO", "numerator", 7, "denominator", 10);
        assertThat(sendWithKey(a, "PUT", indicator, seven, officer, "hai-nut-7").statusCode()).isEqualTo(204);
        assertThat(sendWithKey(b, "PUT", indicator, seven, officer, "hai-nut-7").statusCode()).isEqualTo(204);
        assertThat(store.sql("select count(*) from domainevententry").query(Long.class).single()).isEqualTo(appended + 1);
        HttpResponse<String> reused = sendWithKey(b, "PUT", indicator, Map.of("measure", "RATIO", "numerator", 8,
                "denominator", 10), officer, "hai-nut-7");
        assertThat(reused.statusCode()).as(reused.body()).isEqualTo(422);
        assertThat(reused.body()).contains("IDEMPOTENCY_KEY_REUSED");

        // the period closed on A: B, which held the year's rules, refuses the next report
        assertThat(send(a, "POST", "/api/reporting-years/2026/period/closure", Map.of("decision", Map.of("number", "32/QĐ-UBND")),
                province).statusCode()).isEqualTo(204);
        await().atMost(SEEN_WITHIN).untilAsserted(() -> assertThat(send(b, "PUT", indicator,
                Map.of("measure", "RATIO", "numerator", 9, "denominator", 10), officer).body()).contains("REPORTING_CLOSED"));
    }

    private HttpResponse<String> sendWithKey(String node, String method, String path, Object body, String token, String key)
            throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(node + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Idempotency-Key", key)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private ConfigurableApplicationContext start(String node) {
        Map<String, Object> settings = PlatformTest.ownPlatform(SCHEMA, TOKENS);
        settings.put("cds.node-id", "node-" + node); // two nodes in one process: each owns its claims
        settings.put("cds.demo.enabled", "false");
        settings.put("cds.integrity.seal-interval-ms", "86400000");
        settings.put("cds.live.min-interval-ms", "0");
        return new SpringApplicationBuilder(CdsApplication.class).profiles("postgres")
                .run(settings.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
    }

    private HttpResponse<String> send(String node, String method, String path, Object body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private JsonNode body(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    /** Opens a live stream on the node and hands every data line it receives to the queue. */
    private BlockingQueue<String> listen(String node, String token) throws Exception {
        HttpResponse<InputStream> stream = client.send(HttpRequest.newBuilder(URI.create(node + "/api/live"))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.startsWith("data:")) {
                        lines.add(line);
                    }
                }
            } catch (java.io.IOException closed) {
                // the node stopped
            }
        }, "live-on-b");
        reader.setDaemon(true);
        reader.start();
        return lines;
    }
}
