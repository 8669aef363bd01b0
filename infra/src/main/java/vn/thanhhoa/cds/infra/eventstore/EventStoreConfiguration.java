package vn.thanhhoa.cds.infra.eventstore;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.gateway.IntervalRetryScheduler;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.TokenStoreProperties;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import vn.thanhhoa.cds.infra.integrity.ChainedAppend;

import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The event store: Axon's JDBC storage engine on the tables Flyway creates (PostgreSQL, or H2 for the embedded run).
 * Payload and metadata are stored as JSON text, so an auditor can read them with plain SQL.
 */
@Configuration(proxyBeanMethods = false)
public class EventStoreConfiguration {
    private static final String UNIQUE_VIOLATION = "23505";

    @Bean
    public EventStorageEngine eventStorageEngine(Serializer defaultSerializer,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 PersistenceExceptionResolver persistenceExceptionResolver,
                                                 org.axonframework.config.Configuration configuration,
                                                 ConnectionProvider connectionProvider,
                                                 TransactionManager transactionManager,
                                                 @Value("${cds.assessments.cached:20000}") long streamsHeld) {
        return JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .eventSerializer(eventSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(new EventSchema())
                .dataType(String.class)
                // each event's hash, chained to its stream's previous event, in the append transaction; the last
                // hash of as many streams as assessments are cached held in memory
                .appendEvents(new ChainedAppend(streamsHeld))
                .build();
    }

    /**
     * A unique-key violation on append means another command wrote the same position of the stream first: PostgreSQL
     * and H2 both report it as SQLSTATE 23505 (inside a BatchUpdateException's chain, where Axon's own resolver looks
     * no further).
     */
    @Bean
    public PersistenceExceptionResolver persistenceExceptionResolver() {
        return exception -> {
            for (Throwable t = exception; t != null; t = t.getCause()) {
                if (t instanceof SQLException sql) {
                    for (SQLException e = sql; e != null; e = e.getNextException()) {
                        if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                            return true;
                        }
                    }
                }
            }
            return false;
        };
    }

    /**
     * Two commands on the same assessment (from two nodes, or two threads) meet at the event store's unique
     * (aggregate, sequence) key; the loser is retried on the new state. Two requests with one Idempotency-Key meet at
     * the key's primary key; the loser is retried and finds the winner's answer. Nothing else is retried: a broken
     * rule stays broken, and a stream created twice (a commune registered twice) is a conflict, not a race.
     * <p>
     * Axon's predicate would be asked about every cause of the failure too, and a ConcurrencyException always wraps
     * the SQL exception that revealed it: so the decision is made here, on the whole chain, once.
     */
    @Bean
    public CommandGateway commandGateway(CommandBus commandBus, ScheduledExecutorService commandRetries) {
        IntervalRetryScheduler retries = new IntervalRetryScheduler(IntervalRetryScheduler.builder()
                .retryExecutor(commandRetries)
                .retryInterval(50)
                .maxRetryCount(5)) {
            @Override
            protected boolean isExplicitlyNonTransient(Throwable failure) {
                return !lostARace(failure);
            }
        };
        return DefaultCommandGateway.builder().commandBus(commandBus).retryScheduler(retries).build();
    }

    /**
     * As Axon's own, with the node's name as the owner of the segments it claims ({@code cds.node-id}; by default
     * the process, as Axon names it): two nodes in one process (a test) would otherwise both own every claim.
     */
    @Bean
    public TokenStore tokenStore(ConnectionProvider connections, Serializer serializer,
                                 TokenStoreProperties properties,
                                 @Value("${cds.node-id:#{T(java.lang.management.ManagementFactory).getRuntimeMXBean().getName()}}") String nodeId) {
        return JdbcTokenStore.builder().connectionProvider(connections).schema(TokenSchema.builder().build()).serializer(serializer)
                .claimTimeout(properties.getClaimTimeout()).nodeId(nodeId).build();
    }

    /**
     * The retries' own thread: one, a daemon, named, and shut down with the platform (a retry waiting then is dropped:
     * its request has already been answered or is being cancelled).
     */
    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService commandRetries() {
        return Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "command-retries");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The global index of the last stored event (-1 on an empty store): how far a reader of the store can get now. */
    public static long head(JdbcClient jdbc) {
        return jdbc.sql("select coalesce(max(globalIndex), -1) from domainevententry").query(Long.class).single();
    }

    static boolean lostARace(Throwable failure) {
        boolean race = false;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AggregateStreamCreationException) {
                return false;
            }
            race |= t instanceof ConcurrencyException;
        }
        return race;
    }
}
