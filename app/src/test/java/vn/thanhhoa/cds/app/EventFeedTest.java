package vn.thanhhoa.cds.app;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public event feed against a real Kafka broker (KRaft, in-process): every committed event on the topic, keyed by
 * its stream, in its stream's order, with its id, type, revision, sequence, global index and time in headers.
 */
class EventFeedTest extends PlatformTest {
    private static final EmbeddedKafkaKraftBroker BROKER = new EmbeddedKafkaKraftBroker(1, 3);

    static {
        BROKER.afterPropertiesSet();
    }

    @DynamicPropertySource
    static void feed(DynamicPropertyRegistry registry) {
        registry.add("cds.feed.bootstrap-servers", BROKER::getBrokersAsString);
        registry.add("cds.feed.topic", () -> "cds.events");
    }

    @AfterAll
    static void stopBroker() {
        BROKER.destroy();
    }

    @Test
    void everyCommittedEventReachesTheTopicInItsStreamsOrderWithItsHeaders() {
        String code = "15499"; // Thị trấn Thọ Xuân
        As officer = As.commune(code);
        assertThat(post("/api/communes/" + code + "/assessments", Map.of("year", 2025, "frameworkId", "TH-XA-1829-2023"), officer)
                .getStatusCode().value()).isEqualTo(201);
        String card = "/api/communes/" + code + "/assessments/2025";
        put(card + "/indicators/1.1", Map.of("measure", "RATIO", "numerator", 3, "denominator", 31), officer);
        put(card + "/indicators/1.2", Map.of("measure", "RATIO", "numerator", 9, "denominator", 31), officer);
        String assessment = get(card).path("assessmentId").asText();

        List<ConsumerRecord<String, byte[]>> mine = new ArrayList<>();
        long stored = events();
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
        JsonNode value = read(new String(reported.value(), StandardCharsets.UTF_8));
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
