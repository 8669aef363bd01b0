package vn.thanhhoa.cds.app;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Faults with real processes: the platform runs as its own JVM (production profile, bearer tokens) on a PostgreSQL
 * server of the test's own, and the test kills the platform with SIGKILL mid-burst, then stops and starts PostgreSQL
 * mid-burst. Every 2xx is stored, nothing twice, retries with the same Idempotency-Keys get the original answers; while
 * the database is away clients get 503 with Retry-After, never a 500 or a hang, and the platform recovers by itself.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProcessFaultsTest {
    private static final Tokens TOKENS = new Tokens();
    /** Communes of Huyện Hà Trung, registered for 2023 in the scratch store. */
    private static final List<String> COMMUNES = List.of("15304", "15274", "15277", "15280", "15283", "15286", "15292", "15298");
    private static final List<String> INDICATORS = List.of("1.1", "1.2", "3.2");
    private static final Path LOGS = Path.of("target", "faults");

    private ScratchPostgres postgres;
    private Process platform;
    private int port;
    private int starts;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newFixedThreadPool(4)).build();

    /** One request of a burst: its key and body, and what the platform answered. */
    private record Sent(int index, String key, String commune, String indicator, String body) {
    }

    private record Answer(int status, String retryAfter, long millis, String body) {
    }

    @BeforeAll
    void start() throws Exception {
        Files.createDirectories(LOGS);
        postgres = new ScratchPostgres();
        startPlatform();
        for (String code : COMMUNES) {
            assertThat(send("POST", "/api/communes/" + code + "/assessments", code,
                    "{\"year\":2023,\"frameworkId\":\"TH-XA-1829-2023\"}", null).status()).isEqualTo(201);
        }
    }

    @AfterAll
    void stop() throws Exception {
        if (platform != null) {
            platform.destroyForcibly().waitFor();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    @Order(1)
    void killedMidBurstEveryAnsweredRequestIsStoredOnceAndRetriesGetTheOriginalAnswers() throws Exception {
        List<Sent> burst = burst("kill", 600);
        Map<Sent, Answer> answers = new ConcurrentHashMap<>();
        AtomicInteger accepted = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<?>> running = new ArrayList<>();
        for (Sent sent : burst) {
            running.add(clients.submit(() -> {
                try {
                    Answer answer = send(sent);
                    answers.put(sent, answer);
                    if (answer.status() == 204) {
                        accepted.incrementAndGet();
                    }
                } catch (IOException e) {
                    // the platform died under this request: its fate is for the retry to find out
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        await().atMost(Duration.ofMinutes(3)).until(() -> accepted.get() >= 150);
        platform.destroyForcibly(); // SIGKILL: no shutdown hook, no flush, no goodbye
        platform.waitFor();
        clients.shutdownNow();
        clients.awaitTermination(30, TimeUnit.SECONDS);
        System.out.printf("FAULT kill -9 after %d answers (%d accepted) of %d%n", answers.size(), accepted.get(), burst.size());
        assertThat(answers.values()).extracting(Answer::status).containsOnly(204);

        startPlatform();
        Map<String, Integer> stored = eventsByKey("kill-");
        for (var answered : answers.keySet()) {
            assertThat(stored.get(answered.key())).as("answered 204, stored once: " + answered.key()).isEqualTo(1);
        }
        assertThat(stored.values()).as("nothing twice").allMatch(n -> n == 1);

        for (Sent sent : burst) {
            Answer retry = send(sent);
            assertThat(retry.status()).as("retry of " + sent.key() + ": " + retry.body()).isEqualTo(204);
        }
        Map<String, Integer> after = eventsByKey("kill-");
        assertThat(after).hasSize(burst.size());
        assertThat(after.values()).as("each request stored exactly once").allMatch(n -> n == 1);
        readModelsCountEachEventOnce();
    }

    @Test
    @Order(2)
    void postgresStoppedMidBurstGives503WithRetryAfterAndThePlatformRecoversByItself() throws Exception {
        List<Sent> burst = burst("pg", 100_000);
        Map<Sent, Answer> answers = new ConcurrentHashMap<>();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        long until = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            running.add(clients.submit(() -> {
                while (System.nanoTime() < until) {
                    Sent sent = burst.get(next.getAndIncrement());
                    try {
                        answers.put(sent, send(sent));
                    } catch (IOException e) {
                        answers.put(sent, new Answer(-1, null, -1, e.toString()));
                    }
                }
                return null;
            }));
        }
        Thread.sleep(8_000);
        long stopped = System.nanoTime();
        postgres.stop();
        Thread.sleep(10_000);
        postgres.start();
        long restarted = System.nanoTime();
        for (Future<?> client : running) {
            client.get(2, TimeUnit.MINUTES);
        }
        clients.shutdown();

        Map<Integer, Long> byStatus = new java.util.TreeMap<>();
        answers.values().forEach(a -> byStatus.merge(a.status(), 1L, Long::sum));
        long slowest = answers.values().stream().mapToLong(Answer::millis).max().orElse(0);
        System.out.printf("FAULT PostgreSQL stopped for %.1f s: answers by status %s, slowest %d ms%n",
                (restarted - stopped) / 1e9, byStatus, slowest);
        assertThat(byStatus.keySet()).as("only 204 and 503, never a 500 or a broken connection").isSubsetOf(204, 503);
        assertThat(byStatus).containsKey(503).containsKey(204);
        assertThat(answers.values()).filteredOn(a -> a.status() == 503).allSatisfy(a -> {
            assertThat(a.retryAfter()).isNotBlank();
            assertThat(a.body()).contains("TEMPORARILY_UNAVAILABLE");
        });
        assertThat(slowest).as("no request hangs").isLessThan(20_000);
        // recovered by itself: requests succeed again, and the read side applies them
        List<Sent> accepted = answers.entrySet().stream().filter(e -> e.getValue().status() == 204).map(Map.Entry::getKey).toList();
        assertThat(accepted.stream().mapToInt(Sent::index).max().orElse(-1))
                .as("requests after the restart succeed").isGreaterThan(answers.keySet().stream()
                        .filter(s -> answers.get(s).status() == 503).mapToInt(Sent::index).max().orElse(0));
        Map<String, Integer> stored = eventsByKey("pg-");
        accepted.forEach(sent -> assertThat(stored.get(sent.key())).as(sent.key()).isEqualTo(1));
        // a 503 recorded nothing, or — when the connection broke during the commit — recorded it once: a retry tells
        for (var refused : answers.entrySet()) {
            if (refused.getValue().status() == 503) {
                assertThat(send(refused.getKey()).status()).isEqualTo(204);
            }
        }
        assertThat(eventsByKey("pg-").values()).allMatch(n -> n == 1);
        readModelsCountEachEventOnce();
    }

    /** Two command nodes on one store, writing the same communes at once: no 500, no lost update. */
    @Test
    @Order(3)
    void twoNodesWritingTheSameCommunesLoseNothing() throws Exception {
        int first = port;
        Process firstNode = platform;
        try {
            startPlatform();
            int second = port;
            // two requests at a time for one commune, one to each node: they race for the stream's next position
            List<Sent> burst = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String commune = COMMUNES.get((i / 2) % COMMUNES.size());
                burst.add(new Sent(i, "nodes-" + i, commune, INDICATORS.get((i / 16) % INDICATORS.size()),
                        "{\"measure\":\"RATIO\",\"numerator\":" + (i % 31) + ",\"denominator\":31}"));
            }
            ExecutorService clients = Executors.newFixedThreadPool(8);
            List<Future<Answer>> answers = new ArrayList<>();
            for (Sent sent : burst) {
                int node = sent.index() % 2 == 0 ? first : second;
                answers.add(clients.submit(() -> send(node, sent)));
            }
            Map<Integer, Long> byStatus = new java.util.TreeMap<>();
            for (Future<Answer> answer : answers) {
                byStatus.merge(answer.get(2, TimeUnit.MINUTES).status(), 1L, Long::sum);
            }
            clients.shutdown();
            long retried = 0;
            for (int start = 1; start <= starts; start++) {
                retried += Files.readAllLines(LOGS.resolve("platform-" + start + ".log")).stream()
                        .filter(line -> line.contains("Will retry")).count();
            }
            System.out.printf("FAULT two nodes, %d updates of %d communes: answers by status %s, %d lost races retried%n",
                    burst.size(), COMMUNES.size(), byStatus, retried);
            assertThat(byStatus).containsOnlyKeys(204);
            assertThat(eventsByKey("nodes-")).hasSize(burst.size()).allSatisfy((key, n) -> assertThat(n).isEqualTo(1));
            readModelsCountEachEventOnce();
        } finally {
            platform.destroyForcibly().waitFor();
            platform = firstNode;
            port = first;
        }
    }

    private Answer send(int node, Sent sent) throws IOException, InterruptedException {
        return send(node, "PUT", "/api/communes/" + sent.commune() + "/assessments/2023/indicators/" + sent.indicator(),
                sent.commune(), sent.body(), sent.key());
    }

    private List<Sent> burst(String prefix, int size) {
        List<Sent> burst = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            String commune = COMMUNES.get(i % COMMUNES.size());
            String indicator = INDICATORS.get((i / COMMUNES.size()) % INDICATORS.size());
            burst.add(new Sent(i, prefix + "-" + i, commune, indicator,
                    "{\"measure\":\"RATIO\",\"numerator\":" + (i % 31) + ",\"denominator\":31}"));
        }
        return burst;
    }

    private Answer send(Sent sent) throws IOException, InterruptedException {
        return send("PUT", "/api/communes/" + sent.commune() + "/assessments/2023/indicators/" + sent.indicator(),
                sent.commune(), sent.body(), sent.key());
    }

    private Answer send(String method, String path, String commune, String body, String key)
            throws IOException, InterruptedException {
        return send(port, method, path, commune, body, key);
    }

    private Answer send(int node, String method, String path, String commune, String body, String key)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + TOKENS.token("can-bo-" + commune, List.of("COMMUNE"), commune))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        long started = System.nanoTime();
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.headers().firstValue("Retry-After").orElse(null),
                (System.nanoTime() - started) / 1_000_000, response.body());
    }

    /** How many stored events carry each Idempotency-Key of a burst. */
    private Map<String, Integer> eventsByKey(String prefix) throws SQLException {
        Map<String, Integer> counts = new java.util.HashMap<>();
        try (Connection c = DriverManager.getConnection(postgres.url(), "postgres", "");
             ResultSet rs = c.createStatement().executeQuery("""
                     select metaData::json->>'idempotencyKey', count(*) from domainevententry
                     where metaData::json->>'idempotencyKey' like '""" + prefix + "%' group by 1")) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getInt(2));
            }
        }
        return counts;
    }

    /** Each reported value reaches the commune's timeline once: the read side neither lost nor repeated one. */
    private void readModelsCountEachEventOnce() {
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            try (Connection c = DriverManager.getConnection(postgres.url(), "postgres", "")) {
                ResultSet events = c.createStatement().executeQuery(
                        "select count(*) from domainevententry where payloadType like '%IndicatorValueReported'");
                events.next();
                ResultSet timeline = c.createStatement().executeQuery(
                        "select count(*) from q_timeline where event_type = 'IndicatorValueReported'");
                timeline.next();
                return events.getLong(1) == timeline.getLong(1);
            }
        });
    }

    private void startPlatform() throws Exception {
        port = ScratchPostgres.freePort();
        Path log = LOGS.resolve("platform-" + (++starts) + ".log");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        platform = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Daxoniq.update-checker.disabled=true", "-Duser.timezone=Asia/Ho_Chi_Minh",
                "-cp", classpath, CdsApplication.class.getName(),
                "--spring.profiles.active=postgres", "--cds.demo.enabled=false", "--server.port=" + port,
                "--spring.datasource.url=" + postgres.url(), "--spring.datasource.username=postgres",
                "--spring.security.oauth2.resourceserver.jwt.public-key-location=" + TOKENS.publicKeyLocation())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() -> {
            if (!platform.isAlive()) {
                throw new IllegalStateException("the platform exited; see " + log);
            }
            try {
                HttpResponse<String> ready = client.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness")).build(), HttpResponse.BodyHandlers.ofString());
                return ready.statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
    }
}
