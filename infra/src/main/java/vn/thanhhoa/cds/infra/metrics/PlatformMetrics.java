package vn.thanhhoa.cds.infra.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What an operator watches (Actuator, Prometheus format): command latency by command and outcome
 * ({@code cds.commands}), events appended by type ({@code cds.events.appended}), and each tracking processor's lag
 * ({@code cds.projection.lag.seconds}: now minus the time of the last event it applied).
 */
@Configuration(proxyBeanMethods = false)
public class PlatformMetrics {

    @Bean
    MessageHandlerInterceptor<CommandMessage<?>> commandTimer(MeterRegistry meters) {
        return (unitOfWork, chain) -> {
            String command = unitOfWork.getMessage().getPayloadType().getSimpleName();
            Timer.Sample sample = Timer.start(meters);
            String outcome = "success";
            try {
                return chain.proceed();
            } catch (Exception e) {
                outcome = e.getClass().getSimpleName();
                throw e;
            } finally {
                sample.stop(Timer.builder("cds.commands").description("Command handling, from dispatch to commit")
                        .tag("command", command).tag("outcome", outcome).register(meters));
            }
        };
    }

    /** Counts events when the unit of work that appended them commits: a refused command counts nothing. */
    @Bean
    ConfigurerModule appendedEvents(MeterRegistry meters) {
        return configurer -> configurer.onInitialize(config -> config.onStart(() ->
                config.eventBus().registerDispatchInterceptor(messages -> {
                    for (EventMessage<?> event : messages) {
                        Counter counter = Counter.builder("cds.events.appended").description("Events appended to the event store")
                                .tag("type", event.getPayloadType().getSimpleName()).register(meters);
                        if (CurrentUnitOfWork.isStarted()) {
                            CurrentUnitOfWork.get().afterCommit(u -> counter.increment());
                        } else {
                            counter.increment();
                        }
                    }
                    return (index, message) -> message;
                })));
    }

    /** Lag of the tracking processors named in {@code cds.metrics.lag-processors}, measured as they apply events. */
    @Bean
    ConfigurerModule projectionLag(MeterRegistry meters, Clock clock,
                                   @Value("${cds.metrics.lag-processors:dashboards}") List<String> processors) {
        Map<String, AtomicReference<Instant>> lastApplied = new ConcurrentHashMap<>();
        return configurer -> {
            for (String group : processors) {
                AtomicReference<Instant> last = lastApplied.computeIfAbsent(group, g -> new AtomicReference<>());
                Gauge.builder("cds.projection.lag.seconds", last,
                                l -> l.get() == null ? 0 : Duration.between(l.get(), clock.instant()).toMillis() / 1000.0)
                        .description("Now minus the time of the last event the processor applied")
                        .tag("processor", group).register(meters);
                configurer.eventProcessing().registerHandlerInterceptor(group, c ->
                        (MessageHandlerInterceptor<EventMessage<?>>) (unitOfWork, chain) -> {
                            Object result = chain.proceed();
                            // a dead letter retried later says nothing of how far behind the processor is
                            if (!unitOfWork.resources().containsKey(DeadLetter.class.getName())) {
                                last.set(unitOfWork.getMessage().getTimestamp());
                            }
                            return result;
                        });
            }
        };
    }
}
