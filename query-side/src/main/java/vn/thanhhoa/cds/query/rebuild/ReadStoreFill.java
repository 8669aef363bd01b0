package vn.thanhhoa.cds.query.rebuild;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.thanhhoa.cds.query.common.Dashboards;
import vn.thanhhoa.cds.query.rebuild.ReadModelRebuild.Progress;
import vn.thanhhoa.cds.query.rebuild.ReadModelRebuild.State;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static vn.thanhhoa.cds.query.rebuild.ProcessorTakeover.GROUPS;

/**
 * The fill of an empty read store at start by the rebuild's {@link Fold}, into the live tables, instead of the
 * processors replaying the history event by event. {@link FillAtStart} runs its two steps in the application's start;
 * its progress is the rebuild's ({@link ReadModelRebuild#progress()}), and it runs on the rebuild's thread, so that a
 * rebuild cannot start while it fills.
 */
@Component
class ReadStoreFill {
    /** Under the rebuild's name, where operators have always found its lines. */
    private static final Logger log = LoggerFactory.getLogger(ReadModelRebuild.class);

    private final ReadModelRebuild rebuild;
    private final RebuildTables tables;
    private final ProcessorTakeover takeover;
    private final JdbcClient jdbc;
    private final PlatformTransactionManager transactions;
    private final EventStore events;
    private final EventProcessingConfiguration processing;
    /** Set before the processors start when this start fills the read store ({@link #prepareFillAtStart}). */
    private volatile boolean fillDue;

    ReadStoreFill(ReadModelRebuild rebuild, RebuildTables tables, ProcessorTakeover takeover, JdbcClient jdbc,
                  PlatformTransactionManager transactions, EventStore events, @Lazy EventProcessingConfiguration processing) {
        this.rebuild = rebuild;
        this.tables = tables;
        this.takeover = takeover;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.events = events;
        this.processing = processing;
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
        if (rebuild.readsTheFeed() || fillFrom <= 0 || !rebuild.supported()) {
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
            if (started || filled || rebuild.head() < fillFrom) {
                return false;
            }
        }
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            if (interrupted) {
                log.warn("A fill of the read models at start did not finish: the read tables are emptied and filled again");
                jdbc.sql("truncate " + String.join(", ", tables.readTables(tables.liveSchema()))).update();
                jdbc.sql("delete from tokenentry where processorName in (:groups)").param("groups", GROUPS).update();
                processing.deadLetterQueue(Dashboards.GROUP).orElseThrow().clear();
            }
            jdbc.sql("insert into q_read_store_fill (started_at) values (current_timestamp)").update();
            TrackingToken head = events.createHeadToken();
            for (String group : GROUPS) {
                processing.tokenStore(group).initializeTokenSegments(group, 1, head);
            }
        });
        rebuild.report(new Progress(State.COPYING, 0, 0, 0, null, 0, Instant.now(), null, "filling the read models at start"));
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
        rebuild.inBackground(this::fill);
    }

    /** The fold into the live tables, on the rebuild's thread; then the processors start from where it stopped. */
    private void fill() {
        Instant started = rebuild.progress().startedAt();
        try {
            String live = tables.liveSchema();
            long count = jdbc.sql("select count(*) from domainevententry").query(Long.class).single();
            try (Fold fold = rebuild.newFold(live, live); BlockingStream<TrackedEventMessage<?>> stream = events.openStream(null)) {
                long[] claimed = {System.nanoTime()};
                fold.onBatch(() -> {
                    rebuild.report(Progress.of(State.REPLAYING, "filling the read models at start", started, count, fold));
                    if (System.nanoTime() - claimed[0] > TimeUnit.SECONDS.toNanos(2)) {
                        claimed[0] = System.nanoTime();
                        new TransactionTemplate(transactions).executeWithoutResult(status -> GROUPS.forEach(group ->
                                processing.tokenStore(group).extendClaim(group, 0)));
                    }
                });
                fold.catchUp(stream, rebuild.head());
                fold.finish();
                takeover.takeOver(fold, () -> jdbc.sql("delete from q_read_store_fill").update());
                rebuild.report(Progress.of(State.DONE, "filled at start up to global index " + fold.position(), started,
                        count, fold));
                log.info("Read models filled at start from {} events in {} s", fold.done(),
                        Duration.between(started, Instant.now()).toSeconds());
            }
            for (String group : GROUPS) {
                processing.eventProcessor(group).orElseThrow().start();
            }
        } catch (Exception e) {
            log.error("Filling the read models at start failed; their processors stay stopped, and the next start fills again", e);
            rebuild.report(rebuild.progress().failed(started, e));
        }
    }
}
