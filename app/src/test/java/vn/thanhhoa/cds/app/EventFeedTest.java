package vn.thanhhoa.cds.app;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The public event feed against a real Kafka broker (KRaft, in-process): every committed event on the topic, keyed by
 * its stream, in its stream's order, with its id, type, revision, sequence, global index and time in headers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"cds.demo.enabled=false", "axoniq.update-checker.disabled=true"})
@ActiveProfiles("postgres")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class EventFeedTest {
    /** A platform of its own (its own store, processors, tokens and dead letters), closed when the class ends. */
    private static final String SCHEMA = "cds_feed";
    private static final Tokens TOKENS = new Tokens();
    private static final EmbeddedKafkaKraftBroker BROKER = new EmbeddedKafkaKraftBroker(1, 3);

    static {
        PlatformTest.freshSchema(SCHEMA);
        BROKER.afterPropertiesSet();
        // the broker outlives the platform that publishes to it: it stops with the test JVM
        Runtime.getRuntime().addShutdownHook(new Thread(BROKER::destroy));
    }

    @DynamicPropertySource
    static void feed(DynamicPropertyRegistry registry) {
        PlatformTest.storeIn(registry, SCHEMA);
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", TOKENS::publicKeyLocation);
        registry.add("cds.feed.bootstrap-servers", BROKER::getBrokersAsString);
        registry.add("cds.feed.topic", () -> "cds.events");
    }

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ObjectMapper json;

    private int send(HttpMethod method, String path, Object body, String commune) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setBearerAuth(TOKENS.token("can-bo-" + commune, List.of("COMMUNE"), commune));
        return http.exchange(path, method, new HttpEntity<>(body, headers), String.class).getStatusCode().value();
    }

    private JsonNode card(String path) throws Exception {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(TOKENS.token("so-tttt", List.of("PROVINCE"), "38"));
        return json.readTree(http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class).getBody());
    }

    @Test
    void everyCommittedEventReachesTheTopicInItsStreamsOrderWithItsHeaders() throws Exception {
        assertThat(jdbc.sql("select current_schema()").query(String.class).single()).startsWith(SCHEMA);
        String code = "15499"; // Thị trấn Thọ Xuân
        await().atMost(Duration.ofSeconds(30)).until(() -> send(HttpMethod.POST, "/api/communes/" + code + "/assessments",
                Map.of("year", 2025, "frameworkId", "TH-XA-1829-2023"), code) == 201);
        String card = "/api/communes/" + code + "/assessments/2025";
        assertThat(send(HttpMethod.PUT, card + "/indicators/1.1", Map.of("measure", "RATIO", "numerator", 3, "denominator", 31), code)).isEqualTo(204);
        assertThat(send(HttpMethod.PUT, card + "/indicators/1.2", Map.of("measure", "RATIO", "numerator", 9, "denominator", 31), code)).isEqualTo(204);
        String assessment = await().atMost(Duration.ofSeconds(20)).until(() -> card(card).path("assessmentId").asText(""), id -> !id.isEmpty());

        List<ConsumerRecord<String, byte[]>> mine = new ArrayList<>();
        long stored = jdbc.sql("select count(*) from domainevententry").query(Long.class).single();
        List<ConsumerRecord<String, byte[]>> all = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER.getBrokersAsString(),
                ConsumerConfig.GROUP_ID_CONFIG, "event-feed-test",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of("cds.events"));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (mine.size() < 3 && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    all.add(record);
                    if (assessment.equals(record.key())) {
                        mine.add(record);
                    }
                }
            }
        }
        assertThat(mine).as("the assessment's three events").hasSize(3);
        assertThat(mine.stream().map(r -> header(r, "cds-aggregate-sequence")).toList()).containsExactly("0", "1", "2");
        assertThat(mine.stream().map(r -> header(r, "cds-event-type")).toList()).containsExactly(
                "vn.thanhhoa.cds.events.assessment.AssessmentRegistered",
                "vn.thanhhoa.cds.events.assessment.IndicatorValueReported",
                "vn.thanhhoa.cds.events.assessment.IndicatorValueReported");
        assertThat(mine.stream().map(ConsumerRecord::partition).distinct().toList()).as("one stream, one partition").hasSize(1);
        ConsumerRecord<String, byte[]> reported = mine.get(2);
        JsonNode value = json.readTree(new String(reported.value(), StandardCharsets.UTF_8));
        assertThat(value.path("indicatorCode").asText()).isEqualTo("1.2");
        assertThat(value.path("value").path("numerator").asInt()).isEqualTo(9);
        assertThat(header(reported, "cds-event-revision")).isNotBlank();
        assertThat(header(reported, "cds-aggregate-type")).isEqualTo("CommuneAssessment");
        assertThat(header(reported, "cds-timestamp")).endsWith("Z");
        long index = Long.parseLong(header(reported, "cds-global-index"));
        assertThat(jdbc.sql("select eventIdentifier from domainevententry where globalIndex = :i").param("i", index)
                .query(String.class).single()).isEqualTo(header(reported, "cds-event-id"));
        // the history before the feed existed is on the topic too: the map, the frameworks, the targets
        assertThat(all.stream().map(r -> header(r, "cds-event-type")).distinct().toList())
                .contains("vn.thanhhoa.cds.events.map.AdministrativeUnitRegistered", "vn.thanhhoa.cds.events.criteria.CriteriaFrameworkPublished");
        assertThat((long) all.size()).isLessThanOrEqualTo(stored * 2);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
