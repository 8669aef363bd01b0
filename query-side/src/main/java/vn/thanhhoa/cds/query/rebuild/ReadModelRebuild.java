package vn.thanhhoa.cds.query.rebuild;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.EventProcessor;
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
import org.springframework.beans.factory.annotation.Value;
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
import vn.thanhhoa.cds.query.projection.AssessmentProjection;
import vn.thanhhoa.cds.query.projection.AuditTrail;
import vn.thanhhoa.cds.query.projection.DashboardProjections;
import vn.thanhhoa.cds.query.projection.Dashboards;
import vn.thanhhoa.cds.query.projection.FrameworkReader;
import vn.thanhhoa.cds.query.projection.MapReader;
import vn.thanhhoa.cds.query.projection.ReadModelVersion;
import vn.thanhhoa.cds.query.projection.ReferenceProjection;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
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
 * processors start again from there. Each of the two feeds spreads its batches over {@code cds.rebuild.lanes}
 * connections of the rebuild's own, by stream (see {@link Feed}): the rebuild waits on PostgreSQL's round trips, and
 * lanes wait side by side.
 * <p>
 * An event the dashboards' projections cannot apply is dead-lettered as the live processor would (the later events of
 * its stream wait behind it), and the dead-letter queue is replaced by the rebuild's at the switch. An event the
 * auditors' history cannot take stops the rebuild: the history has no holes, and the live tables stay as they were.
 */
@Component
public class ReadModelRebuild {
    private static final Logger log = LoggerFactory.getLogger(ReadModelRebuild.class);
    private static final int BATCH = 500;
    private static final List<String> GROUPS = List.of(Dashboards.GROUP, AuditTrail.GROUP);
    /** Every projection of those groups (the dashboards' as {@link DashboardProjections} builds them, and the history), built
     * anew over the rebuild's tables; ArchitectureTest keeps the list whole. */
    public static final List<Class<?>> PROJECTIONS = List.of(ReferenceProjection.class, AssessmentProjection.class, AuditTrail.class);

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
    private final DataSource laneConnections;
    /** Connections a feed spreads its batches over ({@code cds.rebuild.lanes}); the rebuild has two feeds. */
    private final int laneCount;
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
    private final AtomicReference<Progress> progress = new AtomicReference<>(Progress.idle());
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "read-model-rebuild");
        thread.setDaemon(true);
        return thread;
    });
    private final ExecutorService helper = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "read-model-rebuild-history");
        thread.setDaemon(true);
        return thread;
    });

    /** What a feed rebuilds: the dashboards (a poisoned event is dead-lettered) or the auditors' history (it fails). */
    enum Part {
        DASHBOARDS(Dashboards.GROUP), HISTORY(AuditTrail.GROUP);

        final String group;

        Part(String group) {
            this.group = group;
        }
    }

    public ReadModelRebuild(DataSource dataSource, DataSourceProperties database, JdbcClient jdbc,
                            PlatformTransactionManager transactions, EventStore events, ObjectProvider<FeedSource> eventFeed,
                            @Lazy EventProcessingConfiguration processing, ObjectMapper json, FrameworkReader frameworks,
                            MapReader maps, ReadModelVersion version, @Value("${cds.rebuild.lanes:4}") int laneCount) {
        this.dataSource = dataSource;
        // the lanes' connections are the rebuild's own, outside the pool the live platform serves from
        DriverManagerDataSource lanes = new DriverManagerDataSource(database.determineUrl(), database.determineUsername(),
                database.determinePassword());
        lanes.setDriverClassName(database.determineDriverClassName());
        this.laneConnections = lanes;
        if (laneCount < 1 || laneCount > 16) {
            throw new IllegalArgumentException("cds.rebuild.lanes is 1 to 16, not " + laneCount);
        }
        this.laneCount = laneCount;
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
            // the dashboards and the auditors' history are fed side by side, each on its own connection from its own
            // stream of the store, as their live processors run side by side
            try (Feed dashboards = new Feed(Part.DASHBOARDS, rebuild);
                 Feed history = new Feed(Part.HISTORY, rebuild);
                 BlockingStream<TrackedEventMessage<?>> dashboardsStream = source().openStream(null);
                 BlockingStream<TrackedEventMessage<?>> historyStream = source().openStream(null)) {
                Runnable report = () -> progress.set(progress(progress.get().state() == State.SWITCHING ? State.SWITCHING
                        : State.REPLAYING, null, started, count, dashboards, history));
                dashboards.onBatch = report;
                history.onBatch = report;
                // the history up to now, while the live read models serve
                bothUntil(dashboards, dashboardsStream, history, historyStream, head);
                // then the processors stop, and both feeds apply what came meanwhile up to the store's head now; what
                // comes later (commands go on) is the restarted processors', from the tokens the switch gives them
                progress.set(progress(State.SWITCHING, null, started, count, dashboards, history));
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
                long now = head();
                bothUntil(dashboards, dashboardsStream, history, historyStream, now);
                switchOver(live, rebuild, previous, tables, dashboards, history);
                progress.set(progress(State.DONE, "switched over at " + (eventFeed != null ? "offset " : "global index ")
                        + dashboards.position(), started, count,
                        dashboards, history));
                log.info("Read models rebuilt from {} events and switched over; the former tables are in {}", dashboards.done, previous);
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

    /** Both feeds up to a place in the store, side by side; the first failure of either fails the rebuild. */
    private void bothUntil(Feed dashboards, BlockingStream<TrackedEventMessage<?>> dashboardsStream, Feed history,
                           BlockingStream<TrackedEventMessage<?>> historyStream, long head) throws Exception {
        java.util.concurrent.Future<?> side = helper.submit(() -> {
            history.catchUp(historyStream, head);
            return null;
        });
        try {
            dashboards.catchUp(dashboardsStream, head);
        } catch (Exception e) {
            side.cancel(true); // the history's feed stops too: the rebuild has failed
            throw e;
        }
        try {
            side.get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
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

    private Progress progress(State state, String message, Instant started, long total, Feed dashboards, Feed history) {
        long done = Math.min(dashboards.done, history.done);
        double seconds = Math.max(0.001, Duration.between(started, Instant.now()).toMillis() / 1000.0);
        double rate = done / seconds;
        Long left = rate > 0 && total > done ? (long) Math.ceil((total - done) / rate) : null;
        return new Progress(state, done, Math.max(total, done), rate, left,
                dashboards.deadLettered, started,
                state == State.DONE ? Instant.now() : null, message);
    }

    /** A fresh schema with each read table's structure, keys, defaults, identities and index names. */
    private List<String> copyTables(String live, String rebuild) {
        List<String> tables = jdbc.sql("""
                        select tablename from pg_tables where schemaname = :live and tablename like 'q\\_%' order by tablename""")
                .param("live", live).query(String.class).list();
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

    private static String shape(String definition, String name, String schema) {
        return definition.replace(" " + name + " ", " ? ").replace(" " + schema + ".", " ");
    }

    /** In one transaction: the live tables step aside, the rebuilt ones take their place, the tokens move on. */
    private void switchOver(String live, String rebuild, String previous, List<String> tables, Feed dashboards, Feed history) {
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            jdbc.sql("drop schema if exists " + previous + " cascade").update();
            jdbc.sql("create schema " + previous).update();
            for (String table : tables) {
                jdbc.sql("alter table " + live + "." + table + " set schema " + previous).update();
                jdbc.sql("alter table " + rebuild + "." + table + " set schema " + live).update();
            }
            jdbc.sql("drop schema " + rebuild).update();
            SequencedDeadLetterQueue<EventMessage<?>> letters = processing.deadLetterQueue(Dashboards.GROUP).orElseThrow();
            letters.clear();
            for (Feed.Letter letter : dashboards.letters()) {
                if (letter.cause() != null) {
                    letters.enqueue(letter.sequence(), new GenericDeadLetter<>(letter.sequence(), letter.message(), letter.cause()));
                } else {
                    letters.enqueueIfPresent(letter.sequence(), () -> new GenericDeadLetter<>(letter.sequence(), letter.message()));
                }
            }
            for (Feed feed : List.of(dashboards, history)) {
                if (feed.token != null) {
                    processing.tokenStore(feed.part.group).storeToken(feed.token, feed.part.group, 0);
                    processing.tokenStore(feed.part.group).releaseClaim(feed.part.group, 0);
                }
            }
        });
        frameworks.changed();
        maps.changed();
        version.advance(dashboards.token == null ? null : dashboards.token.position().orElse(-1));
    }

    /**
     * The projections over the rebuild's schema, fed batch by batch. A batch is spread over lanes, each a connection
     * of its own in a transaction of its own, by the event's stream (one commune's assessment for a year): a
     * stream's events stay in order in one lane, while the lanes wait on PostgreSQL's round trips side by side. An
     * event of the reference data (map, frameworks, targets) is a barrier for the dashboards: every lane commits what
     * came before it, one lane applies it and commits, and every lane reads the reference data anew — an assessment's
     * scoring reads the framework, an amendment rescores every assessment of its framework.
     */
    private final class Feed implements AutoCloseable {
        record Letter(Object sequence, EventMessage<?> message, Throwable cause) {
        }

        private final Part part;
        private Runnable onBatch = () -> { };
        private final SequencingPolicy<? super EventMessage<?>> sequencing = processing.sequencingPolicy(Dashboards.GROUP);
        private final List<Lane> lanes = new ArrayList<>();
        private final ExecutorService lanesAtWork;
        private volatile TrackingToken token;
        private volatile long done;
        private volatile long deadLettered;

        Feed(Part part, String schema) throws SQLException {
            this.part = part;
            lanesAtWork = Executors.newFixedThreadPool(laneCount, r -> {
                Thread thread = new Thread(r, "read-model-rebuild-" + part.name().toLowerCase() + "-lane");
                thread.setDaemon(true);
                return thread;
            });
            try {
                for (int i = 0; i < laneCount; i++) {
                    lanes.add(new Lane(schema));
                }
            } catch (SQLException | RuntimeException e) {
                close();
                throw e;
            }
        }

        @Override
        public void close() {
            lanes.forEach(Lane::close);
            lanesAtWork.shutdownNow();
        }

        /** The dead letters of every lane (a stream's letters are all in its lane, in order). */
        List<Letter> letters() {
            return lanes.stream().flatMap(lane -> lane.letters.stream()).toList();
        }

        /** Where the feed stands in its source's numbering (the store's global index, or the event feed's offset). */
        Long position() {
            TrackingToken at = token;
            if (at == null) {
                return null;
            }
            return eventFeed != null ? FeedToken.of(at).offset() : at.position().orElse(0);
        }

        /** Applies the stream up to its source's head as it was when the rebuild began (or at the switch). */
        void catchUp(BlockingStream<TrackedEventMessage<?>> stream, long head) throws Exception {
            List<TrackedEventMessage<?>> batch = new ArrayList<>(BATCH);
            while (!reached(stream, head, batch)) {
                if (stream.hasNextAvailable(1, TimeUnit.SECONDS)) {
                    batch.add(stream.nextAvailable());
                    if (batch.size() < BATCH && stream.hasNextAvailable()) {
                        continue;
                    }
                }
                flush(batch);
            }
            flush(batch);
        }

        /**
         * Whether the stream has given every event up to {@code head}: applied, or in the batch being gathered. The
         * feed may skip its last records (an event published twice), so there it is where the reading stands.
         */
        private boolean reached(BlockingStream<TrackedEventMessage<?>> stream, long head, List<TrackedEventMessage<?>> batch) {
            if (stream instanceof FeedSource.Reading reading) {
                return reading.readUpTo() >= head && !stream.hasNextAvailable();
            }
            TrackingToken last = batch.isEmpty() ? token : batch.get(batch.size() - 1).trackingToken();
            return last == null ? head < 0 : last.position().orElse(0) >= head;
        }

        private void flush(List<TrackedEventMessage<?>> batch) throws Exception {
            if (!batch.isEmpty()) {
                apply(batch);
                token = batch.get(batch.size() - 1).trackingToken();
                done += batch.size();
                deadLettered = lanes.stream().mapToLong(lane -> lane.letters.stream().filter(l -> l.cause() != null).count()).sum();
                batch.clear();
                onBatch.run();
            }
        }

        /** A batch over the lanes; for the dashboards, each reference event in turn between the assessments' runs. */
        private void apply(List<TrackedEventMessage<?>> batch) throws Exception {
            int from = 0;
            for (int i = 0; i < batch.size(); i++) {
                if (part == Part.DASHBOARDS && !ofAnAssessment(batch.get(i))) {
                    spread(batch.subList(from, i));
                    lanes.get(0).apply(List.of(batch.get(i)));
                    lanes.forEach(Lane::referenceChanged);
                    from = i + 1;
                }
            }
            spread(batch.subList(from, batch.size()));
        }

        private static boolean ofAnAssessment(EventMessage<?> event) {
            return event instanceof org.axonframework.eventhandling.DomainEventMessage<?> domain
                    && "CommuneAssessment".equals(domain.getType());
        }

        /** Events to the lanes by their stream, applied side by side; the first failure of a lane fails the rebuild. */
        private void spread(List<TrackedEventMessage<?>> events) throws Exception {
            if (events.isEmpty()) {
                return;
            }
            List<List<TrackedEventMessage<?>>> shares = new ArrayList<>();
            lanes.forEach(lane -> shares.add(new ArrayList<>()));
            for (TrackedEventMessage<?> event : events) {
                shares.get(Math.floorMod(sequenceOf(event).hashCode(), lanes.size())).add(event);
            }
            List<java.util.concurrent.Future<?>> working = new ArrayList<>();
            for (int i = 0; i < lanes.size(); i++) {
                Lane lane = lanes.get(i);
                List<TrackedEventMessage<?>> share = shares.get(i);
                if (!share.isEmpty()) {
                    working.add(lanesAtWork.submit(() -> {
                        lane.apply(share);
                        return null;
                    }));
                }
            }
            Exception failed = null;
            for (java.util.concurrent.Future<?> lane : working) {
                try {
                    lane.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    if (failed == null) {
                        failed = e.getCause() instanceof Exception cause ? cause : e;
                    }
                }
            }
            if (failed != null) {
                throw failed;
            }
        }

        private Object sequenceOf(EventMessage<?> event) {
            Object sequence = sequencing.getSequenceIdentifierFor(event);
            return sequence != null ? sequence : event.getIdentifier();
        }

        /** An event the dashboards' projections refused, in a batch applied without savepoints. */
        private static final class Poisoned extends RuntimeException {
            Poisoned(Throwable cause) {
                super(cause);
            }
        }

        /**
         * One connection for the whole rebuild, pointed at the rebuild's tables, committing each share of a batch
         * without waiting for the disk (the switch's own commit, made durably, flushes everything written before it).
         */
        private final class Lane {
            private final Connection connection;
            private final List<EventMessageHandler> dashboards;
            private final FrameworkReader laneFrameworks;
            private final MapReader laneMaps;
            private final EventMessageHandler history;
            private final List<Letter> letters = new ArrayList<>();
            private final Set<Object> waiting = new HashSet<>();

            Lane(String schema) throws SQLException {
                connection = laneConnections.getConnection();
                try (var statement = connection.createStatement()) {
                    statement.execute("set search_path to " + schema);
                    statement.execute("set synchronous_commit to off");
                    connection.setAutoCommit(false);
                } catch (SQLException e) {
                    connection.close();
                    throw e;
                }
                JdbcClient into = JdbcClient.create(new SingleConnectionDataSource(connection, true));
                DashboardProjections projections = part == Part.DASHBOARDS ? DashboardProjections.over(into, json) : null;
                dashboards = projections != null ? projections.handlers() : List.of();
                laneFrameworks = projections != null ? projections.frameworks() : null;
                laneMaps = projections != null ? projections.maps() : null;
                history = part == Part.HISTORY ? new AnnotationEventHandlerAdapter(new AuditTrail(into)) : null;
            }

            /** Another lane changed the reference data: what this one holds in memory of it is read again. */
            void referenceChanged() {
                if (laneFrameworks != null) {
                    laneFrameworks.changed();
                    laneMaps.changed();
                }
            }

            /** What was not committed is dropped (a failed rebuild), and the connection closed: it was the rebuild's own. */
            void close() {
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

            /**
             * A share in one transaction, first without a savepoint per event (two round trips less per event); if an
             * event of it cannot be applied, the share is rolled back and applied again with savepoints, so that only
             * that event (and its stream's later ones) go to the dead letters.
             */
            void apply(List<TrackedEventMessage<?>> events) throws SQLException {
                int lettersBefore = letters.size();
                Set<Object> waitingBefore = new HashSet<>(waiting);
                try {
                    applyAll(events, false);
                    connection.commit();
                } catch (Poisoned poisoned) {
                    connection.rollback();
                    letters.subList(lettersBefore, letters.size()).clear();
                    waiting.retainAll(waitingBefore);
                    applyAll(events, true);
                    connection.commit();
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    throw e;
                }
            }

            private void applyAll(List<TrackedEventMessage<?>> events, boolean savepoints) throws SQLException {
                for (TrackedEventMessage<?> event : events) {
                    if (part == Part.DASHBOARDS) {
                        applyToDashboards(event, savepoints);
                    }
                    try {
                        if (history != null && history.canHandle(event)) {
                            history.handle(event); // a failure here fails the rebuild
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException("the auditors' history cannot take " + event.getIdentifier(), e);
                    }
                }
            }

            /** As the live processor: in a savepoint, dead-lettered with its cause, its stream's later events behind it. */
            private void applyToDashboards(TrackedEventMessage<?> event, boolean savepoints) throws SQLException {
                Object sequence = sequenceOf(event);
                if (waiting.contains(sequence)) {
                    letters.add(new Letter(sequence, event, null));
                    return;
                }
                Savepoint savepoint = savepoints ? connection.setSavepoint() : null;
                try {
                    for (EventMessageHandler projection : dashboards) {
                        if (projection.canHandle(event)) {
                            projection.handle(event);
                        }
                    }
                    if (savepoint != null) {
                        connection.releaseSavepoint(savepoint);
                    }
                } catch (Exception poison) {
                    if (savepoint == null) {
                        throw new Poisoned(poison);
                    }
                    connection.rollback(savepoint);
                    waiting.add(sequence);
                    letters.add(new Letter(sequence, event, poison));
                }
            }
        }
    }
}
