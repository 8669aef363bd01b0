package vn.thanhhoa.cds.infra.feed;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;
import vn.thanhhoa.cds.infra.eventstore.HandlerFailures;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The platform's published language: every committed event on an Apache Kafka topic, in the order of its stream.
 * A tracking processor of its own ({@value #GROUP}) reads only what the event store committed, sends each event with
 * its stream's id as key (one stream, one partition, one order), waits at the end of each batch until the broker has
 * acknowledged every record, and only then moves its token: after a crash or an unreachable broker the batch is sent
 * again (at least once; a consumer drops what it has seen by the event's id), and nothing is skipped. On a store that
 * predates the feed, it sends the whole history first: the topic keeps events for ever, from offset 0.
 * <p>
 * Each record is a CloudEvent in Kafka's binary content mode ({@link FeedFormat}): the payload as JSON for its value
 * (the same text the store holds, after upcasting), the event's id, type and revision, stream, time and schema in
 * {@code ce_} headers, with the event's place in its stream and in the store and the metadata of the request that
 * caused it (correlation and trace ids, Idempotency-Key) as extensions. On only when {@code cds.feed.bootstrap-servers}
 * is set, in the standalone and command roles.
 * <p>
 * The topic has one partition (the store's one order: a query role applies a commune's assessment after its framework
 * and its map, as the standalone platform's processors do). One partition carries far more than a province writes.
 */
@Component
@ProcessingGroup(EventFeed.GROUP)
@ConditionalOnExpression(EventFeed.PUBLISHES)
public class EventFeed {
    public static final String GROUP = "event-feed";

    /** Where the event store is (the standalone and command roles), with a broker to publish to. */
    static final String PUBLISHES = "'${cds.feed.bootstrap-servers:}' != '' and '${cds.role:standalone}' != 'query'";
    private static final long ACK_TIMEOUT_SECONDS = 30;

    /** A batch whose records cannot be acknowledged is retried, never skipped: the feed has no holes. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnExpression(EventFeed.PUBLISHES)
    static class Wiring {
        @Bean
        ConfigurerModule eventFeedRetriesFailures() {
            return HandlerFailures.propagate(GROUP);
        }

        /** Closed at shutdown within 5 s, even with the broker gone (its own close waits for ever). */
        @Bean
        org.springframework.beans.factory.DisposableBean eventFeedProducerClosing(KafkaProducer<String, byte[]> eventFeedProducer) {
            return () -> eventFeedProducer.close(java.time.Duration.ofSeconds(5));
        }

        @Bean(destroyMethod = "")
        KafkaProducer<String, byte[]> eventFeedProducer(@Value("${cds.feed.bootstrap-servers}") String servers,
                                                       @Value("${cds.feed.topic:cds.events}") String topic) {
            createTopic(servers, topic);
            Properties properties = new Properties();
            properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
            properties.put(ProducerConfig.CLIENT_ID_CONFIG, "cds-event-feed");
            // every replica in sync has it before it counts as sent; retries neither duplicate nor reorder within a partition
            properties.put(ProducerConfig.ACKS_CONFIG, "all");
            properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            properties.put(ProducerConfig.LINGER_MS_CONFIG, 5);
            properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 25_000);
            properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
            properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
            return new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
        }

        /** The topic keeps what it is given for ever (a query role rebuilds from offset 0); created when missing. */
        private static void createTopic(String servers, String topic) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000))) {
                admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1)
                        .configs(Map.of("retention.ms", "-1", "cleanup.policy", "delete")))).all().get(20, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("the event feed's topic " + topic + " could not be created on " + servers, e);
                }
            } catch (Exception e) {
                throw new IllegalStateException("the event feed's topic " + topic + " could not be created on " + servers, e);
            }
        }
    }

    private final KafkaProducer<String, byte[]> producer;
    private final Serializer serializer;
    private final String topic;

    public EventFeed(KafkaProducer<String, byte[]> producer, @Qualifier("eventSerializer") Serializer serializer,
                     @Value("${cds.feed.topic:cds.events}") String topic) {
        this.producer = producer;
        this.serializer = serializer;
        this.topic = topic;
    }

    @EventHandler
    void on(EventMessage<?> event) {
        SerializedObject<byte[]> payload = serializer.serialize(event.getPayload(), byte[].class);
        DomainEventMessage<?> domain = event instanceof DomainEventMessage<?> inStream ? inStream : null;
        long globalIndex = event instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null
                ? tracked.trackingToken().position().orElse(-1) : -1;
        var published = new FeedFormat.Published(event.getIdentifier(), payload.getType().getName(),
                payload.getType().getRevision(), domain == null ? null : domain.getType(),
                domain == null ? 0 : domain.getSequenceNumber(), globalIndex, event.getTimestamp(), payload.getData(),
                event.getMetaData());
        String key = domain != null ? domain.getAggregateIdentifier() : event.getIdentifier();
        sentInThisBatch().add(producer.send(FeedFormat.record(topic, key, published)));
    }

    /** The records of the processor's current batch; before its token is committed, each must be acknowledged. */
    private List<Future<RecordMetadata>> sentInThisBatch() {
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        return batch.getOrComputeResource(EventFeed.class.getName(), key -> {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            batch.onPrepareCommit(u -> {
                for (Future<RecordMetadata> record : sent) {
                    try {
                        record.get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while the broker acknowledged the feed's records", e);
                    } catch (Exception e) {
                        throw new IllegalStateException("the broker did not acknowledge the feed's records; the batch is sent again", e);
                    }
                }
            });
            return sent;
        });
    }
}
