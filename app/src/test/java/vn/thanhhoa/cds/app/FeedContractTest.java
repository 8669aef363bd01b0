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
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import vn.thanhhoa.cds.infra.feed.EventFeed;

import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event feed's published language, {@code docs/event-feed.asyncapi.json} (AsyncAPI 3.0): one message per event
 * type and revision, its payload's JSON Schema generated from the event record, the record's key and headers. The test
 * generates the document from the classes and compares it with the one in the repository (a change of an event that
 * the document does not show fails here), then checks every stored sample of the events against its schema.
 * <p>
 * After a deliberate change (a new event, a new revision): {@code ./mvnw verify -pl app -am -Dtest=FeedContractTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dcds.contract.write=true} writes the document again.
 */
class FeedContractTest {
    private static final Path DOCUMENT = Path.of("..", "docs", "event-feed.asyncapi.json");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Test
    void theDocumentedContractIsTheOneTheEventClassesMake() throws Exception {
        JsonNode generated = contract();
        if (Boolean.getBoolean("cds.contract.write")) {
            Files.writeString(DOCUMENT, JSON.writeValueAsString(generated) + "\n");
        }
        JsonNode documented = JSON.readTree(Files.readString(DOCUMENT));
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
            assertThat(message.path("headers").path("properties").path(EventFeed.Header.EVENT_TYPE.key).path("const").asText())
                    .isEqualTo(event.getName());
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
        return event.getSimpleName() + ".v" + event.getAnnotation(Revision.class).value();
    }

    static JsonNode contract() throws ClassNotFoundException {
        SchemaGenerator generator = generator();
        ObjectNode document = JSON.createObjectNode();
        document.put("asyncapi", "3.0.0");
        ObjectNode info = document.putObject("info");
        info.put("title", "Chuyển đổi số cấp xã — Thanh Hóa: luồng sự kiện / event feed");
        info.put("version", "1");
        info.put("description", """
                Mọi sự kiện đã ghi vào kho, theo đúng thứ tự của kho, trên một topic Apache Kafka một phân vùng, giữ mãi mãi.
                Every event committed to the platform's store, in the store's order, on an Apache Kafka topic of one \
                partition that keeps them for ever (read again from offset 0). Delivery is at least once: drop an \
                event whose cds-event-id you have seen. The key is the event's stream (a commune's assessment of a \
                year, the province's map, a criteria framework, the targets); a stream's events come in their \
                cds-aggregate-sequence order. The value is the payload as UTF-8 JSON; its schema is the message's, \
                named by cds-event-type and cds-event-revision. A new revision of an event is a new message here; \
                fields may be added to a revision, so ignore those you do not know.""");
        ObjectNode channel = document.putObject("channels").putObject("events");
        channel.put("address", "cds.events");
        channel.put("description", "The topic's name is set by cds.feed.topic (default cds.events).");
        ObjectNode channelMessages = channel.putObject("messages");
        ObjectNode receive = document.putObject("operations").putObject("receiveEvents");
        receive.put("action", "receive");
        receive.putObject("channel").put("$ref", "#/channels/events");
        ArrayNode operationMessages = receive.putArray("messages");
        ObjectNode messages = document.putObject("components").putObject("messages");
        TreeMap<String, Class<?>> byName = new TreeMap<>();
        for (Class<?> event : events()) {
            byName.put(messageName(event), event);
        }
        byName.forEach((name, event) -> {
            channelMessages.putObject(name).put("$ref", "#/components/messages/" + name);
            operationMessages.addObject().put("$ref", "#/channels/events/messages/" + name);
            ObjectNode message = messages.putObject(name);
            message.put("name", event.getSimpleName());
            message.put("contentType", "application/json");
            message.set("headers", headers(event));
            ObjectNode payload = generator.generateSchema(event);
            payload.remove("$schema");
            message.set("payload", payload);
            message.putObject("bindings").putObject("kafka").putObject("key").put("type", "string")
                    .put("description", "the event's stream: e.g. 15316@2020-01-01/2023 (a commune's assessment of 2023), map:38");
        });
        return document;
    }

    private static ObjectNode headers(Class<?> event) {
        ObjectNode headers = JSON.createObjectNode();
        headers.put("type", "object");
        ObjectNode properties = headers.putObject("properties");
        ArrayNode required = headers.putArray("required");
        for (EventFeed.Header header : EventFeed.Header.values()) {
            ObjectNode property = properties.putObject(header.key);
            property.put("type", "string").put("description", header.description);
            switch (header) {
                case EVENT_TYPE -> property.put("const", event.getName());
                case EVENT_REVISION -> property.put("const", event.getAnnotation(Revision.class).value());
                default -> { }
            }
            required.add(header.key);
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
