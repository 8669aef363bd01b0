package vn.thanhhoa.cds.query.rebuild;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.thanhhoa.cds.query.common.Dashboards;
import vn.thanhhoa.cds.query.common.ReadModelVersion;
import vn.thanhhoa.cds.query.history.AuditTrail;
import vn.thanhhoa.cds.query.reference.FrameworkReader;
import vn.thanhhoa.cds.query.reference.MapReader;

import java.util.List;

/**
 * The read-side processors going on from where a {@link Fold} stopped, as if they had applied its events themselves:
 * the fold's dead letters become the dashboards' queue and both processors' tokens are set to its last event — in
 * one transaction with what changes the tables under them (the rebuild's switch, the fill's end) — and then what the
 * platform holds in memory of the read models is read anew. The processors are stopped meanwhile (by the caller).
 */
@Component
class ProcessorTakeover {
    /** The read-side processors whose read models a rebuild or a fill makes anew. */
    static final List<String> GROUPS = List.of(Dashboards.GROUP, AuditTrail.GROUP);

    private final PlatformTransactionManager transactions;
    private final EventProcessingConfiguration processing;
    private final FrameworkReader frameworks;
    private final MapReader maps;
    private final ReadModelVersion version;

    ProcessorTakeover(PlatformTransactionManager transactions, @Lazy EventProcessingConfiguration processing,
                      FrameworkReader frameworks, MapReader maps, ReadModelVersion version) {
        this.transactions = transactions;
        this.processing = processing;
        this.frameworks = frameworks;
        this.maps = maps;
        this.version = version;
    }

    /**
     * In one transaction with {@code alongside}: the fold's dead letters become the dashboards' queue and both
     * processors go on from where it stopped; then what is held in memory of the read models is read anew.
     */
    void takeOver(Fold fold, Runnable alongside) {
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            alongside.run();
            adopt(fold);
        });
        frameworks.changed();
        maps.changed();
        version.advanceEverywhere(fold.token() == null ? null : fold.token().position().orElse(-1));
    }

    private void adopt(Fold fold) {
        SequencedDeadLetterQueue<EventMessage<?>> letters = processing.deadLetterQueue(Dashboards.GROUP).orElseThrow();
        letters.clear();
        for (Fold.Letter letter : fold.letters()) {
            if (letter.cause() != null) {
                letters.enqueue(letter.sequence(), new GenericDeadLetter<>(letter.sequence(), letter.message(), letter.cause()));
            } else {
                letters.enqueueIfPresent(letter.sequence(), () -> new GenericDeadLetter<>(letter.sequence(), letter.message()));
            }
        }
        if (fold.token() != null) {
            for (String group : GROUPS) {
                processing.tokenStore(group).storeToken(fold.token(), group, 0);
                processing.tokenStore(group).releaseClaim(group, 0);
            }
        }
    }
}
