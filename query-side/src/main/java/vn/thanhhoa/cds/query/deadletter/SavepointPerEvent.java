package vn.thanhhoa.cds.query.deadletter;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import vn.thanhhoa.cds.query.common.Dashboards;

import java.util.List;

/**
 * The {@value Dashboards#GROUP} projections as Axon's dead-lettering invoker sees them: one handler that applies an
 * event with every projection inside a savepoint of the batch transaction, all or nothing. A failure rolls back to the
 * savepoint — after a failed statement PostgreSQL accepts nothing else in the transaction until then — and the event
 * is tried again, up to {@value #ATTEMPTS} times with a short pause. Then the failure reaches the invoker, which
 * dead-letters the event in the same transaction, still usable, and none of the event's changes is kept: a retry later
 * applies it once.
 */
final class SavepointPerEvent implements EventMessageHandler {
    static final int ATTEMPTS = 3;
    private static final long PAUSE_MS = 50;
    private static final Logger log = LoggerFactory.getLogger(SavepointPerEvent.class);

    private final List<EventMessageHandler> projections;
    private final TransactionTemplate savepoint;

    SavepointPerEvent(List<EventMessageHandler> projections, PlatformTransactionManager transactions) {
        this.projections = List.copyOf(projections);
        this.savepoint = new TransactionTemplate(transactions);
        savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    @Override
    public Object handle(EventMessage<?> event) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                savepoint.executeWithoutResult(status -> applyEverywhere(event));
                return null;
            } catch (RuntimeException e) {
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

    /** Carries a projection's checked exception through the transaction callback. */
    private static final class CheckedFailure extends RuntimeException {
        CheckedFailure(Exception cause) {
            super(cause);
        }
    }
}
