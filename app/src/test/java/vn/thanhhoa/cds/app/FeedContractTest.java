package vn.thanhhoa.cds.app;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.SimpleSerializedType;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import vn.thanhhoa.cds.infra.feed.FeedFormat;

import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event feed's published language, {@code docs/event-feed.asyncapi.json} (AsyncAPI 3.0): one message per event
 * type and revision — its CloudEvents type and dataschema, its payload's JSON Schema generated from the event record,
 * the record's key and headers. The test generates the document from the classes and compares it with the one in the
 * repository (a change of an event that the document does not show fails here), then checks every stored sample of
 * the events against its schema.
 * <p>
 * A published type is for ever: its name and its schema never change, and it stays in the document when a new
 * revision replaces it (the topic keeps its records). Writing the document again does not get past that: a type that
 * disappears (a class renamed or moved) or whose schema changes without a new revision fails the test either way.
 * <p>
 * After a deliberate change (a new event, a new revision): {@code ./mvnw verify -pl app -am -Dtest=FeedContractTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dcds.contract.write=true} writes the document again.
 */
class FeedContractTest {
    private static final Path DOCUMENT = Path.of("..", "docs", "event-feed.asyncapi.json");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Test
    void theDocumentedContractIsTheOneTheEventClassesMake() throws Exception {
        JsonNode documented = JSON.readTree(Files.readString(DOCUMENT));
        JsonNode generated = contract(documented);
        assertThat(changedWithoutANewRevision(documented, generated)).as("published types (" + DOCUMENT + ")").isEmpty();
        if (Boolean.getBoolean("cds.contract.write")) {
            Files.writeString(DOCUMENT, JSON.writeValueAsString(generated) + "\n");
            documented = JSON.readTree(Files.readString(DOCUMENT));
        }
        assertThat(documented).as(DOCUMENT + " is out of date: write it again with -Dcds.contract.write=true (see this test)")
                .isEqualTo(generated);
    }

    @Test
    void everyStoredSampleMatchesItsSchemaInTheContract() throws Exception {
        JsonNode messages = JSON.readTree(Files.readString(DOCUMENT)).path("components").path("messages");
        JsonSchemaFactory schemas = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        for (Class<?> event : events()) {
            String name = messageName(event);
            assertThat(messages.has(name)).as(name + " in the contract").isTrue();
            JsonNode message = messages.path(name);
            assertThat(publishedType(message)).isEqualTo(FeedFormat.type(event.getName(), revision(event)));
            JsonSchema payload = schemas.getSchema(message.path("payload"));
            JsonNode sample;
            try (InputStream in = new ClassPathResource("event-samples/" + name.replace(".v", "-v") + ".json").getInputStream()) {
                sample = JSON.readTree(in);
            }
            Set<ValidationMessage> problems = payload.validate(sample);
            assertThat(problems).as("the stored sample of " + name + " against its schema").isEmpty();
        }
        // the schemas do refuse what an event is not: a number given as text, a value of no known measure
        JsonSchema reported = schemas.getSchema(messages.path("IndicatorValueReported.v1").path("payload"));
        ObjectNode wrong = (ObjectNode) JSON.readTree(new ClassPathResource("event-samples/IndicatorValueReported-v1.json").getInputStream());
        ((ObjectNode) wrong.path("value")).put("numerator", "mười");
        assertThat(reported.validate(wrong)).isNotEmpty();
        ((ObjectNode) wrong.path("value")).put("numerator", 10).put("measure", "PERCENT");
        assertThat(reported.validate(wrong)).isNotEmpty();
    }

    /** Each event's type names its class and revision, so the query side reads it back; no two events share one. */
    @Test
    void everyEventHasAPublishedTypeThatNamesItsClassAndRevision() throws Exception {
        Set<String> types = new TreeSet<>();
        for (Class<?> event : events()) {
            String type = FeedFormat.type(event.getName(), revision(event));
            assertThat(type).matches("vn\\.thanhhoa\\.cds\\.[a-z]+\\.[a-z]+(-[a-z]+)*\\.v[0-9]+");
            assertThat(FeedFormat.payloadType(type)).as(type)
                    .hasValue(new SimpleSerializedType(event.getName(), revision(event)));
            assertThat(types.add(type)).as(type + " once").isTrue();
        }
        assertThat(FeedFormat.type("vn.thanhhoa.cds.events.assessment.IndicatorValueReported", "1"))
                .isEqualTo("vn.thanhhoa.cds.assessment.indicator-value-reported.v1");
        assertThat(FeedFormat.dataSchema("vn.thanhhoa.cds.assessment.indicator-value-reported.v1"))
                .hasToString("urn:vn:thanhhoa:cds:schema:assessment.indicator-value-reported.v1");
        assertThat(FeedFormat.payloadType("com.example.order-placed.v1")).isEmpty();
    }

    /** The check that writing the document again cannot pass, on the types the classes publish now. */
    @Test
    void aTypeThatDisappearsOrChangesItsSchemaWithoutANewRevisionIsRefused() throws Exception {
        JsonNode published = contract();
        String reported = "vn.thanhhoa.cds.assessment.indicator-value-reported.v1";
        // an event's schema changed (a field added), its revision not
        ObjectNode changed = published.deepCopy();
        ((ObjectNode) changed.path("components").path("messages").path("IndicatorValueReported.v1").path("payload").path("properties"))
                .putObject("note").put("type", "string");
        assertThat(changedWithoutANewRevision(published, retiredKept(published, changed)))
                .containsExactly(reported + ": its payload's schema changed without a new revision");
        // a class renamed: its type is gone, and no revision of the same class replaces it
        ObjectNode renamed = published.deepCopy();
        ((ObjectNode) renamed.path("components").path("messages")).remove("IndicatorValueReported.v1");
        assertThat(changedWithoutANewRevision(published, retiredKept(published, renamed)))
                .singleElement().asString().startsWith(reported + ": published, and no event has that type any more");
        // a new revision: the older type stays in the document as it was, beside the new one
        ObjectNode revised = published.deepCopy();
        ObjectNode messages = (ObjectNode) revised.path("components").path("messages");
        ObjectNode second = (ObjectNode) messages.remove("IndicatorValueReported.v1");
        ((ObjectNode) second.path("headers").path("properties").path(FeedFormat.Attribute.TYPE.header()))
                .put("const", reported.replace(".v1", ".v2"));
        ((ObjectNode) second.path("payload").path("properties")).putObject("note").put("type", "string");
        messages.set("IndicatorValueReported.v2", second);
        JsonNode kept = retiredKept(published, revised);
        assertThat(kept.path("components").path("messages").path("IndicatorValueReported.v1"))
                .isEqualTo(published.path("components").path("messages").path("IndicatorValueReported.v1"));
        assertThat(changedWithoutANewRevision(published, kept)).isEmpty();
    }

    /**
     * What a contract changes of the published types of an older one: a type no longer there, a type whose payload's
     * schema is not the same. A consumer has records of each type on the topic, for ever.
     */
    static List<String> changedWithoutANewRevision(JsonNode older, JsonNode newer) {
        Map<String, JsonNode> now = payloadsByType(newer);
        List<String> problems = new ArrayList<>();
        payloadsByType(older).forEach((type, schema) -> {
            if (!now.containsKey(type)) {
                problems.add(type + ": published, and no event has that type any more (a class renamed or moved?):"
                        + " keep the class's name and area, or publish a new revision of it");
            } else if (!now.get(type).equals(schema)) {
                problems.add(type + ": its payload's schema changed without a new revision");
            }
        });
        return problems;
    }

    private static Map<String, JsonNode> payloadsByType(JsonNode contract) {
        Map<String, JsonNode> payloads = new TreeMap<>();
        contract.path("components").path("messages").forEach(message -> {
            String type = publishedType(message);
            if (!type.isEmpty()) { // a document from before CloudEvents names none
                payloads.put(type, message.path("payload"));
            }
        });
        return payloads;
    }

    private static String publishedType(JsonNode message) {
        return message.path("headers").path("properties").path(FeedFormat.Attribute.TYPE.header()).path("const").asText("");
    }

    /**
     * The older document's messages of a type that a new revision of the same event replaced, added to a newer
     * document as they were: the topic still has records of that type.
     */
    static JsonNode retiredKept(JsonNode older, JsonNode newer) {
        ObjectNode kept = newer.deepCopy();
        Set<String> types = payloadsByType(newer).keySet();
        Set<String> classes = new TreeSet<>();
        types.forEach(type -> FeedFormat.payloadType(type).ifPresent(payload -> classes.add(payload.getName())));
        ObjectNode messages = (ObjectNode) kept.path("components").path("messages");
        older.path("components").path("messages").fields().forEachRemaining(entry -> {
            String type = publishedType(entry.getValue());
            boolean replaced = !type.isEmpty() && !types.contains(type) && !messages.has(entry.getKey())
                    && FeedFormat.payloadType(type).filter(payload -> classes.contains(payload.getName())).isPresent();
            if (replaced) {
                messages.set(entry.getKey(), entry.getValue());
            }
        });
        sortMessages(kept);
        return kept;
    }

    /** Every event of the platform: the classes of {@code vn.thanhhoa.cds.events} with a revision, by name. */
    private static Set<Class<?>> events() throws ClassNotFoundException {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Revision.class));
        Set<Class<?>> events = new TreeSet<>((a, b) -> a.getName().compareTo(b.getName()));
        for (var candidate : scanner.findCandidateComponents("vn.thanhhoa.cds.events")) {
            events.add(Class.forName(candidate.getBeanClassName()));
        }
        assertThat(events).hasSizeGreaterThanOrEqualTo(24);
        return events;
    }

    private static String messageName(Class<?> event) {
        return event.getSimpleName() + ".v" + revision(event);
    }

    private static String revision(Class<?> event) {
        return event.getAnnotation(Revision.class).value();
    }

    /** The contract the event classes make, with the older document's types that a new revision replaced. */
    static JsonNode contract(JsonNode older) throws ClassNotFoundException {
        return retiredKept(older, contract());
    }

    static JsonNode contract() throws ClassNotFoundException {
        SchemaGenerator generator = generator();
        ObjectNode document = JSON.createObjectNode();
        document.put("asyncapi", "3.0.0");
        ObjectNode info = document.putObject("info");
        info.put("title", "Chuyển đổi số cấp xã — Thanh Hóa: luồng sự kiện / event feed");
        info.put("version", "2");
        info.put("description", """
                Mọi sự kiện đã ghi vào kho, theo đúng thứ tự của kho, trên một topic Apache Kafka một phân vùng, giữ mãi mãi.
                Every event committed to the platform's store, in the store's order, on an Apache Kafka topic of one \
                partition that keeps them for ever (read again from offset 0). Each record is a CloudEvent 1.0 in \
                Kafka's binary content mode: the attributes in ce_ headers, the payload as UTF-8 JSON for the value. \
                Delivery is at least once: drop an event whose ce_id you have seen. The key (and ce_subject) is the \
                event's stream (a commune's assessment of a year, the province's map, a criteria framework, the \
                targets); a stream's events come in their ce_aggregatesequence order. The payload's schema is the \
                message's: ce_type names it, ce_dataschema is its $id. A type's name and schema never change: a changed \
                event is a new revision, a new type (….v2) and a new message here, and the older one stays, as the \
                topic keeps its records. Extensions carry the metadata of the request that caused the event: \
                ce_correlationid, ce_traceid and ce_idempotencykey. Records published before the feed wrote \
                CloudEvents, at the topic's start, have other headers: cds-event-id, cds-event-type (the payload's \
                Java class), cds-event-revision, cds-aggregate-type, cds-aggregate-sequence, cds-global-index and \
                cds-timestamp, and no metadata; their values are the same payloads.""");
        ObjectNode channel = document.putObject("channels").putObject("events");
        channel.put("address", "cds.events");
        channel.put("description", "The topic's name is set by cds.feed.topic (default cds.events).");
        ObjectNode receive = document.putObject("operations").putObject("receiveEvents");
        receive.put("action", "receive");
        receive.putObject("channel").put("$ref", "#/channels/events");
        ObjectNode messages = document.putObject("components").putObject("messages");
        for (Class<?> event : events()) {
            String type = FeedFormat.type(event.getName(), revision(event));
            ObjectNode message = messages.putObject(messageName(event));
            message.put("name", event.getSimpleName());
            message.put("contentType", FeedFormat.CONTENT_TYPE);
            message.set("headers", headers(type));
            message.putObject("correlationId").put("location", "$message.header#/" + FeedFormat.Attribute.CORRELATION_ID.header())
                    .put("description", FeedFormat.Attribute.CORRELATION_ID.description);
            ObjectNode payload = JSON.createObjectNode().put("$id", FeedFormat.dataSchema(type).toString());
            payload.setAll(generator.generateSchema(event));
            payload.remove("$schema");
            message.set("payload", payload);
            message.putObject("bindings").putObject("kafka").putObject("key").put("type", "string")
                    .put("description", FeedFormat.Attribute.SUBJECT.description);
        }
        sortMessages(document);
        return document;
    }

    /** The messages by name, each on the channel and the operation. */
    private static void sortMessages(ObjectNode document) {
        ObjectNode messages = (ObjectNode) document.path("components").path("messages");
        TreeMap<String, JsonNode> byName = new TreeMap<>();
        messages.fields().forEachRemaining(entry -> byName.put(entry.getKey(), entry.getValue()));
        messages.removeAll().setAll(byName);
        ObjectNode channelMessages = ((ObjectNode) document.path("channels").path("events")).putObject("messages");
        ArrayNode operationMessages = ((ObjectNode) document.path("operations").path("receiveEvents")).putArray("messages");
        byName.keySet().forEach(name -> {
            channelMessages.putObject(name).put("$ref", "#/components/messages/" + name);
            operationMessages.addObject().put("$ref", "#/channels/events/messages/" + name);
        });
    }

    /** A record's headers: the CloudEvents attributes, those that name the type and its schema as constants. */
    private static ObjectNode headers(String type) {
        ObjectNode headers = JSON.createObjectNode();
        headers.put("type", "object");
        ObjectNode properties = headers.putObject("properties");
        ArrayNode required = headers.putArray("required");
        for (FeedFormat.Attribute attribute : FeedFormat.Attribute.values()) {
            ObjectNode property = properties.putObject(attribute.header());
            property.put("type", "string").put("description", attribute.description);
            switch (attribute) {
                case SPECVERSION -> property.put("const", "1.0");
                case SOURCE -> property.put("const", FeedFormat.SOURCE.toString());
                case TYPE -> property.put("const", type);
                case DATASCHEMA -> property.put("const", FeedFormat.dataSchema(type).toString());
                case DATACONTENTTYPE -> property.put("const", FeedFormat.CONTENT_TYPE);
                default -> { }
            }
            if (attribute.always) {
                required.add(attribute.header());
            }
        }
        return headers;
    }

    /**
     * JSON Schema 2020-12 from the records as Jackson writes them: every field present, subtypes by their
     * {@code measure}, identifiers written as text ({@link JsonValue}) as strings, each payload self-contained.
     */
    private static SchemaGenerator generator() {
        SchemaGeneratorConfigBuilder config = new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
                .with(new JacksonModule())
                .with(Option.INLINE_ALL_SCHEMAS)
                // a reference field may be null (a document without a date), a primitive never
                .with(Option.NULLABLE_FIELDS_BY_DEFAULT);
        // Jackson writes every field of an event, null or not
        config.forFields().withRequiredCheck(field -> true);
        config.forTypesInGeneral().withCustomDefinitionProvider((type, context) -> {
            boolean asText = !type.getErasedType().isEnum() && Arrays.stream(type.getErasedType().getDeclaredMethods())
                    .anyMatch((Method m) -> m.isAnnotationPresent(JsonValue.class));
            return asText ? new CustomDefinition(context.getGeneratorConfig().createObjectNode().put("type", "string")) : null;
        });
        return new SchemaGenerator(config.build());
    }
}
