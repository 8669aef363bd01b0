package vn.thanhhoa.cds.query.deadletter;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import vn.thanhhoa.cds.query.common.Dashboards;

import java.util.List;

/**
 * One event the {@value Dashboards#GROUP} projections cannot apply (a bug, an unknown revision, a broken constraint)
 * must not stop the province's dashboards: after one attempt in its batch (rolled back) and
 * {@value SavepointPerEvent#ATTEMPTS} inside a savepoint (SavepointPerEvent) it goes to Axon's
 * sequenced dead-letter queue (table {@code deadletterentry}, owned by Flyway) with its cause, and the processor goes
 * on. Later events of the same stream — one commune's assessment for a year — wait behind it in the queue, so they
 * are applied in order when the province retries; other streams carry on.
 * <p>
 * The letter is written in the batch transaction, with the processor's token: an event is either applied, or
 * dead-lettered, never both, never lost. When the database itself fails, writing the letter fails too: the batch rolls
 * back and the processor retries it later, skipping nothing.
 */
@Configuration(proxyBeanMethods = false)
public class DeadLetterConfiguration {
    /** Diagnostics of a letter: how many times a retry has failed on it. */
    static final String RETRIES = "retries";

    @Bean
    ConfigurerModule dashboardsDeadLetterQueue(ConnectionProvider connections, PlatformTransactionManager transactions) {
        return configurer -> configurer.eventProcessing()
                .registerDeadLetterQueue(Dashboards.GROUP, c -> JdbcSequencedDeadLetterQueue.builder()
                        .processingGroup(Dashboards.GROUP)
                        .connectionProvider(connections)
                        .transactionManager(new SpringTransactionManager(transactions))
                        .schema(DeadLetterSchema.defaultSchema())
                        .genericSerializer(c.serializer())
                        .eventSerializer(c.eventSerializer())
                        .build())
                .registerDeadLetterPolicy(Dashboards.GROUP, c -> enqueuePolicy())
                .registerDeadLetteringEventHandlerInvokerConfiguration(Dashboards.GROUP, (c, invoker) -> {
                    // the projections as Axon wraps them (parameter resolvers, handler enhancers), to be applied as
                    // one — also when the province retries: a letter that fails again leaves the retry's transaction
                    // usable, is put back with its cause, and the letters retried before it stay applied
                    List<EventMessageHandler> projections = invoker.build().eventHandlers();
                    return invoker.eventHandlers(new SavepointPerEvent(projections, transactions))
                            // a replay applies every event again: the letters of before are obsolete
                            .allowReset(true)
                            .enableSequenceIdentifierCache();
                })
                // a batch that fails (the database unreachable) is rolled back and retried, never skipped
                .registerErrorHandler(Dashboards.GROUP, c -> PropagatingErrorHandler.instance());
    }

    /** Enqueues with the cause (truncated as the table holds it) and counts the retries that failed. */
    static EnqueuePolicy<EventMessage<?>> enqueuePolicy() {
        return (letter, cause) -> {
            if (cause instanceof SavepointPerEvent.FailedWithoutSavepoint again) {
                throw again; // the batch rolls back and runs again, this event inside a savepoint
            }
            if (Thread.currentThread().isInterrupted()) {
                // the processor stopping, or Axon ending a batch that ran too long: the event is not poisoned, the
                // batch rolls back and runs again
                throw new IllegalStateException("Interrupted while applying " + letter.message().getIdentifier(), cause);
            }
            return Decisions.enqueue(ThrowableCause.truncated(cause), failed -> failed.diagnostics().and(RETRIES,
                    failed.diagnostics().get(RETRIES) instanceof Number retries ? retries.intValue() + 1 : 0));
        };
    }

    @Bean
    MeterBinder deadLettersGauge(DeadLetterQueries deadLetters) {
        return meters -> Gauge.builder("cds.projection.dead.letters", deadLetters, DeadLetterQueries::count)
                .description("Events the dashboards could not apply, and the events waiting behind them")
                .tag("processor", Dashboards.GROUP)
                .register(meters);
    }
}
