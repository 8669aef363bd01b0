package vn.thanhhoa.cds.infra.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import vn.thanhhoa.cds.infra.eventstore.EventStoreConfiguration;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.OptionalLong;

/**
 * What an operator watches (Actuator, Prometheus format): command latency by command and outcome
 * ({@code cds.commands}), events appended by type ({@code cds.events.appended}), and each tracking processor's lag
 * ({@code cds.projection.lag.seconds}: the age of the oldest stored event it has not applied yet).
 */
@Configuration(proxyBeanMethods = false)
public class PlatformMetrics {

    /**
     * Meters are registered once per name and tags and then kept: a registry's lookup per call (building the id, the
     * filters, the map) cost several percent of a command's CPU in the profile (BENCHMARKS.md, issue 30).
     */
    @Bean
    MessageHandlerInterceptor<CommandMessage<?>> commandTimer(MeterRegistry meters) {
        Map<Class<?>, Map<String, Timer>> timers = new ConcurrentHashMap<>();
        return (unitOfWork, chain) -> {
            Class<?> type = unitOfWork.getMessage().getPayloadType();
            Timer.Sample sample = Timer.start(meters);
            String outcome = "success";
            try {
                return chain.proceed();
            } catch (Exception e) {
                outcome = e.getClass().getSimpleName();
                throw e;
            } finally {
                sample.stop(timers.computeIfAbsent(type, t -> new ConcurrentHashMap<>()).computeIfAbsent(outcome, o ->
                        Timer.builder("cds.commands").description("Command handling, from dispatch to commit")
                                .tag("command", type.getSimpleName()).tag("outcome", o).register(meters)));
            }
        };
    }

    /** Counts events when the unit of work that appended them commits: a refused command counts nothing. */
    @Bean
    ConfigurerModule appendedEvents(MeterRegistry meters) {
        Map<Class<?>, Counter> counters = new ConcurrentHashMap<>();
        return configurer -> configurer.onInitialize(config -> config.onStart(() ->
                config.eventBus().registerDispatchInterceptor(messages -> {
                    for (EventMessage<?> event : messages) {
                        Counter counter = counters.computeIfAbsent(event.getPayloadType(), type -> Counter.builder("cds.events.appended")
                                .description("Events appended to the event store").tag("type", type.getSimpleName()).register(meters));
                        if (CurrentUnitOfWork.isStarted()) {
                            CurrentUnitOfWork.get().afterCommit(u -> counter.increment());
                        } else {
                            counter.increment();
                        }
                    }
                    return (index, message) -> message;
                })));
    }

    /**
     * Lag of the streaming processors named in {@code cds.metrics.lag-processors}: the age of the oldest event in the
     * store past the position the processor has committed — 0 when it has caught up, however long the platform was
     * idle, and growing while it is stuck, stopped or behind, on whichever node it runs. Read when scraped: the
     * committed tokens (JSON), then one row by its primary key.
     */
    @Bean
    MeterBinder projectionLag(Clock clock, JdbcClient jdbc, ObjectMapper json,
                              @Value("${cds.metrics.lag-processors:dashboards}") List<String> processors) {
        return meters -> processors.forEach(group -> Gauge.builder("cds.projection.lag.seconds", () -> lag(group, jdbc, json, clock))
                .description("Age of the oldest stored event the processor has not applied yet (0 when caught up)")
                .tag("processor", group).register(meters));
    }

    /**
     * A rebuild's progress: the global index each streaming processor has committed beside the store's last one
     * (events done / total; the rate is the position's rate of change, e.g. {@code rate(cds_projection_position[1m])}).
     */
    @Bean
    MeterBinder projectionProgress(JdbcClient jdbc, ObjectMapper json,
                                   @Value("${cds.metrics.lag-processors:dashboards}") List<String> processors) {
        return meters -> {
            processors.forEach(group -> Gauge.builder("cds.projection.position", () -> committed(group, jdbc, json).orElse(-1))
                    .description("Global index of the last stored event the processor has committed")
                    .tag("processor", group).register(meters));
            Gauge.builder("cds.event.store.head", () -> EventStoreConfiguration.head(jdbc))
                    .description("Global index of the last stored event").register(meters);
        };
    }

    static double lag(String group, JdbcClient jdbc, ObjectMapper json, Clock clock) {
        OptionalLong position = committed(group, jdbc, json);
        if (position.isEmpty()) {
            return 0;
        }
        return jdbc.sql("select timeStamp from domainevententry where globalIndex > :position order by globalIndex limit 1")
                .param("position", position.getAsLong())
                .query(String.class).optional()
                .map(oldest -> Math.max(0, Duration.between(Instant.parse(oldest), clock.instant()).toMillis() / 1000.0))
                .orElse(0.0);
    }

    private static OptionalLong committed(String group, JdbcClient jdbc, ObjectMapper json) {
        return jdbc.sql("select token from tokenentry where processorName = :group and token is not null")
                .param("group", group).query(byte[].class).list().stream()
                .mapToLong(token -> position(json, token)).min();
    }

    /** A gap-aware token's index (a feed token's global index); during a replay, the index the replay has reached. */
    private static long position(ObjectMapper json, byte[] token) {
        try {
            JsonNode node = json.readTree(token);
            JsonNode current = node.has("currentToken") ? node.path("currentToken") : node;
            return current.has("globalIndex") ? current.path("globalIndex").asLong(-1) : current.path("index").asLong(-1);
        } catch (java.io.IOException e) {
            return -1;
        }
    }
}
