package vn.thanhhoa.cds.query.common;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The batch of events a read models' processor applies in one transaction: its projections hold what they write
 * ({@link HeldWrites}) and write it in a few statements just before the batch commits, rather than a handful for
 * each event (issue 30: the read side in fewer round trips). Outside a processor's batch there is no holder, and a
 * projection writes at once.
 * <p>
 * The dead letters' guarantees stay: an event applied inside a savepoint (SavepointPerEvent) has what came before it
 * written first ({@link #flushAll}) and its own writes inside the savepoint; one that fails there has every holder of
 * the batch forget what it held ({@link #discardAll}), as the savepoint forgot the event. When the held writes fail as
 * the batch commits — which event's they were is not known — the batch rolls back and, when it runs again, its events
 * are written one by one ({@link #writtenOneByOne}), so the one that fails is set aside as a letter like any other.
 */
public final class ReadBatch {
    private static final String HOLDERS = ReadBatch.class.getName() + ".holders";
    private static final String APPLIED_KEPT = ReadBatch.class.getName() + ".appliedKept";
    private static final String APPLIED_AT = ReadBatch.class.getName() + ".appliedAt";
    /** Events of batches whose held writes failed (few: each leaves when applied again). */
    private static final int ONE_BY_ONE_HELD = 10_000;
    private static final Set<String> ONE_BY_ONE = ConcurrentHashMap.newKeySet();

    private ReadBatch() {
    }

    /**
     * Whether the read tables' database takes what a batch holds in one statement a table (PostgreSQL's multi-row
     * {@code insert … on conflict}); elsewhere (H2, the one-command run) the projections write a statement at a time.
     */
    public static boolean heldOn(JdbcTemplate tables) {
        String database = tables.execute((ConnectionCallback<String>) c -> c.getMetaData().getDatabaseProductName());
        return "PostgreSQL".equals(database);
    }

    /** The current batch's holder of this kind (created, and flushed before the batch commits); null outside one. */
    public static <T extends HeldWrites> T held(String key, Supplier<T> create) {
        if (!CurrentUnitOfWork.isStarted()) {
            return null;
        }
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        @SuppressWarnings("unchecked")
        T held = (T) batch.resources().get(key);
        if (held == null) {
            T created = create.get();
            batch.resources().put(key, created);
            holders(batch).add(created);
            batch.onPrepareCommit(u -> {
                try {
                    created.flush();
                } catch (RuntimeException e) {
                    failed(batch);
                    throw e;
                }
            });
            batch.afterCommit(u -> created.committed());
            held = created;
        }
        return held;
    }

    /** Writes what every holder of the current batch holds. */
    public static void flushAll() {
        if (CurrentUnitOfWork.isStarted()) {
            holders(CurrentUnitOfWork.get().root()).forEach(HeldWrites::flush);
        }
    }

    /** Every holder of the current batch forgets what it held and read. */
    public static void discardAll() {
        if (CurrentUnitOfWork.isStarted()) {
            holders(CurrentUnitOfWork.get().root()).forEach(HeldWrites::discard);
        }
    }

    /**
     * Whether the event must be written as soon as it is applied: it was in a batch whose held writes failed as it
     * committed. Asked once for each event (it is then forgotten).
     */
    public static boolean writtenOneByOne(EventMessage<?> event) {
        return !ONE_BY_ONE.isEmpty() && ONE_BY_ONE.remove(event.getIdentifier());
    }

    /** The events of the current batch (outside a processor's batch, the one being applied; none outside any). */
    public static List<EventMessage<?>> events() {
        if (!CurrentUnitOfWork.isStarted()) {
            return List.of();
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        List<EventMessage<?>> events = new ArrayList<>();
        if (root instanceof BatchingUnitOfWork<?> batching) {
            batching.getMessages().forEach(m -> {
                if (m instanceof EventMessage<?> event) {
                    events.add(event);
                }
            });
        } else if (root.getMessage() instanceof EventMessage<?> event) {
            events.add(event);
        }
        return events;
    }

    /**
     * The instant the current batch is applied at, when its processor keeps it (AppliedTimes): taken the first time
     * asked, so the versions written and the applied times kept name the same instant. Null when it is not kept.
     */
    public static Instant appliedAt(Clock clock) {
        if (!CurrentUnitOfWork.isStarted()) {
            return null;
        }
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        if (!batch.resources().containsKey(APPLIED_KEPT)) {
            return null;
        }
        return batch.getOrComputeResource(APPLIED_AT, k -> clock.instant());
    }

    /** The current batch's applied instant is kept (AppliedTimes, for the dashboards' processor). */
    public static void appliedTimesKept() {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().root().resources().putIfAbsent(APPLIED_KEPT, Boolean.TRUE);
        }
    }

    private static void failed(UnitOfWork<?> batch) {
        if (ONE_BY_ONE.size() >= ONE_BY_ONE_HELD) {
            ONE_BY_ONE.clear(); // a flood of failures: those forgotten fail once more, then are held
        }
        if (batch instanceof BatchingUnitOfWork<?> batching) {
            batching.getMessages().forEach(m -> ONE_BY_ONE.add(m.getIdentifier()));
        } else {
            ONE_BY_ONE.add(batch.getMessage().getIdentifier());
        }
    }

    private static List<HeldWrites> holders(UnitOfWork<?> batch) {
        return batch.getOrComputeResource(HOLDERS, k -> new ArrayList<>());
    }
}
