package vn.thanhhoa.cds.infra.integrity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import vn.thanhhoa.cds.infra.work.BoundedWork;

import javax.sql.DataSource;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The store's verification as a job: started by a request, run in the background on this node (one at a time,
 * BoundedWork), its progress and its report kept in {@code integrity_verification}, so that any node answers where
 * it stands. A job whose node stopped before it finished shows as INTERRUPTED: its heartbeat stopped.
 */
@Component
public class VerificationJobs {
    private static final Logger log = LoggerFactory.getLogger(VerificationJobs.class);
    /** A running job notes its progress at least this often; a job silent for twice as long has lost its node. */
    static final Duration HEARTBEAT = Duration.ofSeconds(5);

    public enum State { RUNNING, DONE, FAILED, INTERRUPTED }

    /**
     * @param eventsChecked the events whose hash chains have been checked (the checkpoints are checked after them)
     * @param report        when DONE
     */
    public record Job(String id, State state, long eventsChecked, long eventsTotal, Instant startedAt, Instant finishedAt,
                      StoreVerification.Report report, String failure) {
    }

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final IntegrityKeys keys;
    private final BoundedWork work;
    private final ObjectMapper json;
    private final Clock clock;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(daemon("integrity-verification"));
    private final java.util.concurrent.ScheduledExecutorService heartbeat =
            Executors.newSingleThreadScheduledExecutor(daemon("integrity-verification-heartbeat"));

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread thread = new Thread(r, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    public VerificationJobs(DataSource dataSource, JdbcClient jdbc, ObjectProvider<IntegrityKeys> keys, BoundedWork work,
                            ObjectMapper json, Clock clock) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.keys = keys.getIfAvailable();
        this.work = work;
        this.json = json;
        this.clock = clock;
    }

    /** Starts a verification, or refuses with 429 while this node runs one. */
    public Job start(String requestedBy) {
        BoundedWork.Held held = work.hold(BoundedWork.Kind.VERIFICATION);
        try {
            String id = UUID.randomUUID().toString();
            long total = jdbc.sql("select count(*) from domainevententry").query(Long.class).single();
            OffsetDateTime now = now();
            jdbc.sql("""
                            insert into integrity_verification (id, requested_by, state, events_checked, events_total,
                                                                started_at, updated_at)
                            values (:id, :by, 'RUNNING', 0, :total, :now, :now)""")
                    .param("id", id).param("by", requestedBy).param("total", total).param("now", now).update();
            runner.submit(() -> run(id, held));
            return find(id).orElseThrow();
        } catch (RuntimeException e) {
            held.close();
            throw e;
        }
    }

    private void run(String id, BoundedWork.Held held) {
        java.util.concurrent.atomic.AtomicLong checked = new java.util.concurrent.atomic.AtomicLong();
        // the heartbeat, with the progress: every node then tells a running job from one whose node stopped
        var beat = heartbeat.scheduleAtFixedRate(() -> jdbc.sql(
                        "update integrity_verification set events_checked = :checked, updated_at = :now where id = :id and state = 'RUNNING'")
                .param("checked", checked.get()).param("now", now()).param("id", id).update(),
                0, HEARTBEAT.toMillis() / 5, java.util.concurrent.TimeUnit.MILLISECONDS);
        try (held; Connection connection = dataSource.getConnection()) {
            StoreVerification.Report report = StoreVerification.verify(connection, keys == null ? null : keys.verifying(),
                    checked::set);
            beat.cancel(false);
            jdbc.sql("""
                            update integrity_verification set state = 'DONE', events_checked = :checked, updated_at = :now,
                                finished_at = :now, report = :report where id = :id""")
                    .param("checked", report.events()).param("now", now()).param("report", json.writeValueAsString(report))
                    .param("id", id).update();
        } catch (Exception e) {
            beat.cancel(false);
            log.warn("Kiểm tra toàn vẹn {} thất bại / the verification {} failed", id, id, e);
            jdbc.sql("update integrity_verification set state = 'FAILED', updated_at = :now, finished_at = :now, "
                            + "failure = :failure where id = :id")
                    .param("now", now()).param("failure", String.valueOf(e.getMessage()).substring(0,
                            Math.min(1000, String.valueOf(e.getMessage()).length()))).param("id", id).update();
        }
    }

    public Optional<Job> find(String id) {
        return jdbc.sql("""
                        select id, state, events_checked, events_total, started_at, updated_at, finished_at, report, failure
                        from integrity_verification where id = :id""")
                .param("id", id)
                .query((rs, n) -> {
                    State state = State.valueOf(rs.getString(2));
                    Instant updated = rs.getObject(6, OffsetDateTime.class).toInstant();
                    if (state == State.RUNNING && updated.plus(HEARTBEAT.multipliedBy(2)).isBefore(clock.instant())) {
                        state = State.INTERRUPTED;
                    }
                    OffsetDateTime finished = rs.getObject(7, OffsetDateTime.class);
                    return new Job(rs.getString(1), state, rs.getLong(3), rs.getLong(4),
                            rs.getObject(5, OffsetDateTime.class).toInstant(), finished == null ? null : finished.toInstant(),
                            report(rs.getString(8)), rs.getString(9));
                }).optional();
    }

    private StoreVerification.Report report(String stored) {
        try {
            return stored == null ? null : json.readValue(stored, StoreVerification.Report.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored verification report is unreadable", e);
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        runner.shutdownNow();
        heartbeat.shutdownNow();
    }
}
