package vn.thanhhoa.cds.query.rebuild;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import vn.thanhhoa.cds.infra.feed.FeedToken;
import vn.thanhhoa.cds.query.card.AssessmentProjection;
import vn.thanhhoa.cds.query.history.AuditTrail;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * The projections folding the stream over the rebuild's schema: the reference data (map, frameworks, targets) in
 * its tables through a connection of the fold's own, committed event by event; the assessments and the history's
 * last values in memory; the rest in bulk. A thread of its own reads ahead and deserialises, a batch at a time
 * ({@link ReadAhead}); the bulk goes out on two connections at once, the dashboards' rows and the history, each
 * written by a thread of its own ({@link CopyOut}).
 * <p>
 * The projections are the live processors' classes, as {@link DashboardProjections#REBUILT} lists them: the
 * dashboards' as {@link DashboardProjections#over} builds them, and the auditors' history ({@link AuditTrail}).
 */
final class Fold implements AutoCloseable {
    /** Under the rebuild's name, where operators have always found its lines. */
    private static final Logger log = LoggerFactory.getLogger(ReadModelRebuild.class);

    /** An event of the dashboards' set aside: with its cause, or (no cause) waiting behind one of its stream. */
    record Letter(Object sequence, EventMessage<?> message, Throwable cause) {
    }

    private final List<Connection> connections = new ArrayList<>();
    private final DataSource rebuildConnections;
    private final String live;
    private final boolean fromFeed;
    private final Connection reference;
    private final CopyOut dashboardsOut;
    private final CopyOut historyOut;
    private final FoldedAssessments assessments;
    private final FoldedHistory history;
    private final DashboardProjections dashboards;
    private final EventMessageHandler trail;
    private final SequencingPolicy<? super EventMessage<?>> sequencing;
    private final Set<Object> waiting = new HashSet<>();
    private final List<Letter> letters = new ArrayList<>();
    private final ReadAhead readAhead = new ReadAhead(this::lookUpAppliedTimes);
    /**
     * When the live processor applied the events read and not yet folded (AppliedTimes), looked up by the reader a
     * batch at a time, so that their versions are written as known from then rather than moved there afterwards.
     */
    private final Map<String, Instant> applied = new ConcurrentHashMap<>();
    private final Connection appliedTimes;
    /** When the fold began: versions of events the live processor applied since are moved to that time at the end. */
    private final Instant began = Instant.now();
    private final ExecutorService historian = daemon("read-model-rebuild-history");
    private Runnable onBatch = () -> { };
    private volatile TrackingToken token;
    private volatile long done;
    private volatile long deadLettered;

    /**
     * @param live               the live schema, which keeps when the live processor applied each event (read_model_applied)
     * @param rebuildConnections the rebuild's own connections, outside the pool the live platform serves from
     * @param sequencing         the dashboards' processor's, so that a dead letter holds back what it would hold back
     * @param fromFeed           whether the stream is the event feed's (positions are its offsets), not the store's
     */
    Fold(String schema, String live, DataSource rebuildConnections, ObjectMapper json,
         SequencingPolicy<? super EventMessage<?>> sequencing, boolean fromFeed) throws SQLException {
        this.rebuildConnections = rebuildConnections;
        this.live = live;
        this.sequencing = sequencing;
        this.fromFeed = fromFeed;
        try {
            reference = connection(schema);
            dashboardsOut = new CopyOut(connection(schema), "dashboards");
            historyOut = new CopyOut(connection(schema), "history");
            appliedTimes = connection(live);
        } catch (SQLException | RuntimeException e) {
            close();
            throw e;
        }
        assessments = new FoldedAssessments(dashboardsOut, json, applied::get);
        history = new FoldedHistory(historyOut);
        dashboards = DashboardProjections.over(JdbcClient.create(new SingleConnectionDataSource(reference, true)), json,
                assessments);
        trail = new AnnotationEventHandlerAdapter(new AuditTrail(history));
    }

    static ExecutorService daemon(String name) {
        return Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, name);
            thread.setDaemon(true);
            return thread;
        });
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

    /** On the reader's thread: when the live processor applied the batch's events, those it applied. */
    private void lookUpAppliedTimes(List<TrackedEventMessage<?>> batch) throws SQLException {
        try (var statement = appliedTimes.prepareStatement(
                "select event_id, applied_at from " + live + ".read_model_applied where event_id = any(?)")) {
            statement.setArray(1, appliedTimes.createArrayOf("varchar",
                    batch.stream().map(EventMessage::getIdentifier).toArray()));
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    applied.put(rows.getString(1), rows.getObject(2, OffsetDateTime.class).toInstant());
                }
            }
        }
        appliedTimes.commit();
    }

    /** Run after each batch folded (the progress is reported from there). */
    void onBatch(Runnable onBatch) {
        this.onBatch = onBatch;
    }

    /** Where the fold stopped: its last event's token (null before the first). */
    TrackingToken token() {
        return token;
    }

    long done() {
        return done;
    }

    long deadLettered() {
        return deadLettered;
    }

    /** The dashboards' events set aside, in order: the dead-letter queue the processor is to take over. */
    List<Letter> letters() {
        return letters;
    }

    /** Where the fold stands in its source's numbering (the store's global index, or the event feed's offset). */
    Long position() {
        TrackingToken at = token;
        if (at == null) {
            return null;
        }
        return fromFeed ? FeedToken.of(at).offset() : at.position().orElse(0);
    }

    /** Folds the stream up to its source's head as it was when the rebuild began (or at the switch). */
    void catchUp(BlockingStream<TrackedEventMessage<?>> stream, long head) throws Exception {
        readAhead.readUpTo(stream, head, token, batch -> {
            // the auditors' history beside the dashboards, on the other core
            Future<?> historyDone = historian.submit(() -> {
                batch.forEach(this::toHistory);
                return null;
            });
            try {
                for (TrackedEventMessage<?> event : batch) {
                    applyToDashboards(event);
                    applied.remove(event.getIdentifier());
                }
            } finally {
                joined(historyDone);
            }
            token = batch.get(batch.size() - 1).trackingToken();
            done += batch.size();
            deadLettered = letters.stream().filter(letter -> letter.cause() != null).count();
            onBatch.run();
        });
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

    private static void joined(Future<?> work) throws Exception {
        try {
            work.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /**
     * As the live processor: applied whole or not at all, dead-lettered with its cause, its stream's later events
     * behind it. A reference event is committed at once (the next events' scoring reads it), and so is any event
     * another projection than the assessments' wrote to the tables for.
     */
    private void applyToDashboards(TrackedEventMessage<?> event) throws SQLException {
        Object sequence = sequenceOf(event);
        if (waiting.contains(sequence)) {
            letters.add(new Letter(sequence, event, null));
            return;
        }
        try {
            boolean inTables = false;
            for (EventMessageHandler projection : dashboards.handlers()) {
                if (projection.canHandle(event)) {
                    projection.handle(event);
                    inTables |= !(projection instanceof AnnotationEventHandlerAdapter adapter
                            && adapter.getTargetType() == AssessmentProjection.class);
                }
            }
            assessments.commit();
            // what a projection wrote to its tables (the reference data, the appraisal queue, the returns) is
            // committed with the event: an event set aside later rolls back only its own (most assessments'
            // events — the indicators' values — write nothing there, and cost no commit)
            if (inTables || !ofAnAssessment(event)) {
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
        return event instanceof DomainEventMessage<?> domain && "CommuneAssessment".equals(domain.getType());
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
        // versions it wrote itself (the events' stamps stand for those applied before that was kept): written so as
        // they were folded, but for the events it applied after the reader looked them up — since the fold began,
        // with a minute's margin for an applied time taken a moment before its batch committed
        for (String table : List.of("q_assessment_known", "q_indicator_known")) {
            try (var update = reference.prepareStatement("update " + table + " k set known_from = a.applied_at from "
                    + live + ".read_model_applied a where a.applied_at >= ? and a.event_id = k.event_id"
                    + " and k.known_from <> a.applied_at")) {
                update.setObject(1, OffsetDateTime.ofInstant(began.minusSeconds(60), ZoneOffset.UTC));
                update.executeUpdate();
            }
        }
        reference.commit();
        // the planner's statistics of tables written in bulk, before anyone asks them a question
        try (var statement = reference.createStatement()) {
            for (String table : Stream.of(dashboardsOut, historyOut).flatMap(out -> out.tables().stream()).toList()) {
                statement.execute("analyze " + table);
            }
        }
        reference.commit();
    }

    /** What was not committed is dropped (a failed rebuild), and the connections closed: they were the rebuild's own. */
    @Override
    public void close() {
        readAhead.close();
        historian.shutdownNow();
        for (CopyOut out : Arrays.asList(dashboardsOut, historyOut)) {
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
