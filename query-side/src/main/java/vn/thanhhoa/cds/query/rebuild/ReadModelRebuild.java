package vn.thanhhoa.cds.query.rebuild;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.stereotype.Component;
import vn.thanhhoa.cds.infra.eventstore.EventStoreConfiguration;
import vn.thanhhoa.cds.infra.feed.FeedSource;
import vn.thanhhoa.cds.query.common.Dashboards;
import vn.thanhhoa.cds.query.history.AuditTrail;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;

import static vn.thanhhoa.cds.query.rebuild.ProcessorTakeover.GROUPS;

/**
 * Rebuilds every read model from the first event into a new set of tables while the live ones keep answering, then
 * switches over (PostgreSQL). The new tables are the live ones' copies in a schema of their own
 * ({@code <schema>_rebuild}), fed by the same projection classes the live processors run, from where they read: the
 * event store's own stream (upcast as the processors see it), or in a query role the event feed from offset 0. When
 * the rebuild has caught up, the {@value Dashboards#GROUP} and {@value AuditTrail#GROUP} processors stop, the rebuild
 * applies what came meanwhile, and in one transaction the live tables move to {@code <schema>_previous} (kept until the
 * next rebuild), the new ones take their place, and both processors' tokens are set to where the rebuild stopped; the
 * processors start again from there.
 * <p>
 * The projections ({@link DashboardProjections#REBUILT}) fold the events in memory ({@link Fold}): the assessments and
 * the history's last values are held there, and what the live processors write row by row — every version, the
 * timeline, the score history, the history's rows — is written in bulk ({@link CopyOut}) while the fold goes on; the
 * assessments' rows once, at the switch. One thread reads the stream and deserialises the events, another folds them: a handful of round trips per
 * event made the rebuild wait on PostgreSQL, and the fold makes none.
 * <p>
 * An event the dashboards' projections cannot apply is dead-lettered as the live processor would (the later events of
 * its stream wait behind it), and the dead-letter queue is replaced by the rebuild's at the switch. An event the
 * auditors' history cannot take stops the rebuild: the history has no holes, and the live tables stay as they were.
 * <p>
 * The tables are copied and switched by {@link RebuildTables}, the processors take over the fold's tokens and dead
 * letters through {@link ProcessorTakeover}. The same fold fills an empty read store at start ({@link ReadStoreFill}):
 * into the live tables, the processors stopped until it is done; it reports its progress here and runs on this
 * class's thread, so that there is one fold at a time.
 */
@Component
public class ReadModelRebuild {
    private static final Logger log = LoggerFactory.getLogger(ReadModelRebuild.class);

    public enum State { IDLE, COPYING, REPLAYING, SWITCHING, DONE, FAILED }

    /** Where a rebuild stands: events applied of the store's head when it began, the rate, the time left. */
    public record Progress(State state, long eventsDone, long eventsTotal, double eventsPerSecond, Long secondsLeft,
                           long deadLettered, Instant startedAt, Instant finishedAt, String message) {
        static Progress idle() {
            return new Progress(State.IDLE, 0, 0, 0, null, 0, null, null, null);
        }

        /** Where a fold begun at {@code started} stands of {@code total} events: its rate and the time left. */
        static Progress of(State state, String message, Instant started, long total, Fold fold) {
            long done = fold.done();
            double seconds = Math.max(0.001, Duration.between(started, Instant.now()).toMillis() / 1000.0);
            double rate = done / seconds;
            Long left = rate > 0 && total > done ? (long) Math.ceil((total - done) / rate) : null;
            return new Progress(state, done, Math.max(total, done), rate, left, fold.deadLettered(), started,
                    state == State.DONE ? Instant.now() : null, message);
        }

        /** This progress stopped by {@code failure}, now. */
        Progress failed(Instant started, Exception failure) {
            return new Progress(State.FAILED, eventsDone, eventsTotal, eventsPerSecond, null, deadLettered, started,
                    Instant.now(), String.valueOf(failure.getMessage()));
        }

        public boolean running() {
            return state == State.COPYING || state == State.REPLAYING || state == State.SWITCHING;
        }
    }

    private final DataSource dataSource;
    /** The rebuild's own connections, outside the pool the live platform serves from. */
    private final DataSource rebuildConnections;
    private final JdbcClient jdbc;
    private final EventStore events;
    /** In a query role, the event feed the processors read instead of the store; else null. */
    private final FeedSource eventFeed;
    private final EventProcessingConfiguration processing;
    private final ObjectMapper json;
    private final RebuildTables tables;
    private final ProcessorTakeover takeover;
    private final AtomicReference<Progress> progress = new AtomicReference<>(Progress.idle());
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "read-model-rebuild");
        thread.setDaemon(true);
        return thread;
    });

    ReadModelRebuild(DataSource dataSource, DataSourceProperties database, JdbcClient jdbc, EventStore events,
                     ObjectProvider<FeedSource> eventFeed, @Lazy EventProcessingConfiguration processing,
                     ObjectMapper json, RebuildTables tables, ProcessorTakeover takeover) {
        this.dataSource = dataSource;
        DriverManagerDataSource own = new DriverManagerDataSource(database.determineUrl(), database.determineUsername(),
                database.determinePassword());
        own.setDriverClassName(database.determineDriverClassName());
        this.rebuildConnections = own;
        this.jdbc = jdbc;
        this.events = events;
        this.eventFeed = eventFeed.getIfAvailable();
        this.processing = processing;
        this.json = json;
        this.tables = tables;
        this.takeover = takeover;
    }

    public Progress progress() {
        return progress.get();
    }

    /** @return false when a rebuild is already running (there is one at a time) */
    public synchronized boolean start() {
        if (progress.get().running()) {
            return false;
        }
        progress.set(new Progress(State.COPYING, 0, 0, 0, null, 0, Instant.now(), null, null));
        worker.submit(this::run);
        return true;
    }

    /** Whether the read store can be rebuilt while it serves (PostgreSQL's schemas; the embedded H2 store cannot). */
    public boolean supported() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
        } catch (SQLException e) {
            return false;
        }
    }

    private void run() {
        Instant started = progress.get().startedAt();
        List<EventProcessor> stopped = new ArrayList<>();
        try {
            String live = tables.liveSchema();
            String rebuild = live + "_rebuild";
            String previous = live + "_previous";
            List<String> copied = tables.copyTables(live, rebuild);
            long head = head();
            long count = eventFeed != null ? head + 1 : jdbc.sql("select count(*) from domainevententry").query(Long.class).single();
            try (Fold fold = newFold(rebuild, live);
                 BlockingStream<TrackedEventMessage<?>> stream = source().openStream(null)) {
                fold.onBatch(() -> progress.set(Progress.of(progress.get().state() == State.SWITCHING ? State.SWITCHING
                        : State.REPLAYING, null, started, count, fold)));
                // the history up to now, while the live read models serve
                fold.catchUp(stream, head);
                // then the processors stop, and the fold applies what came meanwhile up to the store's head now; what
                // comes later (commands go on) is the restarted processors', from the tokens the switch gives them
                progress.set(Progress.of(State.SWITCHING, null, started, count, fold));
                for (String group : GROUPS) {
                    EventProcessor processor = processing.eventProcessor(group).orElseThrow();
                    processor.shutdownAsync().get(60, TimeUnit.SECONDS);
                    stopped.add(processor);
                }
                String elsewhere = jdbc.sql("select processorName from tokenentry where processorName in (:groups) and owner is not null")
                        .param("groups", GROUPS).query(String.class).list().stream().findFirst().orElse(null);
                if (elsewhere != null) {
                    throw new IllegalStateException("the processor " + elsewhere + " runs on another node: rebuild there");
                }
                fold.catchUp(stream, head());
                fold.finish();
                // in one transaction: the live tables step aside, the rebuilt ones take their place, the tokens move on
                takeover.takeOver(fold, () -> tables.switchOver(live, rebuild, previous, copied));
                progress.set(Progress.of(State.DONE, "switched over at " + (eventFeed != null ? "offset " : "global index ")
                        + fold.position(), started, count, fold));
                log.info("Read models rebuilt from {} events and switched over; the former tables are in {}", fold.done(), previous);
            }
        } catch (Exception e) {
            log.error("The rebuild of the read models failed; the live read models are unchanged", e);
            progress.set(progress.get().failed(started, e));
        } finally {
            for (EventProcessor processor : stopped) {
                processor.start();
            }
        }
    }

    /** Where the processors read: the store, or in a query role the event feed (the same projections either way). */
    private StreamableMessageSource<TrackedEventMessage<?>> source() {
        return eventFeed != null ? eventFeed : events;
    }

    /** The source's last event now: the store's global index, the feed's offset. */
    long head() {
        return eventFeed != null ? eventFeed.lastOffset() : EventStoreConfiguration.head(jdbc);
    }

    /** Whether the processors read the event feed (a query role), not the store. */
    boolean readsTheFeed() {
        return eventFeed != null;
    }

    /** A fold into the tables of {@code schema}, on the rebuild's own connections. */
    Fold newFold(String schema, String live) throws SQLException {
        return new Fold(schema, live, rebuildConnections, json, processing.sequencingPolicy(Dashboards.GROUP), eventFeed != null);
    }

    /** For the fill at start: its progress is reported as a rebuild's (one at a time, on the rebuild's thread). */
    void report(Progress now) {
        progress.set(now);
    }

    void inBackground(Runnable work) {
        worker.submit(work);
    }
}
