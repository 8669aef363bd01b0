package vn.thanhhoa.cds.query.deadletter;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import vn.thanhhoa.cds.query.common.Dashboards;
import vn.thanhhoa.cds.query.common.ReadBatch;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The {@value Dashboards#GROUP} projections as Axon's dead-lettering invoker sees them: one handler that applies an
 * event with every projection, all or nothing.
 * <p>
 * An event is first applied straight into the batch transaction: no savepoint, no round trip spent on one. If it
 * fails, the transaction may be unusable (after a failed statement PostgreSQL accepts nothing else) or hold half the
 * event, so the whole batch is rolled back ({@link FailedWithoutSavepoint}, which the enqueue policy lets through) and
 * the processor runs it again; this time that event — and only it — is applied inside a savepoint of the batch
 * transaction: a failure rolls back to the savepoint and the event is tried again, up to {@value #ATTEMPTS} times with
 * a short pause (what the projections hold of the batch is written before the savepoint, the event's own inside it,
 * ReadBatch). Then the failure reaches the invoker, which dead-letters the event in the same transaction, still
 * usable, and none of the event's changes is kept: a retry later applies it once. The province's retries of letters
 * ({@link #withSavepoints}) always use savepoints: a letter that fails again must leave the retry's transaction usable.
 */
final class SavepointPerEvent implements EventMessageHandler {
    static final int ATTEMPTS = 3;
    private static final long PAUSE_MS = 50;
    private static final Logger log = LoggerFactory.getLogger(SavepointPerEvent.class);

    private static final ThreadLocal<Boolean> SAVEPOINTS_ALWAYS = ThreadLocal.withInitial(() -> false);
    /** Events that failed without a savepoint, waiting to be applied again inside one (few: each leaves then). */
    private static final int FAILED_HELD = 10_000;

    private final List<EventMessageHandler> projections;
    private final TransactionTemplate savepoint;
    private final Set<String> failedWithoutSavepoint = ConcurrentHashMap.newKeySet();

    SavepointPerEvent(List<EventMessageHandler> projections, PlatformTransactionManager transactions) {
        this.projections = List.copyOf(projections);
        this.savepoint = new TransactionTemplate(transactions);
        savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /** Runs the province's retry of dead letters: every letter inside a savepoint. */
    static <T> T withSavepoints(Supplier<T> retry) {
        SAVEPOINTS_ALWAYS.set(true);
        try {
            return retry.get();
        } finally {
            SAVEPOINTS_ALWAYS.remove();
        }
    }

    @Override
    public Object handle(EventMessage<?> event) throws Exception {
        if (SAVEPOINTS_ALWAYS.get() || failedWithoutSavepoint.remove(event.getIdentifier())) {
            return handleInSavepoints(event);
        }
        try {
            applyEverywhere(event);
            if (ReadBatch.writtenOneByOne(event)) {
                ReadBatch.flushAll(); // its batch's held writes failed: this time each event's are written with it
            }
            return null;
        } catch (RuntimeException e) {
            Exception failure = e instanceof CheckedFailure checked ? (Exception) checked.getCause() : e;
            if (failedWithoutSavepoint.size() >= FAILED_HELD) {
                failedWithoutSavepoint.clear(); // a flood of failures: those forgotten fail once more, then are held
            }
            failedWithoutSavepoint.add(event.getIdentifier());
            log.info("{} {} not applied; its batch runs again, the event inside a savepoint: {}",
                    event.getPayloadType().getSimpleName(), event.getIdentifier(), failure.toString());
            throw new FailedWithoutSavepoint(event, failure);
        }
    }

    private Object handleInSavepoints(EventMessage<?> event) throws Exception {
        ReadBatch.flushAll(); // what the batch's events before it changed: not rolled back with it
        for (int attempt = 1; ; attempt++) {
            try {
                savepoint.executeWithoutResult(status -> {
                    applyEverywhere(event);
                    ReadBatch.flushAll();
                });
                return null;
            } catch (RuntimeException e) {
                ReadBatch.discardAll(); // what was held of the batch may hold the event's changes
                Exception failure = e instanceof CheckedFailure checked ? (Exception) checked.getCause() : e;
                if (attempt == ATTEMPTS) {
                    log.warn("{} {} not applied after {} attempts", event.getPayloadType().getSimpleName(),
                            event.getIdentifier(), ATTEMPTS, failure);
                    throw failure;
                }
                log.info("{} {} not applied (attempt {} of {}): {}", event.getPayloadType().getSimpleName(),
                        event.getIdentifier(), attempt, ATTEMPTS, failure.toString());
                pause(attempt);
            }
        }
    }

    private void applyEverywhere(EventMessage<?> event) {
        for (EventMessageHandler projection : projections) {
            try {
                projection.handle(event);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new CheckedFailure(e);
            }
        }
    }

    /** Longer each time; an interrupt ends the pause, and then the enqueue policy dead-letters nothing. */
    private static void pause(int attempt) {
        try {
            Thread.sleep(PAUSE_MS * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean canHandle(EventMessage<?> event) {
        return projections.stream().anyMatch(p -> p.canHandle(event));
    }

    @Override
    public boolean canHandleType(Class<?> payloadType) {
        return projections.stream().anyMatch(p -> p.canHandleType(payloadType));
    }

    @Override
    public boolean supportsReset() {
        return projections.stream().anyMatch(EventMessageHandler::supportsReset);
    }

    @Override
    public void prepareReset() {
        prepareReset(null);
    }

    @Override
    public <R> void prepareReset(R resetContext) {
        projections.forEach(p -> p.prepareReset(resetContext));
    }

    /**
     * An event failed outside a savepoint: its batch must roll back and run again (the enqueue policy rethrows it,
     * dead-lettering nothing).
     */
    static final class FailedWithoutSavepoint extends RuntimeException {
        FailedWithoutSavepoint(EventMessage<?> event, Exception cause) {
            super(event.getPayloadType().getSimpleName() + " " + event.getIdentifier()
                    + " failed outside a savepoint: its batch runs again", cause);
        }
    }

    /** Carries a projection's checked exception through the transaction callback. */
    private static final class CheckedFailure extends RuntimeException {
        CheckedFailure(Exception cause) {
            super(cause);
        }
    }
}
