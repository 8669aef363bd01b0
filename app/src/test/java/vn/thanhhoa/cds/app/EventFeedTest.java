package vn.thanhhoa.cds.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;
import io.cloudevents.kafka.CloudEventDeserializer;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.NoOpEventUpcaster;
import org.junit.jupiter.api.Test;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
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
import vn.thanhhoa.cds.events.assessment.IndicatorValueReported;
import vn.thanhhoa.cds.infra.feed.FeedSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The public event feed against a real Kafka broker (KRaft, in-process): every committed event on the topic as a
 * CloudEvent, keyed by its stream, in its stream's order, with its id, type, time and schema, its place in its stream
 * and in the store, and the metadata of the request that caused it — and read back by a query role's source, the
 * metadata included, as it reads the records written before CloudEvents.
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
    @Autowired
    @Qualifier("eventSerializer")
    Serializer eventSerializer;

    private int send(HttpMethod method, String path, Object body, String commune) {
        return send(method, path, body, commune, null);
    }

    private int send(HttpMethod method, String path, Object body, String commune, String idempotencyKey) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setBearerAuth(TOKENS.token("can-bo-" + commune, List.of("COMMUNE"), commune));
        if (idempotencyKey != null) {
            headers.set("Idempotency-Key", idempotencyKey);
        }
        return http.exchange(path, method, new HttpEntity<>(body, headers), String.class).getStatusCode().value();
    }

    private JsonNode card(String path) throws Exception {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(TOKENS.token("so-tttt", List.of("PROVINCE"), "38"));
        return json.readTree(http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class).getBody());
    }

    @Test
    void everyCommittedEventReachesTheTopicAsACloudEventInItsStreamsOrderWithItsMetadata() throws Exception {
        assertThat(jdbc.sql("select current_schema()").query(String.class).single()).startsWith(SCHEMA);
        String code = "15499"; // Thị trấn Thọ Xuân
        await().atMost(Duration.ofSeconds(30)).until(() -> send(HttpMethod.POST, "/api/communes/" + code + "/assessments",
                Map.of("year", 2025, "frameworkId", "TH-XA-1829-2023"), code) == 201);
        String card = "/api/communes/" + code + "/assessments/2025";
        assertThat(send(HttpMethod.PUT, card + "/indicators/1.1", Map.of("measure", "RATIO", "numerator", 3, "denominator", 31), code)).isEqualTo(204);
        String idempotencyKey = "bao-cao-1.2-" + UUID.randomUUID();
        assertThat(send(HttpMethod.PUT, card + "/indicators/1.2", Map.of("measure", "RATIO", "numerator", 9, "denominator", 31),
                code, idempotencyKey)).isEqualTo(204);
        String assessment = await().atMost(Duration.ofSeconds(20)).until(() -> card(card).path("assessmentId").asText(""), id -> !id.isEmpty());

        // read as any consumer reads CloudEvents: the SDK's deserializer, binary content mode
        List<ConsumerRecord<String, CloudEvent>> mine = new ArrayList<>();
        long stored = jdbc.sql("select count(*) from domainevententry").query(Long.class).single();
        List<ConsumerRecord<String, CloudEvent>> all = new ArrayList<>();
        try (KafkaConsumer<String, CloudEvent> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER.getBrokersAsString(),
                ConsumerConfig.GROUP_ID_CONFIG, "event-feed-test",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new CloudEventDeserializer())) {
            consumer.subscribe(List.of("cds.events"));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (mine.size() < 3 && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, CloudEvent> record : consumer.poll(Duration.ofMillis(500))) {
                    all.add(record);
                    if (assessment.equals(record.key())) {
                        mine.add(record);
                    }
                }
            }
        }
        assertThat(mine).as("the assessment's three events").hasSize(3);
        assertThat(mine.stream().map(r -> r.value().getExtension("aggregatesequence")).toList()).containsExactly("0", "1", "2");
        assertThat(mine.stream().map(r -> r.value().getType()).toList()).containsExactly(
                "vn.thanhhoa.cds.assessment.assessment-registered.v1",
                "vn.thanhhoa.cds.assessment.indicator-value-reported.v1",
                "vn.thanhhoa.cds.assessment.indicator-value-reported.v1");
        assertThat(mine.stream().map(ConsumerRecord::partition).distinct().toList()).as("one stream, one partition").hasSize(1);

        ConsumerRecord<String, CloudEvent> record = mine.get(2);
        CloudEvent reported = record.value();
        assertThat(record.headers().lastHeader("ce_type")).as("binary content mode: the attributes in headers").isNotNull();
        assertThat(reported.getSpecVersion()).isEqualTo(SpecVersion.V1);
        assertThat(reported.getSource()).hasToString("urn:vn:thanhhoa:cds");
        assertThat(reported.getSubject()).isEqualTo(assessment);
        assertThat(reported.getDataContentType()).isEqualTo("application/json");
        assertThat(reported.getDataSchema()).hasToString("urn:vn:thanhhoa:cds:schema:assessment.indicator-value-reported.v1");
        JsonNode value = json.readTree(reported.getData().toBytes());
        assertThat(value.path("indicatorCode").asText()).isEqualTo("1.2");
        assertThat(value.path("value").path("numerator").asInt()).isEqualTo(9);
        // the same event as the store holds it, with the metadata of the request that caused it
        Map<String, Object> row = jdbc.sql("""
                        select globalIndex, timeStamp, payload, metaData from domainevententry
                        where eventIdentifier = :id and aggregateIdentifier = :aggregate and sequenceNumber = 2""")
                .param("id", reported.getId()).param("aggregate", assessment).query().singleRow();
        assertThat(value).isEqualTo(json.readTree((String) row.get("payload")));
        assertThat(reported.getTime().toInstant()).isEqualTo(Instant.parse((String) row.get("timeStamp")));
        JsonNode metaData = json.readTree((String) row.get("metaData"));
        assertThat(metaData.path("idempotencyKey").asText()).isEqualTo(idempotencyKey);
        assertThat(reported.getExtensionNames()).containsExactlyInAnyOrder("aggregatetype", "aggregatesequence", "globalindex",
                "correlationid", "traceid", "idempotencykey");
        assertThat(reported.getExtension("aggregatetype")).isEqualTo("CommuneAssessment");
        assertThat(reported.getExtension("globalindex")).isEqualTo(row.get("globalIndex").toString());
        assertThat(reported.getExtension("idempotencykey")).isEqualTo(idempotencyKey);
        assertThat(reported.getExtension("correlationid")).isEqualTo(metaData.path("correlationId").asText()).isNotEqualTo("");
        assertThat(reported.getExtension("traceid")).isEqualTo(metaData.path("traceId").asText()).isNotEqualTo("");
        // the history before the feed existed is on the topic too: the map, the frameworks, the targets
        assertThat(all.stream().map(r -> r.value().getType()).distinct().toList())
                .contains("vn.thanhhoa.cds.map.administrative-unit-registered.v1", "vn.thanhhoa.cds.criteria.criteria-framework-published.v1");
        assertThat((long) all.size()).isLessThanOrEqualTo(stored * 2);

        // a query role's source reads it back as the store's event, its metadata included
        DomainEventMessage<?> read = readBack("cds.events", reported.getId());
        assertThat(read.getPayload()).isInstanceOf(IndicatorValueReported.class);
        assertThat(((IndicatorValueReported) read.getPayload()).indicatorCode()).isEqualTo("1.2");
        assertThat(read.getAggregateIdentifier()).isEqualTo(assessment);
        assertThat(read.getSequenceNumber()).isEqualTo(2);
        assertThat(read.getType()).isEqualTo("CommuneAssessment");
        assertThat(read.getTimestamp()).isEqualTo(Instant.parse((String) row.get("timeStamp")));
        assertThat(((TrackedEventMessage<?>) read).trackingToken().position()).hasValue((Long) row.get("globalIndex"));
        assertThat((JsonNode) json.valueToTree(read.getMetaData())).as("the store's metadata, all of it").isEqualTo(metaData);

        // a record the feed wrote before CloudEvents (a topic keeps them for ever) is read as the same event, without metadata
        String before = "cds.events.before-cloudevents";
        BROKER.addTopics(new NewTopic(before, 1, (short) 1));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                BROKER.getBrokersAsString()), new StringSerializer(), new ByteArraySerializer())) {
            ProducerRecord<String, byte[]> old = new ProducerRecord<>(before, assessment, reported.getData().toBytes());
            Map.of("cds-event-id", reported.getId(), "cds-event-type", IndicatorValueReported.class.getName(),
                    "cds-event-revision", "1", "cds-aggregate-type", "CommuneAssessment", "cds-aggregate-sequence", "2",
                    "cds-global-index", row.get("globalIndex").toString(), "cds-timestamp", (String) row.get("timeStamp"))
                    .forEach((name, text) -> old.headers().add(name, text.getBytes(StandardCharsets.UTF_8)));
            producer.send(old).get(10, TimeUnit.SECONDS);
        }
        DomainEventMessage<?> readBefore = readBack(before, reported.getId());
        assertThat(readBefore.getPayload()).isEqualTo(read.getPayload());
        assertThat(List.of(readBefore.getAggregateIdentifier(), readBefore.getSequenceNumber(), readBefore.getType(), readBefore.getTimestamp()))
                .isEqualTo(List.of(read.getAggregateIdentifier(), read.getSequenceNumber(), read.getType(), read.getTimestamp()));
        assertThat(readBefore.getMetaData()).isEmpty();
    }

    /** The event of that id, as a query role's processors get it from the topic. */
    private DomainEventMessage<?> readBack(String topic, String eventId) throws InterruptedException {
        FeedSource source = new FeedSource(BROKER.getBrokersAsString(), topic, eventSerializer, () -> NoOpEventUpcaster.INSTANCE, 100);
        try (FeedSource.Reading reading = source.openStream(null)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                if (reading.hasNextAvailable(500, TimeUnit.MILLISECONDS)) {
                    TrackedEventMessage<?> message = reading.nextAvailable();
                    if (message.getIdentifier().equals(eventId)) {
                        return (DomainEventMessage<?>) message;
                    }
                }
            }
        }
        throw new AssertionError("event " + eventId + " not read from " + topic);
    }
}
