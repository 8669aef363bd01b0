package vn.thanhhoa.cds.infra.integrity;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Seals, every {@code cds.integrity.seal-interval-ms}, the log up to a watermark below which no event can still
 * commit: a transaction's place in the global order is taken before it commits, so a transaction open for long
 * may commit below events already seen. On PostgreSQL each run notes the highest global index it sees with the
 * snapshot's {@code xmax} (every transaction that may have taken a lower place has an id below it: the append
 * takes its id before its place, ChainedAppend); a note is sealed once the oldest transaction still open is past
 * that {@code xmax}. One node seals at a time (an advisory lock). On H2 — one node, the demo — the log is sealed
 * up to what the previous run saw.
 */
@Component
public class Sealer {
    private static final Logger log = LoggerFactory.getLogger(Sealer.class);
    /** The advisory lock of the sealer: one node seals at a time. */
    static final long LOCK = 0x636473_5345414CL; // "cds" "SEAL"

    private record Seen(long lastGlobalIndex, long xmax) {
    }

    private final DataSource dataSource;
    private final Optional<IntegrityKeys> keys;
    private final Clock clock;
    /** This node's notes, oldest first, until the transactions open when each was taken have ended. */
    private final java.util.Deque<Seen> waiting = new java.util.ArrayDeque<>();
    private final AtomicLong seenLastTime = new AtomicLong(-1);
    /** What this node has read of the log: each seal reads only the events after it. */
    private final Checkpoints.SealedLog read = new Checkpoints.SealedLog();

    @Autowired
    Sealer(DataSource dataSource, ObjectProvider<IntegrityKeys> keys, Clock clock) {
        this(dataSource, keys.getIfAvailable(), clock);
    }

    /** @param keys null: nothing is sealed */
    public Sealer(DataSource dataSource, IntegrityKeys keys, Clock clock) {
        this.dataSource = dataSource;
        this.keys = Optional.ofNullable(keys);
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "${cds.integrity.seal-interval-ms:60000}", fixedDelayString = "${cds.integrity.seal-interval-ms:60000}")
    @Scheduled(initialDelayString = "${cds.integrity.seal-interval-ms:60000}", fixedDelayString = "${cds.integrity.seal-interval-ms:60000}")
    void onSchedule() {
        seal();
    }

    /** One run: the checkpoint it sealed, or null (nothing new below the watermark, no key, another node sealing). */
    public synchronized Checkpoints.Checkpoint seal() {
        if (keys.isEmpty()) {
            return null;
        }
        try (Connection connection = dataSource.getConnection()) {
            boolean postgres = "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
            if (postgres && !lock(connection, "select pg_try_advisory_lock(?)")) {
                return null; // another node is sealing
            }
            try {
                long safe = postgres ? watermark(connection) : seenLastTime.getAndSet(lastGlobalIndex(connection));
                if (safe >= 0) {
                    Checkpoints.Checkpoint sealed = Checkpoints.seal(connection, read, safe, keys.get().signing(),
                            clock.instant().toString());
                    if (sealed != null) {
                        log.info("Niêm phong / sealed checkpoint {} at #{}: {}", sealed.treeSize(), sealed.lastGlobalIndex(), sealed.root());
                    }
                    return sealed;
                }
                return null;
            } finally {
                if (postgres) {
                    lock(connection, "select pg_advisory_unlock(?)");
                }
            }
        } catch (Exception e) {
            log.warn("Niêm phong thất bại, thử lại lần sau / sealing failed, retried next time: {}", e.getMessage());
            return null;
        }
    }

    /** The highest global index below which every transaction has ended, from the notes of this and earlier runs. */
    private long watermark(Connection connection) throws SQLException {
        long oldestOpen;
        try (PreparedStatement select = connection.prepareStatement("""
                select (select coalesce(max(globalIndex), -1) from domainevententry),
                       pg_snapshot_xmax(s)::text::bigint, pg_snapshot_xmin(s)::text::bigint
                from (select pg_current_snapshot() s) snapshot""");
             ResultSet row = select.executeQuery()) {
            row.next();
            waiting.addLast(new Seen(row.getLong(1), row.getLong(2)));
            oldestOpen = row.getLong(3);
        }
        long safe = -1;
        while (!waiting.isEmpty() && waiting.peekFirst().xmax() <= oldestOpen) {
            safe = waiting.removeFirst().lastGlobalIndex();
        }
        return safe;
    }

    private static boolean lock(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, LOCK);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        }
    }

    static long lastGlobalIndex(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select coalesce(max(globalIndex), -1) from domainevententry");
             ResultSet row = select.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }
}
