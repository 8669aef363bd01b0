package vn.thanhhoa.cds.infra.feed;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import vn.thanhhoa.cds.infra.eventstore.EventStoreConfiguration;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The event feed's two ends, as an operator watches them: whether the broker answers (health {@code eventFeed}, DOWN
 * when it has not for longer than {@code cds.feed.down-after}, default 60 s), how many committed events the broker has
 * not acknowledged yet (the publisher's lag, where the store is), and how many records a query role's processors have
 * not applied yet (each processor's lag). The broker is asked every 5 s by a thread of its own, never by a scrape.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("cds.feed.bootstrap-servers")
public class FeedMonitoring {
    private static final Logger log = LoggerFactory.getLogger(FeedMonitoring.class);
    private static final List<String> READERS = List.of("dashboards", "audit-trail");

    /** The query role's source: its processors read the feed in the store's one order. */
    @Bean
    @ConditionalOnProperty(name = "cds.role", havingValue = "query")
    FeedSource feedSource(@Value("${cds.feed.bootstrap-servers}") String servers,
                          @Value("${cds.feed.topic:cds.events}") String topic,
                          @Qualifier("eventSerializer") Serializer serializer,
                          @Lazy org.axonframework.config.Configuration axon,
                          @Value("${cds.feed.duplicate-window:10000}") int duplicateWindow) {
        return new FeedSource(servers, topic, serializer, axon::upcasterChain, duplicateWindow);
    }

    @Bean(destroyMethod = "close")
    Broker eventFeedBroker(@Value("${cds.feed.bootstrap-servers}") String servers,
                           @Value("${cds.feed.topic:cds.events}") String topic, Clock clock) {
        return new Broker(servers, topic, clock);
    }

    @Bean
    AbstractHealthIndicator eventFeedHealthIndicator(Broker broker, @Value("${cds.feed.down-after:60s}") Duration downAfter) {
        return new AbstractHealthIndicator() {
            @Override
            protected void doHealthCheck(Health.Builder health) {
                Instant reached = broker.lastReached;
                health.withDetail("bootstrapServers", broker.servers).withDetail("topic", broker.topic);
                if (reached != null) {
                    health.withDetail("lastReached", reached.toString());
                }
                if (broker.unreachableFor().compareTo(downAfter) > 0) {
                    health.down().withDetail("reason", "the broker has not answered for " + broker.unreachableFor().toSeconds() + " s");
                } else {
                    health.up();
                }
            }
        };
    }

    @Bean
    MeterBinder eventFeedLag(Broker broker, @Lazy EventProcessingConfiguration processing, JdbcClient jdbc,
                             @Value("${cds.role:standalone}") String role) {
        return meters -> {
            if ("query".equals(role)) {
                READERS.forEach(group -> Gauge.builder("cds.feed.consumer.lag", () -> consumerLag(broker, processing, group))
                        .description("Records of the event feed the processor has not applied yet")
                        .tag("processor", group).register(meters));
            } else {
                Gauge.builder("cds.feed.publisher.lag", () -> publisherLag(processing, jdbc))
                        .description("Events committed to the store that the broker has not acknowledged yet")
                        .register(meters);
            }
            Gauge.builder("cds.feed.broker.unreachable.seconds", () -> broker.unreachableFor().toMillis() / 1000.0)
                    .description("For how long the broker has not answered (0 when it answers)").register(meters);
        };
    }

    private static double consumerLag(Broker broker, EventProcessingConfiguration processing, String group) {
        Optional<TrackingToken> token = tokenOf(processing, group);
        FeedToken read = token.map(FeedToken::of).orElse(null);
        return broker.lastOffset < 0 ? 0 : Math.max(0, broker.lastOffset - (read == null ? -1 : read.offset()));
    }

    private static double publisherLag(EventProcessingConfiguration processing, JdbcClient jdbc) {
        long published = tokenOf(processing, EventFeed.GROUP)
                .map(token -> WrappedToken.unwrapUpperBound(token).position().orElse(-1)).orElse(-1L);
        return Math.max(0, EventStoreConfiguration.head(jdbc) - published);
    }

    private static Optional<TrackingToken> tokenOf(EventProcessingConfiguration processing, String group) {
        return processing.eventProcessor(group, StreamingEventProcessor.class)
                .flatMap(p -> p.processingStatus().values().stream().map(EventTrackerStatus::getTrackingToken)
                        .filter(java.util.Objects::nonNull).findFirst());
    }

    /** The broker as last seen: when it last answered, and the topic's last offset then. */
    static final class Broker implements AutoCloseable {
        private final String servers;
        private final String topic;
        private final Clock clock;
        private final Admin admin;
        private final ScheduledExecutorService checks = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "event-feed-broker-check");
            thread.setDaemon(true);
            return thread;
        });
        private volatile Instant lastReached;
        /** The first check that failed since the broker last answered (from the start when it never has); null while it answers. */
        private volatile Instant unreachableSince;
        private volatile long lastOffset = -1;

        Broker(String servers, String topic, Clock clock) {
            this.servers = servers;
            this.topic = topic;
            this.clock = clock;
            this.unreachableSince = clock.instant();
            this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 4_000,
                    AdminClientConfig.CLIENT_ID_CONFIG, "cds-event-feed-monitor"));
            checks.scheduleWithFixedDelay(this::check, 0, 5, TimeUnit.SECONDS);
        }

        private void check() {
            try {
                admin.describeCluster().nodes().get(4, TimeUnit.SECONDS);
                lastReached = clock.instant();
                unreachableSince = null;
            } catch (Exception e) {
                if (unreachableSince == null) {
                    unreachableSince = clock.instant();
                }
                log.debug("The event feed's broker {} did not answer: {}", servers, e.toString());
                return;
            }
            try {
                TopicPartition partition = new TopicPartition(topic, 0);
                lastOffset = admin.listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition)
                        .get(4, TimeUnit.SECONDS).offset() - 1;
            } catch (Exception e) {
                log.debug("The event feed's topic {} has no offsets yet: {}", topic, e.toString());
            }
        }

        Duration unreachableFor() {
            Instant since = unreachableSince;
            return since == null ? Duration.ZERO : Duration.between(since, clock.instant());
        }

        @Override
        public void close() {
            checks.shutdownNow();
            admin.close(Duration.ofSeconds(2));
        }
    }
}
