package vn.thanhhoa.cds.infra.feed;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.message.MessageReader;
import io.cloudevents.kafka.KafkaMessageFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import vn.thanhhoa.cds.infra.idempotency.IdempotencyInterceptor;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How an event is written on the feed's topic: a CloudEvent (1.0) in Kafka's binary content mode — the attributes in
 * {@code ce_} headers, the payload's JSON as the record's value, {@code content-type: application/json} — and how a
 * record is read back, in that format or in the one the feed wrote before it ({@code cds-} headers), which a topic
 * that keeps its records for ever still holds at its start.
 * <p>
 * An event's type is derived from its class, {@code vn.thanhhoa.cds.events.<area>.<Name>} at revision {@code r}:
 * {@code vn.thanhhoa.cds.<area>.<kebab-name>.v<r>}, and back. A renamed or moved class would publish another type:
 * the feed's contract test refuses a published type that disappears, or whose schema changes under the same name.
 */
public final class FeedFormat {
    /** Where every event of the feed comes from: the province's platform. With {@code ce_id}, unique. */
    public static final URI SOURCE = URI.create("urn:vn:thanhhoa:cds");
    public static final String CONTENT_TYPE = "application/json";
    private static final String TYPE_PREFIX = "vn.thanhhoa.cds.";
    private static final String EVENTS_PACKAGE = "vn.thanhhoa.cds.events.";
    /** The id ({@code $id}) of each payload's JSON Schema in the published contract; not a place to fetch it from. */
    private static final String SCHEMA_PREFIX = "urn:vn:thanhhoa:cds:schema:";
    private static final Pattern TYPE = Pattern.compile(
            Pattern.quote(TYPE_PREFIX) + "([a-z][a-z0-9]*)\\.([a-z][a-z0-9]*(?:-[a-z0-9]+)*)\\.v([0-9A-Za-z.]+)");
    private static final Pattern EVENT_CLASS = Pattern.compile(
            Pattern.quote(EVENTS_PACKAGE) + "([a-z][a-z0-9]*)\\.([A-Z][A-Za-z0-9]*)");

    private FeedFormat() {
    }

    /** What a record says of its event, in the CloudEvents context attributes and the platform's extensions. */
    public enum Attribute {
        SPECVERSION("specversion", null, true, "the CloudEvents version: 1.0"),
        ID("id", null, true, "the event's identifier (a UUID): a consumer drops an event it has seen"),
        SOURCE("source", null, true, "the platform that recorded it: always " + FeedFormat.SOURCE),
        TYPE("type", null, true, "the event's type and revision, vn.thanhhoa.cds.<area>.<event>.v<revision>: it names the payload's schema"),
        SUBJECT("subject", null, true, "the event's stream (the record's key): e.g. 15316@2020-01-01/2023 (a commune's assessment of 2023), map:38"),
        TIME("time", null, true, "when the event was recorded (RFC 3339, UTC)"),
        DATASCHEMA("dataschema", null, true, "the $id of the payload's JSON Schema in this contract"),
        DATACONTENTTYPE("datacontenttype", null, true, "the value's media type: " + CONTENT_TYPE),
        AGGREGATE_TYPE("aggregatetype", null, true, "the stream's kind: CommuneAssessment, ProvinceMap, CriteriaFrameworkAggregate or TargetPlan"),
        AGGREGATE_SEQUENCE("aggregatesequence", null, true, "the event's place in its stream, from 0, without gaps (decimal)"),
        GLOBAL_INDEX("globalindex", null, true, "the event's place in the whole store, increasing, with gaps (decimal)"),
        CORRELATION_ID("correlationid", MessageOriginProvider.getDefaultCorrelationKey(), false,
                "the id of the command that recorded it: the events of one command share it"),
        TRACE_ID("traceid", MessageOriginProvider.getDefaultTraceKey(), false,
                "the id of the first message of the chain that led to it (for a request, its command's)"),
        IDEMPOTENCY_KEY("idempotencykey", IdempotencyInterceptor.KEY, false,
                "the Idempotency-Key of the HTTP request that caused it, when the request had one");

        /** The CloudEvents attribute's name: lowercase letters and digits, as the specification requires. */
        public final String name;
        /** The key of the Axon metadata the extension carries; null for what the event message itself holds. */
        public final String metaDataKey;
        /** Whether every record of the platform has it. */
        public final boolean always;
        public final String description;

        Attribute(String name, String metaDataKey, boolean always, String description) {
            this.name = name;
            this.metaDataKey = metaDataKey;
            this.always = always;
            this.description = description;
        }

        /** The Kafka header that carries it in binary content mode. */
        public String header() {
            return this == DATACONTENTTYPE ? "content-type" : "ce_" + name;
        }
    }

    /** The published type of a payload class at a revision; refused for a class outside the events' areas. */
    public static String type(String payloadClass, String revision) {
        Matcher event = EVENT_CLASS.matcher(payloadClass);
        if (!event.matches() || revision == null || revision.isBlank()) {
            throw new IllegalArgumentException(payloadClass + " (revision " + revision
                    + ") is not an event of vn.thanhhoa.cds.events.<area> with a revision: it has no published type");
        }
        String kebab = event.group(2).replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
        return TYPE_PREFIX + event.group(1) + "." + kebab + ".v" + revision;
    }

    /** The payload class and revision a published type names; empty for a type that is none of the platform's. */
    public static Optional<SerializedType> payloadType(String type) {
        Matcher published = type == null ? null : TYPE.matcher(type);
        if (published == null || !published.matches()) {
            return Optional.empty();
        }
        StringBuilder name = new StringBuilder(EVENTS_PACKAGE).append(published.group(1)).append('.');
        for (String word : published.group(2).split("-")) {
            name.append(Character.toUpperCase(word.charAt(0))).append(word, 1, word.length());
        }
        return Optional.of(new SimpleSerializedType(name.toString(), published.group(3)));
    }

    /** The URI of a type's payload schema: the {@code $id} of that schema in the published contract. */
    public static URI dataSchema(String type) {
        return URI.create(SCHEMA_PREFIX + type.substring(TYPE_PREFIX.length()));
    }

    /** An event as a record of the topic, keyed by its stream. */
    static ProducerRecord<String, byte[]> record(String topic, String key, Published event) {
        String type = type(event.payloadType(), event.revision());
        CloudEventBuilder cloudEvent = CloudEventBuilder.v1()
                .withId(event.eventId())
                .withSource(SOURCE)
                .withType(type)
                .withSubject(key)
                .withTime(event.time().atOffset(ZoneOffset.UTC))
                .withDataSchema(dataSchema(type))
                .withData(CONTENT_TYPE, event.payload());
        if (event.aggregateType() != null) {
            cloudEvent.withExtension(Attribute.AGGREGATE_TYPE.name, event.aggregateType())
                    .withExtension(Attribute.AGGREGATE_SEQUENCE.name, Long.toString(event.sequence()));
        }
        if (event.globalIndex() >= 0) {
            cloudEvent.withExtension(Attribute.GLOBAL_INDEX.name, Long.toString(event.globalIndex()));
        }
        for (Attribute attribute : Attribute.values()) {
            Object value = attribute.metaDataKey == null ? null : event.metaData().get(attribute.metaDataKey);
            if (value != null) {
                cloudEvent.withExtension(attribute.name, value.toString());
            }
        }
        return KafkaMessageFactory.<String>createWriter(topic, key).writeBinary(cloudEvent.build());
    }

    /**
     * What a record says of its event, in either format; whatever it lacks or does not say rightly is null (or -1, or
     * 0 for the sequence), and the reader decides whether it is one of the platform's events.
     */
    static Published read(ConsumerRecord<String, byte[]> record) {
        MessageReader reader;
        try {
            reader = KafkaMessageFactory.createReader(record);
        } catch (RuntimeException noSpecVersion) {
            return readBeforeCloudEvents(record);
        }
        CloudEvent event;
        try {
            event = reader.toEvent(); // structured mode is read only with a JSON format, which the platform does not write
        } catch (RuntimeException notACloudEvent) {
            return Published.NOTHING;
        }
        Optional<SerializedType> payloadType = payloadType(event.getType());
        Map<String, String> metaData = new LinkedHashMap<>();
        for (Attribute attribute : Attribute.values()) {
            Object value = attribute.metaDataKey == null ? null : event.getExtension(attribute.name);
            if (value != null) {
                metaData.put(attribute.metaDataKey, value.toString());
            }
        }
        return new Published(event.getId(), payloadType.map(SerializedType::getName).orElse(null),
                payloadType.map(SerializedType::getRevision).orElse(null), text(event.getExtension(Attribute.AGGREGATE_TYPE.name)),
                number(text(event.getExtension(Attribute.AGGREGATE_SEQUENCE.name)), 0),
                number(text(event.getExtension(Attribute.GLOBAL_INDEX.name)), -1),
                event.getTime() == null ? null : event.getTime().toInstant(),
                event.getData() == null ? null : event.getData().toBytes(), metaData);
    }

    /** The event's id as its record's headers name it, in either format, without reading the rest. */
    static String eventId(ConsumerRecord<String, byte[]> record) {
        String id = header(record, Attribute.ID.header());
        return id != null ? id : header(record, BeforeCloudEvents.EVENT_ID);
    }

    /** The headers the feed wrote until it wrote CloudEvents: the event's Java class as its type, no metadata. */
    private static final class BeforeCloudEvents {
        static final String EVENT_ID = "cds-event-id";
        static final String EVENT_TYPE = "cds-event-type";
        static final String EVENT_REVISION = "cds-event-revision";
        static final String TIMESTAMP = "cds-timestamp";
        static final String AGGREGATE_TYPE = "cds-aggregate-type";
        static final String AGGREGATE_SEQUENCE = "cds-aggregate-sequence";
        static final String GLOBAL_INDEX = "cds-global-index";
    }

    private static Published readBeforeCloudEvents(ConsumerRecord<String, byte[]> record) {
        return new Published(header(record, BeforeCloudEvents.EVENT_ID), header(record, BeforeCloudEvents.EVENT_TYPE),
                header(record, BeforeCloudEvents.EVENT_REVISION), header(record, BeforeCloudEvents.AGGREGATE_TYPE),
                number(header(record, BeforeCloudEvents.AGGREGATE_SEQUENCE), 0),
                number(header(record, BeforeCloudEvents.GLOBAL_INDEX), -1), instant(header(record, BeforeCloudEvents.TIMESTAMP)),
                record.value(), Map.of());
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    /** A number a header carries; what is not one counts as absent. */
    private static long number(String text, long otherwise) {
        try {
            return text == null ? otherwise : Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    private static Instant instant(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * An event as the feed carries it: its payload's Java class and revision (as the store names them), its stream's
     * kind, its place in its stream and in the store, when it was recorded, the payload's JSON and the metadata the
     * feed publishes.
     */
    record Published(String eventId, String payloadType, String revision, String aggregateType, long sequence,
                     long globalIndex, Instant time, byte[] payload, Map<String, ?> metaData) {
        static final Published NOTHING = new Published(null, null, null, null, 0, -1, null, null, Map.of());
    }
}
