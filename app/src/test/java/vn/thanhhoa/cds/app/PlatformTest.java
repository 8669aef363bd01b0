package vn.thanhhoa.cds.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole platform on real PostgreSQL (127.0.0.1:5432, database {@code test}, a schema of its own that each test
 * run starts afresh), driven over real HTTP. Test classes share one context and one store, so each works on communes
 * of its own and compares counts before and after.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"cds.demo.enabled=false", "axoniq.update-checker.disabled=true",
                // the platform's own sealer would sign checkpoints in the middle of IntegrityTest, which seals the log
                // with keys of its own and tampers with it: in these tests, only the tests seal
                "cds.integrity.seal-interval-ms=86400000",
                // the history's exports read it in pages: small ones here, so that the tests' history spans several
                "cds.audit.export-page=50"})
@ActiveProfiles("postgres")
public abstract class PlatformTest {
    static final String SCHEMA = "cds_it";
    static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/test";

    static {
        freshSchema(SCHEMA);
    }

    /**
     * Each working copy may run its tests beside another's on the same server: {@code CDS_TEST_SCHEMA_SUFFIX} keeps
     * their schemas apart.
     */
    static String schemaName(String base) {
        return base + System.getenv().getOrDefault("CDS_TEST_SCHEMA_SUFFIX", "");
    }

    /** Drops and creates a schema of the test database: each run of a context starts from an empty store. */
    static void freshSchema(String base) {
        String schema = schemaName(base);
        try (Connection c = DriverManager.getConnection(SERVER, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("drop schema if exists " + schema + " cascade");
            s.execute("create schema " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL must run on 127.0.0.1:5432 (infra/scripts/ensure-postgres.sh)", e);
        }
    }

    /** The province's SSO, for the tests: a key pair made for this run; the platform trusts its public key. */
    protected static final Tokens TOKENS = new Tokens();

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        storeIn(registry, SCHEMA);
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", TOKENS::publicKeyLocation);
    }

    /** Points the event store and read store at a schema of the test database. */
    static void storeIn(DynamicPropertyRegistry registry, String base) {
        String schema = schemaName(base);
        registry.add("spring.datasource.url", () -> SERVER + "?currentSchema=" + schema);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.flyway.schemas", () -> schema);
    }

    /**
     * The settings of a platform started on its own (a context of its own, as a process of its own would be) on a
     * schema of the test database, trusting the tokens of {@code tokens}, on a free port.
     */
    static java.util.Map<String, Object> ownPlatform(String base, Tokens tokens) {
        String schema = schemaName(base);
        java.util.Map<String, Object> settings = new java.util.LinkedHashMap<>();
        settings.put("spring.datasource.url", SERVER + "?currentSchema=" + schema);
        settings.put("spring.datasource.username", "postgres");
        settings.put("spring.flyway.schemas", schema);
        settings.put("spring.security.oauth2.resourceserver.jwt.public-key-location", tokens.publicKeyLocation());
        settings.put("server.port", "0");
        settings.put("axoniq.update-checker.disabled", "true");
        return settings;
    }

    @Autowired
    protected TestRestTemplate http;
    @Autowired
    protected JdbcClient jdbc;
    @Autowired
    protected ObjectMapper json;

    /** Someone acting, as their bearer token from the province's SSO says. */
    protected record As(String subject, String role, String unit) {
        static As commune(String code) {
            return new As("can-bo-" + code, "COMMUNE", code);
        }

        static As district(String code) {
            return new As("tham-dinh-" + code, "DISTRICT", code);
        }

        static As province() {
            return new As("so-tttt", "PROVINCE", "38");
        }

        /** Sở TT&TT reviewing appraisals and proposing communes (since 2025 Sở KH&CN: the unit is not what is checked). */
        static As department() {
            return new As("so-tttt-xem-xet", "DEPARTMENT", "38");
        }
    }

    /**
     * The department's steps between a district's pass and the chairman's decision, through the API: the review and
     * a proposal listing only this commune, numbered after it ({@code TTr-<code>/<year>}, what {@link #PROPOSAL} names).
     */
    protected void reviewAndPropose(String code, int year) {
        String base = "/api/communes/" + code + "/assessments/" + year;
        ResponseEntity<String> reviewed = post(base + "/review", Map.of("note", ""), As.department());
        if (!reviewed.getStatusCode().is2xxSuccessful()) {
            throw new AssertionError("review of " + code + " → " + reviewed.getStatusCode() + " " + reviewed.getBody());
        }
        ResponseEntity<String> proposed = post("/api/recognition-proposals", Map.of("year", year,
                "document", Map.of("number", PROPOSAL.apply(code, year)), "communes", java.util.List.of(code)), As.department());
        if (!proposed.getStatusCode().is2xxSuccessful()) {
            throw new AssertionError("proposal of " + code + " → " + proposed.getStatusCode() + " " + proposed.getBody());
        }
    }

    /** The number of the proposal {@link #reviewAndPropose} records for a commune and year. */
    protected static final java.util.function.BiFunction<String, Integer, String> PROPOSAL =
            (code, year) -> "TTr-" + code + "/" + year;

    @BeforeEach
    void waitForReferenceData() {
        await().atMost(Duration.ofSeconds(30)).until(() ->
                jdbc.sql("select count(*) from q_target").query(Long.class).single() > 0
                        && jdbc.sql("select count(*) from q_unit").query(Long.class).single() >= 587);
    }

    protected ResponseEntity<String> send(HttpMethod method, String path, Object body, As actor, String idempotencyKey) {
        return sendWithToken(method, path, body,
                actor == null ? null : TOKENS.token(actor.subject(), java.util.List.of(actor.role()), actor.unit()), idempotencyKey);
    }

    /** Sends with a raw bearer token (or none): for the tokens that must be refused. */
    protected ResponseEntity<String> sendWithToken(HttpMethod method, String path, Object body, String token, String idempotencyKey) {
        HttpHeaders headers = new HttpHeaders();
        // a file (an evidence upload, a workbook) goes as it is; anything else as JSON
        headers.setContentType(body instanceof byte[] ? MediaType.APPLICATION_OCTET_STREAM : MediaType.APPLICATION_JSON);
        if (token != null) {
            headers.setBearerAuth(token);
        }
        if (idempotencyKey != null) {
            headers.set("Idempotency-Key", idempotencyKey);
        }
        Object payload = body;
        if (body != null && !(body instanceof String) && !(body instanceof byte[])) {
            try {
                payload = json.writeValueAsString(body);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return http.exchange(path, method, new HttpEntity<>(payload, headers), String.class);
    }

    /** A file, as the actor downloads it. */
    protected ResponseEntity<byte[]> download(String path, As actor) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(TOKENS.token(actor.subject(), java.util.List.of(actor.role()), actor.unit()));
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), byte[].class);
    }

    protected ResponseEntity<String> post(String path, Object body, As actor) {
        return send(HttpMethod.POST, path, body, actor, null);
    }

    protected ResponseEntity<String> put(String path, Object body, As actor) {
        return send(HttpMethod.PUT, path, body, actor, null);
    }

    /** Reads as the province, who may read everything. */
    protected JsonNode get(String path) {
        return get(path, As.province());
    }

    protected ResponseEntity<String> read(String path, As actor) {
        HttpHeaders headers = new HttpHeaders();
        if (actor != null) {
            headers.setBearerAuth(TOKENS.token(actor.subject(), java.util.List.of(actor.role()), actor.unit()));
        }
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
    }

    protected JsonNode get(String path, As actor) {
        ResponseEntity<String> response = read(path, actor);
        if (!response.getStatusCode().is2xxSuccessful()) {
            throw new AssertionError("GET " + path + " → " + response.getStatusCode() + " " + response.getBody());
        }
        return read(response.getBody());
    }

    /**
     * A value for every indicator of a framework (its definition as the read side keeps it), in its order: each ratio
     * {@code numerator}/{@code denominator}, each yes/no a yes. Static: the page tests, which are no PlatformTest, fill
     * a year so too.
     */
    static Map<String, Object> everyIndicator(JsonNode framework, long numerator, long denominator) {
        Map<String, Object> values = new java.util.LinkedHashMap<>();
        framework.path("pillars").forEach(p -> p.path("indicators").forEach(i -> values.put(i.path("code").asText(),
                "RATIO".equals(i.path("measure").asText())
                        ? Map.of("measure", "RATIO", "numerator", numerator, "denominator", denominator)
                        : Map.of("measure", "BOOLEAN", "value", true))));
        return values;
    }

    protected JsonNode read(String body) {
        try {
            return json.readTree(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The number that once froze every dashboard, written straight into the store as an older platform accepted it:
     * a copy of the commune's last reported value (whose numerator is 1) with a numerator of 1E-100000000, appended
     * to its stream. Returns the new event's identifier.
     */
    protected String storeOutOfDomainValue(String communeCode) {
        String poison = java.util.UUID.randomUUID().toString();
        jdbc.sql("""
                        insert into domainevententry (eventIdentifier, aggregateIdentifier, sequenceNumber, type, timeStamp,
                                                      payloadType, payloadRevision, payload, metaData)
                        select :id, aggregateIdentifier, sequenceNumber + 1, type, timeStamp, payloadType, payloadRevision,
                               replace(payload, '"numerator":1,', '"numerator":1E-100000000,'), metaData
                        from domainevententry where payloadType like '%IndicatorValueReported'
                          and aggregateIdentifier like :commune order by sequenceNumber desc limit 1""")
                .param("id", poison).param("commune", communeCode + "@%")
                .update();
        return poison;
    }

    /**
     * Registers a commune for a year under a framework of the test's own: the province assigns it to the year for the
     * registration, then gives the year back its own framework (a year without a reporting period may change it).
     */
    protected void registerUnder(String frameworkId, int year, String commune, Map<String, Object> body) {
        String previous = jdbc.sql("select framework_id from cmd_reporting_year where year = :year").param("year", year)
                .query(String.class).single();
        String path = "/api/reporting-years/" + year + "/framework";
        Map<String, Object> decision = Map.of("number", "TEST/QĐ-UBND");
        org.assertj.core.api.Assertions.assertThat(put(path, Map.of("frameworkId", frameworkId, "decision", decision), As.province())
                .getStatusCode().value()).isEqualTo(204);
        try {
            ResponseEntity<String> registered = post("/api/communes/" + commune + "/assessments", body, As.commune(commune));
            org.assertj.core.api.Assertions.assertThat(registered.getStatusCode().value()).as(registered.getBody()).isEqualTo(201);
        } finally {
            put(path, Map.of("frameworkId", previous, "decision", decision), As.province());
        }
    }

    /** Sends the request and checks the refusal: status, problem+json, stable code, field, and no event appended. */
    protected JsonNode refused(HttpMethod method, String path, Object body, As actor, int status, String code, String field) {
        long before = events();
        ResponseEntity<String> response = send(method, path, body, actor, null);
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).isNotNull();
        assertThat(response.getHeaders().getContentType().isCompatibleWith(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
        JsonNode problem = read(response.getBody());
        assertThat(problem.path("code").asText()).isEqualTo(code);
        if (field != null) {
            assertThat(problem.path("field").asText()).isEqualTo(field);
        }
        assertThat(problem.path("detail").asText()).isNotBlank();
        assertThat(response.getBody()).doesNotContain("Exception").doesNotContain("at vn.").doesNotContain("SQL");
        assertThat(events()).as("nothing appended").isEqualTo(before);
        return problem;
    }

    protected long events() {
        return jdbc.sql("select count(*) from domainevententry").query(Long.class).single();
    }

    /** The read side catches up asynchronously: wait until it shows what the test expects. */
    protected <T> T eventually(Callable<T> read, java.util.function.Predicate<T> expected) {
        return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(read, expected::test);
    }
}
