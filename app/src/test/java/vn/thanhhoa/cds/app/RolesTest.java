package vn.thanhhoa.cds.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import vn.thanhhoa.cds.infra.eventstore.EventStoreConfiguration;
import vn.thanhhoa.cds.infra.feed.EventFeed;
import vn.thanhhoa.cds.infra.feed.FeedToken;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The platform as separate roles with a real Kafka broker (KRaft, in-process) between them: a command role, two query
 * roles fed by the one topic, and a standalone platform given the same commands. Along the way the first query role is
 * stopped mid-burst and started again, the command role is killed between appending events and publishing them, a
 * record is published twice, and a poison record is put on the topic.
 */
class RolesTest {
    private static final Tokens TOKENS = new Tokens();
    private static final String TOPIC = "cds.roles";
    private static final EmbeddedKafkaKraftBroker BROKER = new EmbeddedKafkaKraftBroker(1, 1);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<Node> RUNNING = new ArrayList<>();

    static {
        BROKER.afterPropertiesSet();
        // stopped by the test itself (a broker gone); else when the JVM ends
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                BROKER.destroy();
            } catch (RuntimeException alreadyStopped) {
                // nothing left to stop
            }
        }));
    }

    /** One process of the platform in this JVM: its own application context, port and schema. */
    record Node(String role, String schema, ConfigurableApplicationContext context, String base) {
        static Node start(String role, String schemaBase, boolean fresh) {
            if (fresh) {
                PlatformTest.freshSchema(schemaBase);
            }
            String schema = PlatformTest.schemaName(schemaBase);
            Map<String, Object> settings = PlatformTest.ownPlatform(schemaBase, TOKENS);
            settings.put("cds.demo.enabled", "false");
            settings.put("cds.role", role);
            settings.put("cds.feed.down-after", "3s");
            if (!"standalone".equals(role)) {
                settings.put("cds.feed.bootstrap-servers", BROKER.getBrokersAsString());
                settings.put("cds.feed.topic", TOPIC);
            }
            // as arguments of the command line: above the profile's own settings, as an operator gives them
            ConfigurableApplicationContext context = new SpringApplicationBuilder(CdsApplication.class).profiles("postgres")
                    .run(settings.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
            Node node = new Node(role, schema, context, "http://localhost:" + context.getEnvironment().getProperty("local.server.port"));
            RUNNING.add(node);
            return node;
        }

        void stop() {
            context.close();
            RUNNING.remove(this);
        }

        JdbcClient jdbc() {
            return context.getBean(JdbcClient.class);
        }

        TrackingToken token(String group) {
            return context.getBean(EventProcessingConfiguration.class).eventProcessor(group, StreamingEventProcessor.class)
                    .orElseThrow().processingStatus().values().stream().map(s -> s.getTrackingToken())
                    .filter(java.util.Objects::nonNull).findFirst().orElse(null);
        }

        /** Both read-side processors of a standalone platform have applied its store up to its last event. */
        boolean caughtUpWithItsStore() {
            long head = EventStoreConfiguration.head(jdbc());
            return List.of("dashboards", "audit-trail").stream().allMatch(group -> {
                TrackingToken token = token(group);
                return token != null && token.position().orElse(-1) >= head;
            });
        }

        /** A command role's publisher has had every event of its store acknowledged by the broker. */
        boolean publishedAll() {
            long head = EventStoreConfiguration.head(jdbc());
            TrackingToken token = token(EventFeed.GROUP);
            return token != null && token.position().orElse(-1) >= head;
        }

        /** Both processors of a query role have read the topic up to its last record. */
        boolean caughtUp() {
            long last = lastOffset();
            return List.of("dashboards", "audit-trail").stream().allMatch(group -> {
                FeedToken read = FeedToken.of(token(group));
                return read != null && read.offset() >= last;
            });
        }

        String get(String path) throws Exception {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
                    .header("Authorization", "Bearer " + TOKENS.token("so-tttt", List.of("PROVINCE"), "38")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("GET " + path + " on the " + role + " role: " + response.body()).isEqualTo(200);
            return response.body();
        }

        int send(Command command) throws Exception {
            return RolesTest.send(base, command);
        }
    }

    static int send(String base, Command command) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + command.path()))
                .header("Authorization", "Bearer " + TOKENS.token(command.subject(), List.of(command.role()), command.unit()))
                .header("Content-Type", "application/json");
        if (command.key() != null) {
            request.header("Idempotency-Key", command.key());
        }
        request.method(command.method(), command.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(command.body()));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** A command as a person sends it: replayed on the standalone platform to compare. */
    record Command(String method, String path, String body, String subject, String role, String unit, String key) {
        Command(String method, String path, String body, String subject, String role, String unit) {
            this(method, path, body, subject, role, unit, null);
        }

        static Command ofCommune(String method, String code, String path, String body) {
            return new Command(method, "/api/communes/" + code + "/assessments" + path, body, "can-bo-" + code, "COMMUNE", code);
        }

        Command withKey(String key) {
            return new Command(method, path, body, subject, role, unit, key);
        }
    }

    private static final List<Command> SENT = new ArrayList<>();

    private static void sendAll(Node node, List<Command> commands) throws Exception {
        for (Command command : commands) {
            assertThat(node.send(command)).as(command.method() + " " + command.path()).isBetween(200, 299);
            SENT.add(command);
        }
    }

    /** Registers the communes for 2023 and reports some of their indicators: {@code indicators} values each. */
    private static List<Command> reports(List<String> communes, int from, int indicators, boolean register) {
        List<Command> commands = new ArrayList<>();
        for (String code : communes) {
            if (register) {
                commands.add(Command.ofCommune("POST", code, "", "{\"year\":2023,\"frameworkId\":\"TH-XA-1829-2023\"}"));
            }
            for (int i = from; i < from + indicators; i++) {
                int numerator = (Integer.parseInt(code) + i) % 31;
                commands.add(Command.ofCommune("PUT", code, "/2023/indicators/1." + (1 + i % 2),
                        "{\"measure\":\"RATIO\",\"numerator\":" + numerator + ",\"denominator\":31}"));
            }
        }
        return commands;
    }

    private static long lastOffset() {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            TopicPartition partition = new TopicPartition(TOPIC, 0);
            return consumer.endOffsets(List.of(partition)).get(partition) - 1;
        }
    }

    private static KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER.getBrokersAsString(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static List<ConsumerRecord<String, byte[]>> topic() {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        long last = lastOffset();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            TopicPartition partition = new TopicPartition(TOPIC, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            while (consumer.position(partition) <= last) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        return records;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void publish(ConsumerRecord<String, byte[]> like, byte[] value, Map<String, String> changedHeaders) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                BROKER.getBrokersAsString()), new StringSerializer(), new ByteArraySerializer())) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(TOPIC, like.key(), value);
            for (Header header : like.headers()) {
                if (!changedHeaders.containsKey(header.key())) {
                    record.headers().add(header);
                }
            }
            changedHeaders.forEach((name, text) -> record.headers().add(name, text.getBytes(StandardCharsets.UTF_8)));
            producer.send(record).get(10, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    static void stopAll() {
        new ArrayList<>(RUNNING).forEach(Node::stop);
    }

    @Test
    void commandAndQueryRolesWithKafkaBetweenThemAnswerAsTheStandalonePlatform() throws Exception {
        Node command = Node.start("command", "cds_role_command", true);
        Node queryA = Node.start("query", "cds_role_query_a", true);
        await().atMost(Duration.ofSeconds(60)).until(queryA::caughtUp);

        // the command role serves no read model and no page, the query role no command
        HttpResponse<String> noDashboard = HTTP.send(HttpRequest.newBuilder(URI.create(command.base() + "/api/province/dashboard?year=2023"))
                .header("Authorization", "Bearer " + TOKENS.token("so-tttt", List.of("PROVINCE"), "38")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(noDashboard.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(noDashboard.body()).path("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(queryA.send(Command.ofCommune("POST", "15316", "", "{\"year\":2023,\"frameworkId\":\"TH-XA-1829-2023\"}")))
                .isEqualTo(404);

        // 1. commands on the command role reach the query role's read models and its live stream
        CompletableFuture<String> change = firstChange(queryA);
        sendAll(command, reports(List.of("15316", "15349", "15352"), 0, 2, true));
        assertThat(change.get(30, TimeUnit.SECONDS)).contains("\"communeCode\"");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                JSON.readTree(queryA.get("/api/province/dashboard?year=2023")).path("registered").asInt() == 3);

        // 2. a record published twice, and a poison record (a value out of the domain) for another stream
        List<ConsumerRecord<String, byte[]>> records = topic();
        ConsumerRecord<String, byte[]> registered = records.stream()
                .filter(r -> r.key() != null && r.key().startsWith("15349@") && header(r, "ce_type").endsWith(".assessment-registered.v1"))
                .findFirst().orElseThrow();
        publish(registered, registered.value(), Map.of());
        ConsumerRecord<String, byte[]> reported = records.stream()
                .filter(r -> r.key() != null && r.key().startsWith("15352@") && header(r, "ce_type").endsWith(".indicator-value-reported.v1"))
                .reduce((first, second) -> second).orElseThrow();
        String poisoned = new String(reported.value(), StandardCharsets.UTF_8).replaceFirst("\"numerator\":\\d+", "\"numerator\":1E-100000000");
        assertThat(poisoned).contains("1E-100000000");
        String poisonId = UUID.randomUUID().toString();
        publish(reported, poisoned.getBytes(StandardCharsets.UTF_8), Map.of("ce_id", poisonId,
                "ce_aggregatesequence", "99"));
        // and what someone with the topic's write access could put there: no headers, a key longer than any stream's
        // id, no JSON; a known type with numbers that are not numbers, a time that is not one, a payload cut short
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                BROKER.getBrokersAsString()), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(TOPIC, "x".repeat(300), "không phải JSON".getBytes(StandardCharsets.UTF_8))).get();
            ProducerRecord<String, byte[]> cut = new ProducerRecord<>(TOPIC, "không-phải-xã", "{\"assessmentId\":".getBytes(StandardCharsets.UTF_8));
            Map.of("ce_specversion", "1.0", "ce_id", UUID.randomUUID().toString(), "ce_source", "urn:vn:thanhhoa:cds",
                    "ce_type", header(reported, "ce_type"), "ce_aggregatetype", "CommuneAssessment", "ce_aggregatesequence", "mười",
                    "ce_globalindex", "-", "ce_time", "2026-11-30T00:00:00Z")
                    .forEach((name, text) -> cut.headers().add(name, text.getBytes(StandardCharsets.UTF_8)));
            producer.send(cut).get();
            ProducerRecord<String, byte[]> undated = new ProducerRecord<>(TOPIC, "không-phải-xã", reported.value());
            Map.of("ce_specversion", "1.0", "ce_id", UUID.randomUUID().toString(), "ce_source", "urn:vn:thanhhoa:cds",
                    "ce_type", header(reported, "ce_type"), "ce_time", "hôm qua")
                    .forEach((name, text) -> undated.headers().add(name, text.getBytes(StandardCharsets.UTF_8)));
            producer.send(undated).get();
        }

        // 3. the first query role stops in the middle of a burst and starts again
        List<Command> burst = reports(List.of("15355", "15358", "15361"), 0, 4, true);
        sendAll(command, burst.subList(0, 6));
        queryA.stop();
        sendAll(command, burst.subList(6, burst.size()));
        Node queryAgain = Node.start("query", "cds_role_query_a", false);

        // 4. the command role is killed after appending and before publishing; its successor publishes
        command.context().getBean(EventProcessingConfiguration.class).eventProcessor(EventFeed.GROUP).orElseThrow()
                .shutDown();
        long publishedBefore = lastOffset();
        sendAll(command, reports(List.of("15316", "15349"), 2, 3, false));
        assertThat(lastOffset()).as("nothing published while the feed is stopped").isEqualTo(publishedBefore);
        command.stop();
        Node commandAgain = Node.start("command", "cds_role_command", false);
        await().atMost(Duration.ofSeconds(60)).until(() -> lastOffset() >= publishedBefore + 2 * 3);

        // 4b. the command role as a process of its own, killed (SIGKILL) in the middle of a burst: events appended and
        // not yet published, records sent and not yet acknowledged. Its successor publishes what is missing; the
        // commands, retried with their Idempotency-Keys, count once — on the query roles too
        commandAgain.stop();
        List<Command> killedBurst = reports(List.of("15364", "15367", "15376"), 0, 30, true).stream()
                .map(c -> c.withKey(UUID.randomUUID().toString())).toList();
        sendKilledMidBurst(killedBurst);
        Node commandNow = Node.start("command", "cds_role_command", false);
        for (Command retried : killedBurst) {
            assertThat(commandNow.send(retried)).as("retry of " + retried.path()).isBetween(200, 299);
        }
        SENT.addAll(killedBurst);

        // 5. a second query role, started last, reads the topic from offset 0
        Node queryB = Node.start("query", "cds_role_query_b", true);
        Node standalone = Node.start("standalone", "cds_role_standalone", true);
        sendAll(standalone, new ArrayList<>(SENT));
        // the killed role's successor publishes once the dead one's claim on the feed's token has expired
        await().atMost(Duration.ofSeconds(120)).until(() -> commandNow.publishedAll() && queryAgain.caughtUp() && queryB.caughtUp());

        // the duplicate changed nothing: the history holds each of the stream's events once, and no dead letter but the poison
        String duplicated = registered.key();
        long stored = commandNow.jdbc().sql("select count(*) from domainevententry where aggregateIdentifier = :id")
                .param("id", duplicated).query(Long.class).single();
        long assessmentEvents = commandNow.jdbc().sql("select count(*) from domainevententry where type = 'CommuneAssessment'")
                .query(Long.class).single();
        for (Node query : List.of(queryAgain, queryB)) {
            // the history keeps the poison record too (as it keeps a stored one): it is not the store's
            assertThat(query.jdbc().sql("select count(*) from q_audit where aggregate_id like '%@%/%' and event_id <> :poison")
                    .param("poison", poisonId).query(Long.class).single())
                    .as("every stored assessment event, once, in the history of " + query.schema()).isEqualTo(assessmentEvents);
            assertThat(query.jdbc().sql("select count(*) from q_audit where aggregate_id = :id").param("id", duplicated)
                    .query(Long.class).single()).as("history of " + duplicated + " on " + query.schema()).isEqualTo(stored);
            assertThat(query.jdbc().sql("select count(*) from deadletterentry").query(Long.class).single())
                    .as("dead letters on " + query.schema() + ": the poison and the payload cut short").isEqualTo(2);
            assertThat(query.jdbc().sql("select count(*) from deadletterentry where aggregateIdentifier = 'không-phải-xã'")
                    .query(Long.class).single()).isEqualTo(1);
            // the auditors' history names the three records it cannot read, and goes on
            assertThat(query.jdbc().sql("select count(*) from q_audit where value_after like 'không đọc được%'")
                    .query(Long.class).single()).as("unreadable records in the history of " + query.schema()).isEqualTo(3);
            assertThat(query.jdbc().sql("select count(*) from deadletterentry where aggregateIdentifier like '15352@%'")
                    .query(Long.class).single()).isEqualTo(1);
        }

        // two query roles answer byte for byte alike, and as the standalone platform given the same commands
        await().atMost(Duration.ofSeconds(60)).until(standalone::caughtUpWithItsStore);
        for (String path : List.of("/api/province/dashboard?year=2023", "/api/districts/392/dashboard?year=2023",
                "/api/districts/393/dashboard?year=2023", "/api/province/heatmap?year=2023",
                "/api/communes/15349/assessments/2023")) {
            String a = queryAgain.get(path);
            assertThat(a).as(path + " on the two query roles").isEqualTo(queryB.get(path));
            if (!path.startsWith("/api/communes")) { // a card shows its events' recording times, each store its own
                assertThat(withoutTimes(a)).as(path + " on a query role and standalone").isEqualTo(withoutTimes(standalone.get(path)));
            }
        }

        // 6. a query role rebuilds its read models from the topic's first record while it serves
        String before = queryB.get("/api/province/dashboard?year=2023");
        HttpResponse<String> started = HTTP.send(HttpRequest.newBuilder(URI.create(queryB.base() + "/api/read-models/rebuild"))
                .header("Authorization", "Bearer " + TOKENS.token("so-tttt", List.of("PROVINCE"), "38"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(90)).until(() ->
                JSON.readTree(queryB.get("/api/read-models/rebuild")).path("state").asText(), state -> state.equals("DONE") || state.equals("FAILED"));
        assertThat(JSON.readTree(queryB.get("/api/read-models/rebuild")).path("state").asText()).isEqualTo("DONE");
        assertThat(queryB.get("/api/province/dashboard?year=2023")).isEqualTo(before);

        // 7. what an operator watches: no lag once caught up, and DOWN when the broker is gone for longer than allowed
        await().atMost(Duration.ofSeconds(20)).until(() -> queryB.get("/actuator/prometheus"),
                metrics -> metrics.contains("cds_feed_consumer_lag{processor=\"dashboards\"} 0.0")
                        && metrics.contains("cds_feed_consumer_lag{processor=\"audit-trail\"} 0.0"));
        await().atMost(Duration.ofSeconds(20)).until(() -> commandNow.get("/actuator/prometheus"),
                metrics -> metrics.contains("cds_feed_publisher_lag 0.0"));
        assertThat(health(queryB, "/eventFeed").statusCode()).isEqualTo(200);
        BROKER.destroy();
        for (Node node : List.of(queryB, commandNow)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> health(node, "/eventFeed").statusCode() == 503);
            assertThat(health(node, "").statusCode()).isEqualTo(503);
        }
    }

    /** The command role in a JVM of its own, sent the burst from four clients and killed after 30 answers. */
    private static void sendKilledMidBurst(List<Command> burst) throws Exception {
        int port = ScratchPostgres.freePort();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        java.nio.file.Path log = java.nio.file.Files.createTempFile("cds-command-role", ".log");
        Process process = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Daxoniq.update-checker.disabled=true", "-cp", classpath, CdsApplication.class.getName(),
                "--spring.profiles.active=postgres", "--cds.demo.enabled=false", "--server.port=" + port, "--cds.role=command",
                "--cds.feed.bootstrap-servers=" + BROKER.getBrokersAsString(), "--cds.feed.topic=" + TOPIC,
                "--spring.datasource.url=" + PlatformTest.SERVER + "?currentSchema=" + PlatformTest.schemaName("cds_role_command"),
                "--spring.datasource.username=postgres", "--spring.flyway.schemas=" + PlatformTest.schemaName("cds_role_command"),
                "--spring.security.oauth2.resourceserver.jwt.public-key-location=" + TOKENS.publicKeyLocation())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            String base = "http://127.0.0.1:" + port;
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(() -> {
                assertThat(process.isAlive()).as("the command role's process; see " + log).isTrue();
                try {
                    return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health/readiness")).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                } catch (java.io.IOException e) {
                    return false;
                }
            });
            java.util.concurrent.atomic.AtomicInteger answered = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(4);
            // a commune's commands in order (its registration first), the communes side by side
            for (String commune : burst.stream().map(Command::unit).distinct().toList()) {
                clients.submit(() -> {
                    for (Command command : burst.stream().filter(c -> c.unit().equals(commune)).toList()) {
                        try {
                            send(base, command);
                            answered.incrementAndGet();
                        } catch (Exception e) {
                            return; // the process died under this request: the retry finds out what became of it
                        }
                    }
                });
            }
            await().atMost(Duration.ofMinutes(1)).until(() -> answered.get() >= 30);
            process.destroyForcibly();
            process.waitFor();
            clients.shutdownNow();
            clients.awaitTermination(10, TimeUnit.SECONDS);
        } finally {
            process.destroyForcibly();
        }
    }

    private static HttpResponse<String> health(Node node, String component) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(node.base() + "/actuator/health" + component))
                .header("Authorization", "Bearer " + TOKENS.token("so-tttt", List.of("PROVINCE"), "38")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A commune's last update (when its last event was recorded) left out: the standalone store recorded its own events. */
    private static String withoutTimes(String body) {
        return body.replaceAll("\"(lastUpdate[A-Za-z]*)\":\"[^\"]*\"", "\"$1\":\"…\"");
    }

    /** The first change the query role's live stream tells of, read from a stream opened now. */
    private static CompletableFuture<String> firstChange(Node node) throws Exception {
        HttpResponse<java.io.InputStream> response = HTTP.send(HttpRequest.newBuilder(URI.create(node.base() + "/api/live"))
                .header("Authorization", "Bearer " + TOKENS.token("bcd-live", List.of("PROVINCE"), "38"))
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        return CompletableFuture.supplyAsync(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                boolean change = false;
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    change |= line.equals("event:change");
                    if (change && line.startsWith("data:")) {
                        return line;
                    }
                }
                return null;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
