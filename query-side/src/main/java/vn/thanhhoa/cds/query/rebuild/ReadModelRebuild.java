package vn.thanhhoa.cds.query.rebuild;

import vn.thanhhoa.cds.query.timetravel.AppliedTimes;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.thanhhoa.cds.infra.eventstore.EventStoreConfiguration;
import vn.thanhhoa.cds.infra.feed.FeedSource;
import vn.thanhhoa.cds.infra.feed.FeedToken;
import vn.thanhhoa.cds.query.card.AssessmentProjection;
import vn.thanhhoa.cds.query.history.AuditTrail;
import vn.thanhhoa.cds.query.common.Dashboards;
import vn.thanhhoa.cds.query.reference.FrameworkReader;
import vn.thanhhoa.cds.query.reference.MapReader;
import vn.thanhhoa.cds.query.common.ReadModelVersion;
import vn.thanhhoa.cds.query.reference.ReferenceProjection;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

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
 * The projections fold the events in memory ({@link Fold}): the assessments and the history's last values are held
 * there, and what the live processors write row by row — every version, the timeline, the score history, the
 * history's rows — is written in bulk ({@link CopyOut}) while the fold goes on; the assessments' rows once, at the
 * switch. One thread reads the stream and deserialises the events, another folds them: a handful of round trips per
 * event made the rebuild wait on PostgreSQL, and the fold makes none.
 * <p>
 * An event the dashboards' projections cannot apply is dead-lettered as the live processor would (the later events of
 * its stream wait behind it), and the dead-letter queue is replaced by the rebuild's at the switch. An event the
 * auditors' history cannot take stops the rebuild: the history has no holes, and the live tables stay as they were.
 * <p>
 * The same fold fills an empty read store at start ({@link #prepareFillAtStart}, {@link #fillAtStart}): into the live
 * tables, the processors stopped until it is done.
 */
@Component
public class ReadModelRebuild {
    private static final Logger log = LoggerFactory.getLogger(ReadModelRebuild.class);
    private static final int BATCH = 500;
    private static final List<String> GROUPS = List.of(Dashboards.GROUP, AuditTrail.GROUP);
    /** Every projection of those groups (the dashboards' as {@link DashboardProjections} builds them, and the history), built
     * anew over the rebuild's tables; ArchitectureTest keeps the list whole. */
    public static final List<Class<?>> PROJECTIONS = List.of(ReferenceProjection.class,
            vn.thanhhoa.cds.query.reporting.ReportingProjection.class, AssessmentProjection.class, AuditTrail.class);

    public enum State { IDLE, COPYING, REPLAYING, SWITCHING, DONE, FAILED }

    /** Where a rebuild stands: events applied of the store's head when it began, the rate, the time left. */
    public record Progress(State state, long eventsDone, long eventsTotal, double eventsPerSecond, Long secondsLeft,
                           long deadLettered, Instant startedAt, Instant finishedAt, String message) {
        static Progress idle() {
            return new Progress(State.IDLE, 0, 0, 0, null, 0, null, null, null);
        }

        public boolean running() {
            return state == State.COPYING || state == State.REPLAYING || state == State.SWITCHING;
        }
    }

    private final DataSource dataSource;
    /** The rebuild's own connections, outside the pool the live platform serves from. */
    private final DataSource rebuildConnections;
    private final JdbcClient jdbc;
    private final PlatformTransactionManager transactions;
    private final EventStore events;
    /** In a query role, the event feed the processors read instead of the store; else null. */
    private final FeedSource eventFeed;
    private final EventProcessingConfiguration processing;
    private final ObjectMapper json;
    private final FrameworkReader frameworks;
    private final MapReader maps;
    private final ReadModelVersion version;
    /** Set before the processors start when this start fills the read store ({@link #prepareFillAtStart}). */
    private volatile boolean fillDue;
    private final AtomicReference<Progress> progress = new AtomicReference<>(Progress.idle());
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "read-model-rebuild");
        thread.setDaemon(true);
        return thread;
    });
    public ReadModelRebuild(DataSource dataSource, DataSourceProperties database, JdbcClient jdbc,
                            PlatformTransactionManager transactions, EventStore events, ObjectProvider<FeedSource> eventFeed,
                            @Lazy EventProcessingConfiguration processing, ObjectMapper json, FrameworkReader frameworks,
                            MapReader maps, ReadModelVersion version) {
        this.dataSource = dataSource;
        DriverManagerDataSource own = new DriverManagerDataSource(database.determineUrl(), database.determineUsername(),
                database.determinePassword());
        own.setDriverClassName(database.determineDriverClassName());
        this.rebuildConnections = own;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.events = events;
        this.eventFeed = eventFeed.getIfAvailable();
        this.processing = processing;
        this.json = json;
        this.frameworks = frameworks;
        this.maps = maps;
        this.version = version;
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
            String live = jdbc.sql("select current_schema()").query(String.class).single();
            String rebuild = live + "_rebuild";
            String previous = live + "_previous";
            List<String> tables = copyTables(live, rebuild);
            long head = head();
            long count = eventFeed != null ? head + 1 : jdbc.sql("select count(*) from domainevententry").query(Long.class).single();
            try (Fold fold = new Fold(rebuild, live);
                 BlockingStream<TrackedEventMessage<?>> stream = source().openStream(null)) {
                fold.onBatch = () -> progress.set(progress(progress.get().state() == State.SWITCHING ? State.SWITCHING
                        : State.REPLAYING, null, started, count, fold));
                // the history up to now, while the live read models serve
                fold.catchUp(stream, head);
                // then the processors stop, and the fold applies what came meanwhile up to the store's head now; what
                // comes later (commands go on) is the restarted processors', from the tokens the switch gives them
                progress.set(progress(State.SWITCHING, null, started, count, fold));
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
                switchOver(live, rebuild, previous, tables, fold);
                progress.set(progress(State.DONE, "switched over at " + (eventFeed != null ? "offset " : "global index ")
                        + fold.position(), started, count, fold));
                log.info("Read models rebuilt from {} events and switched over; the former tables are in {}", fold.done, previous);
            }
        } catch (Exception e) {
            log.error("The rebuild of the read models failed; the live read models are unchanged", e);
            Progress now = progress.get();
            progress.set(new Progress(State.FAILED, now.eventsDone(), now.eventsTotal(), now.eventsPerSecond(), null,
                    now.deadLettered(), started, Instant.now(), String.valueOf(e.getMessage())));
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
    private long head() {
        return eventFeed != null ? eventFeed.lastOffset() : EventStoreConfiguration.head(jdbc);
    }

    private Progress progress(State state, String message, Instant started, long total, Fold fold) {
        long done = fold.done;
        double seconds = Math.max(0.001, Duration.between(started, Instant.now()).toMillis() / 1000.0);
        double rate = done / seconds;
        Long left = rate > 0 && total > done ? (long) Math.ceil((total - done) / rate) : null;
        return new Progress(state, done, Math.max(total, done), rate, left, fold.deadLettered, started,
                state == State.DONE ? Instant.now() : null, message);
    }
    /** A fresh schema with each read table's structure, keys, defaults, identities and index names. */
    private List<String> copyTables(String live, String rebuild) {
        List<String> tables = readTables(live);
        jdbc.sql("drop schema if exists " + rebuild + " cascade").update();
        jdbc.sql("create schema " + rebuild).update();
        for (String table : tables) {
            jdbc.sql("create table " + rebuild + "." + table + " (like " + live + "." + table + " including all)").update();
        }
        // the copies' indexes get generated names: give each the name of the live index of the same definition, so
        // that later migrations (which name indexes) find them after the switch
        List<Map<String, Object>> indexes = jdbc.sql("""
                        select schemaname, indexname, tablename, indexdef from pg_indexes
                        where schemaname in (:schemas) and tablename like 'q\\_%'""")
                .param("schemas", List.of(live, rebuild)).query().listOfRows();
        for (Map<String, Object> copy : indexes) {
            if (!rebuild.equals(copy.get("schemaname"))) {
                continue;
            }
            String definition = shape((String) copy.get("indexdef"), (String) copy.get("indexname"), rebuild);
            indexes.stream().filter(original -> live.equals(original.get("schemaname"))
                            && original.get("tablename").equals(copy.get("tablename"))
                            && shape((String) original.get("indexdef"), (String) original.get("indexname"), live).equals(definition))
                    .findFirst()
                    .filter(original -> !original.get("indexname").equals(copy.get("indexname")))
                    .ifPresent(original -> jdbc.sql("alter index " + rebuild + "." + copy.get("indexname") + " rename to "
                            + original.get("indexname")).update());
        }
        return tables;
    }

    /** The read tables of a schema (every {@code q_} table), by name. */
    private List<String> readTables(String schema) {
        return jdbc.sql("select tablename from pg_tables where schemaname = :schema and tablename like 'q\\_%' order by tablename")
                .param("schema", schema).query(String.class).list();
    }

    private static String shape(String definition, String name, String schema) {
        return definition.replace(" " + name + " ", " ? ").replace(" " + schema + ".", " ");
    }

    /** In one transaction: the live tables step aside, the rebuilt ones take their place, the tokens move on. */
    private void switchOver(String live, String rebuild, String previous, List<String> tables, Fold fold) {
        takeOver(fold, () -> {
            jdbc.sql("drop schema if exists " + previous + " cascade").update();
            jdbc.sql("create schema " + previous).update();
            for (String table : tables) {
                jdbc.sql("alter table " + live + "." + table + " set schema " + previous).update();
                jdbc.sql("alter table " + rebuild + "." + table + " set schema " + live).update();
            }
            jdbc.sql("drop schema " + rebuild).update();
        });
    }

    /**
     * In one transaction with {@code alongside}: the fold's dead letters become the dashboards' queue and both
     * processors go on from where it stopped; then what is held in memory of the read models is read anew.
     */
    private void takeOver(Fold fold, Runnable alongside) {
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            alongside.run();
            adopt(fold);
        });
        frameworks.changed();
        maps.changed();
        version.advanceEverywhere(fold.token == null ? null : fold.token.position().orElse(-1));
    }

    private void adopt(Fold fold) {
        SequencedDeadLetterQueue<EventMessage<?>> letters = processing.deadLetterQueue(Dashboards.GROUP).orElseThrow();
        letters.clear();
        for (Fold.Letter letter : fold.letters) {
            if (letter.cause() != null) {
                letters.enqueue(letter.sequence(), new GenericDeadLetter<>(letter.sequence(), letter.message(), letter.cause()));
            } else {
                letters.enqueueIfPresent(letter.sequence(), () -> new GenericDeadLetter<>(letter.sequence(), letter.message()));
            }
        }
        if (fold.token != null) {
            for (String group : GROUPS) {
                processing.tokenStore(group).storeToken(fold.token, group, 0);
                processing.tokenStore(group).releaseClaim(group, 0);
            }
        }
    }

    /**
     * Whether the read store is to be filled by the fold at this start: it is empty (no processor's token, no
     * assessment, no history) beside an event store holding at least {@code cds.rebuild.fill-at-start-from} events —
     * a new read database, or read models an operator emptied — or a fill was interrupted (then the read tables are
     * emptied again). If so, the processors' tokens are set at the store's head before they start, so that they
     * replay nothing; {@link #fillAtStart()} stops them, fills, and starts them from where the fill stopped. Called
     * before Axon starts its processors. PostgreSQL, and the event store as the source (a query role fills from its
     * feed through the processors).
     */
    boolean prepareFillAtStart(long fillFrom) {
        if (eventFeed != null || fillFrom <= 0 || !supported()) {
            return false;
        }
        boolean interrupted = jdbc.sql("select count(*) from q_read_store_fill").query(Long.class).single() > 0;
        if (interrupted && fillingElsewhere()) {
            return false; // another node is filling: its claims keep this node's processors waiting until it is done
        }
        if (!interrupted) {
            boolean started = jdbc.sql("select count(*) from tokenentry where processorName in (:groups)").param("groups", GROUPS)
                    .query(Long.class).single() > 0;
            boolean filled = jdbc.sql("select (select count(*) from (select 1 from q_assessment limit 1) a)"
                    + " + (select count(*) from (select 1 from q_audit limit 1) h)").query(Long.class).single() > 0;
            if (started || filled || head() < fillFrom) {
                return false;
            }
        }
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            if (interrupted) {
                log.warn("A fill of the read models at start did not finish: the read tables are emptied and filled again");
                jdbc.sql("truncate " + String.join(", ", readTables(jdbc.sql("select current_schema()")
                        .query(String.class).single()))).update();
                jdbc.sql("delete from tokenentry where processorName in (:groups)").param("groups", GROUPS).update();
                processing.deadLetterQueue(Dashboards.GROUP).orElseThrow().clear();
            }
            jdbc.sql("insert into q_read_store_fill (started_at) values (current_timestamp)").update();
            TrackingToken head = events.createHeadToken();
            for (String group : GROUPS) {
                processing.tokenStore(group).initializeTokenSegments(group, 1, head);
            }
        });
        progress.set(new Progress(State.COPYING, 0, 0, 0, null, 0, Instant.now(), null, "filling the read models at start"));
        fillDue = true;
        return true;
    }

    /**
     * Whether another node holds the read-side processors' segments now (claimed within Axon's claim timeout, 10 s,
     * which a filling node extends every 2 s). Asked before this node's processors start, so that no claim is its own.
     */
    private boolean fillingElsewhere() {
        Instant fresh = Instant.now().minusSeconds(10);
        return jdbc.sql("select timestamp from tokenentry where processorName in (:groups) and owner is not null")
                .param("groups", GROUPS).query(String.class).list().stream()
                .anyMatch(claimed -> Instant.parse(claimed).isAfter(fresh));
    }

    /**
     * Fills the empty read store prepared by {@link #prepareFillAtStart}: the processors (started at the head) stop,
     * the fold runs in the background from the first event to the head — the platform serves meanwhile, its
     * dashboards empty —, and in one transaction its dead letters and tokens are adopted and the fill is marked done;
     * then the processors start again. If it fails, they stay stopped and the next start fills again.
     */
    void fillAtStart() throws Exception {
        if (!fillDue) {
            return;
        }
        fillDue = false;
        for (String group : GROUPS) {
            StreamingEventProcessor processor = processing.eventProcessor(group, StreamingEventProcessor.class).orElseThrow();
            // stopped in the middle of its start, Axon's tracking processor may keep its segment as taken and never
            // take it again: it is stopped once its worker runs on the segment (it has fetched its token, at the
            // head, where it has nothing to do) — a segment merely assigned, its worker not yet started, is not enough
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while ((processor.processingStatus().isEmpty() || processor.processingStatus().values().stream()
                    .anyMatch(status -> status.getTrackingToken() == null)) && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            // the status shows the segment a moment before its worker thread runs (its token is fetched when it is
            // assigned); stopped in that moment, the processor never takes the segment again (seen on a loaded
            // machine): a second's grace lets the worker start, at the head, where it has nothing to do
            Thread.sleep(1000);
            processor.shutdownAsync().get(60, TimeUnit.SECONDS);
        }
        // the segments stay claimed by this node while it fills (extended as it goes, released with the tokens at the
        // end): the processors of another node on the same store wait instead of applying events to half-filled tables
        new TransactionTemplate(transactions).executeWithoutResult(status -> GROUPS.forEach(group ->
                processing.tokenStore(group).fetchToken(group, 0)));
        worker.submit(() -> {
            Instant started = progress.get().startedAt();
            try {
                String live = jdbc.sql("select current_schema()").query(String.class).single();
                long count = jdbc.sql("select count(*) from domainevententry").query(Long.class).single();
                try (Fold fold = new Fold(live, live); BlockingStream<TrackedEventMessage<?>> stream = events.openStream(null)) {
                    long[] claimed = {System.nanoTime()};
                    fold.onBatch = () -> {
                        progress.set(progress(State.REPLAYING, "filling the read models at start", started, count, fold));
                        if (System.nanoTime() - claimed[0] > TimeUnit.SECONDS.toNanos(2)) {
                            claimed[0] = System.nanoTime();
                            new TransactionTemplate(transactions).executeWithoutResult(status -> GROUPS.forEach(group ->
                                    processing.tokenStore(group).extendClaim(group, 0)));
                        }
                    };
                    fold.catchUp(stream, head());
                    fold.finish();
                    takeOver(fold, () -> jdbc.sql("delete from q_read_store_fill").update());
                    progress.set(progress(State.DONE, "filled at start up to global index " + fold.position(), started,
                            count, fold));
                    log.info("Read models filled at start from {} events in {} s", fold.done,
                            Duration.between(started, Instant.now()).toSeconds());
                }
                for (String group : GROUPS) {
                    processing.eventProcessor(group).orElseThrow().start();
                }
            } catch (Exception e) {
                log.error("Filling the read models at start failed; their processors stay stopped, and the next start fills again", e);
                Progress now = progress.get();
                progress.set(new Progress(State.FAILED, now.eventsDone(), now.eventsTotal(), now.eventsPerSecond(), null,
                        now.deadLettered(), started, Instant.now(), String.valueOf(e.getMessage())));
            }
        });
    }

    /**
     * The projections folding the stream over the rebuild's schema: the reference data (map, frameworks, targets) in
     * its tables through a connection of the fold's own, committed event by event; the assessments and the history's
     * last values in memory; the rest in bulk. A thread of its own reads ahead and deserialises, a batch at a time.
     */
    private final class Fold implements AutoCloseable {
        record Letter(Object sequence, EventMessage<?> message, Throwable cause) {
        }

        private final List<Connection> connections = new ArrayList<>();
        private final String live;
        private final Connection reference;
        private final CopyOut dashboardsOut;
        private final CopyOut historyOut;
        private final FoldedAssessments assessments;
        private final FoldedHistory history;
        private final DashboardProjections dashboards;
        private final EventMessageHandler trail;
        private final SequencingPolicy<? super EventMessage<?>> sequencing = processing.sequencingPolicy(Dashboards.GROUP);
        private final Set<Object> waiting = new HashSet<>();
        private final List<Letter> letters = new ArrayList<>();
        private final ExecutorService reader = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "read-model-rebuild-reader");
            thread.setDaemon(true);
            return thread;
        });
        private final ExecutorService historian = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "read-model-rebuild-history");
            thread.setDaemon(true);
            return thread;
        });
        private Runnable onBatch = () -> { };
        private volatile TrackingToken token;
        private volatile long done;
        private volatile long deadLettered;

        /** @param live the live schema, which keeps when the live processor applied each event (read_model_applied) */
        Fold(String schema, String live) throws SQLException {
            this.live = live;
            try {
                reference = connection(schema);
                dashboardsOut = new CopyOut(connection(schema), "dashboards");
                historyOut = new CopyOut(connection(schema), "history");
            } catch (SQLException | RuntimeException e) {
                close();
                throw e;
            }
            assessments = new FoldedAssessments(dashboardsOut, json);
            history = new FoldedHistory(historyOut);
            dashboards = DashboardProjections.over(JdbcClient.create(new SingleConnectionDataSource(reference, true)), json,
                    assessments);
            trail = new AnnotationEventHandlerAdapter(new AuditTrail(history));
        }

        /** A connection of the rebuild's own, outside the platform's pool, to the rebuild's tables. */
        private Connection connection(String schema) throws SQLException {
            Connection connection = rebuildConnections.getConnection();
            connections.add(connection);
            try (var statement = connection.createStatement()) {
                statement.execute("set search_path to " + schema);
                // the switch's own commit, made durably, flushes everything written before it
                statement.execute("set synchronous_commit to off");
            }
            connection.setAutoCommit(false);
            return connection;
        }

        /** Where the fold stands in its source's numbering (the store's global index, or the event feed's offset). */
        Long position() {
            TrackingToken at = token;
            if (at == null) {
                return null;
            }
            return eventFeed != null ? FeedToken.of(at).offset() : at.position().orElse(0);
        }

        /** Folds the stream up to its source's head as it was when the rebuild began (or at the switch). */
        void catchUp(BlockingStream<TrackedEventMessage<?>> stream, long head) throws Exception {
            java.util.concurrent.BlockingQueue<List<TrackedEventMessage<?>>> read = new java.util.concurrent.ArrayBlockingQueue<>(4);
            java.util.concurrent.Future<?> reading = reader.submit(() -> {
                readAhead(stream, head, token, read);
                return null;
            });
            try {
                while (true) {
                    List<TrackedEventMessage<?>> batch = read.poll(1, TimeUnit.SECONDS);
                    if (batch == null) {
                        if (reading.isDone()) {
                            reading.get(); // its failure, if it failed
                        }
                        continue;
                    }
                    if (batch.isEmpty()) {
                        break;
                    }
                    // the auditors' history beside the dashboards, on the other core
                    java.util.concurrent.Future<?> historyDone = historian.submit(() -> {
                        batch.forEach(this::toHistory);
                        return null;
                    });
                    try {
                        for (TrackedEventMessage<?> event : batch) {
                            applyToDashboards(event);
                        }
                    } finally {
                        joined(historyDone);
                    }
                    token = batch.get(batch.size() - 1).trackingToken();
                    done += batch.size();
                    deadLettered = letters.stream().filter(letter -> letter.cause() != null).count();
                    onBatch.run();
                }
                reading.get();
            } finally {
                reading.cancel(true);
            }
        }

        /** The reading thread: batches of events, deserialised, then an empty batch at the head. */
        private void readAhead(BlockingStream<TrackedEventMessage<?>> stream, long head, TrackingToken from,
                               java.util.concurrent.BlockingQueue<List<TrackedEventMessage<?>>> read) throws InterruptedException {
            List<TrackedEventMessage<?>> batch = new ArrayList<>(BATCH);
            TrackingToken last = from;
            while (!reached(stream, head, last)) {
                if (stream.hasNextAvailable(1, TimeUnit.SECONDS)) {
                    TrackedEventMessage<?> event = stream.nextAvailable();
                    try {
                        event.getPayload();
                        event.getMetaData();
                    } catch (RuntimeException unreadable) {
                        // the projections meet it again, and deal with it as the live processors do
                    }
                    batch.add(event);
                    last = event.trackingToken();
                    if (batch.size() < BATCH && stream.hasNextAvailable()) {
                        continue;
                    }
                }
                if (!batch.isEmpty()) {
                    read.put(batch);
                    batch = new ArrayList<>(BATCH);
                }
            }
            if (!batch.isEmpty()) {
                read.put(batch);
            }
            read.put(List.of());
        }

        /**
         * Whether the stream has given every event up to {@code head}. The feed may skip its last records (an event
         * published twice), so there it is where the reading stands.
         */
        private boolean reached(BlockingStream<TrackedEventMessage<?>> stream, long head, TrackingToken last) {
            if (stream instanceof FeedSource.Reading reading) {
                return reading.readUpTo() >= head && !stream.hasNextAvailable();
            }
            return last == null ? head < 0 : last.position().orElse(0) >= head;
        }

        /** An event into the auditors' history; a failure here fails the rebuild. */
        private void toHistory(TrackedEventMessage<?> event) {
            try {
                if (trail.canHandle(event)) {
                    trail.handle(event);
                }
            } catch (Exception e) {
                throw new IllegalStateException("the auditors' history cannot take " + event.getIdentifier(), e);
            }
        }

        private static void joined(java.util.concurrent.Future<?> work) throws Exception {
            try {
                work.get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
        }

        /**
         * As the live processor: applied whole or not at all, dead-lettered with its cause, its stream's later events
         * behind it. A reference event is committed at once (the next events' scoring reads it).
         */
        private void applyToDashboards(TrackedEventMessage<?> event) throws SQLException {
            Object sequence = sequenceOf(event);
            if (waiting.contains(sequence)) {
                letters.add(new Letter(sequence, event, null));
                return;
            }
            try {
                for (EventMessageHandler projection : dashboards.handlers()) {
                    if (projection.canHandle(event)) {
                        projection.handle(event);
                    }
                }
                assessments.commit();
                if (!ofAnAssessment(event)) {
                    reference.commit();
                }
            } catch (Exception poison) {
                assessments.rollback();
                reference.rollback();
                dashboards.frameworks().changed();
                dashboards.maps().changed();
                waiting.add(sequence);
                letters.add(new Letter(sequence, event, poison));
            }
        }

        private static boolean ofAnAssessment(EventMessage<?> event) {
            return event instanceof org.axonframework.eventhandling.DomainEventMessage<?> domain
                    && "CommuneAssessment".equals(domain.getType());
        }

        private Object sequenceOf(EventMessage<?> event) {
            Object sequence = sequencing.getSequenceIdentifierFor(event);
            return sequence != null ? sequence : event.getIdentifier();
        }

        /** What is held in memory written, and every bulk write committed. */
        void finish() throws Exception {
            assessments.writeRows();
            history.writeLastSeen();
            dashboardsOut.finish();
            historyOut.finish();
            reference.commit();
            // as known from when the live processor applied their events, where it did (AppliedTimes), as the
            // versions it wrote itself; the events' stamps stand for those applied before that was kept
            try (var statement = reference.createStatement()) {
                for (String table : List.of("q_assessment_known", "q_indicator_known")) {
                    statement.execute("update " + table + " k set known_from = a.applied_at from " + live
                            + ".read_model_applied a where a.event_id = k.event_id and k.known_from <> a.applied_at");
                }
            }
            reference.commit();
            // the planner's statistics of tables written in bulk, before anyone asks them a question
            try (var statement = reference.createStatement()) {
                for (String table : java.util.stream.Stream.of(dashboardsOut, historyOut).flatMap(out -> out.tables().stream()).toList()) {
                    statement.execute("analyze " + table);
                }
            }
            reference.commit();
        }

        /** What was not committed is dropped (a failed rebuild), and the connections closed: they were the rebuild's own. */
        @Override
        public void close() {
            reader.shutdownNow();
            historian.shutdownNow();
            for (CopyOut out : java.util.Arrays.asList(dashboardsOut, historyOut)) {
                if (out != null) {
                    out.close();
                }
            }
            for (Connection connection : connections) {
                try {
                    connection.rollback();
                } catch (SQLException e) {
                    log.warn("The rebuild's connection could not roll back; it is closed", e);
                } finally {
                    try {
                        connection.close();
                    } catch (SQLException ignored) {
                        // closed either way
                    }
                }
            }
        }
    }
}
