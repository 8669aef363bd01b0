package vn.thanhhoa.cds.app;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import vn.thanhhoa.cds.events.assessment.IndicatorValueReported;
import vn.thanhhoa.cds.query.common.Dashboards;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A projection of the dashboards that cannot apply one commune's reported values while switched on — the way a real
 * fault breaks: its SQL fails inside the batch transaction, after it changed something. Switched off, it does nothing. The platform's component
 * scan finds it in every test context alike, so it adds no context of its own.
 */
@Component
@ProcessingGroup(Dashboards.GROUP)
@org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(name = "cds.role", havingValue = "standalone", matchIfMissing = true)
public class PoisonedCommune {
    enum Fault {
        /** a statement fails: PostgreSQL refuses everything else in the transaction until it rolls back */
        FAILING_SQL,
        /** the database connection is lost in the middle of the batch */
        LOST_CONNECTION
    }

    private record Poison(String communeCode, Fault fault) {
    }

    private final JdbcClient jdbc;
    private final AtomicReference<Poison> poison = new AtomicReference<>();
    private final AtomicInteger attempts = new AtomicInteger();

    public PoisonedCommune(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void failFor(String communeCode, Fault fault) {
        attempts.set(0);
        poison.set(new Poison(communeCode, fault));
    }

    void heal() {
        poison.set(null);
    }

    /** How many times a poisoned event was handled since the switch went on. */
    int attempts() {
        return attempts.get();
    }

    @EventHandler
    void on(IndicatorValueReported event) {
        Poison current = poison.get();
        if (current == null || !current.communeCode().equals(event.assessmentId().commune().code())) {
            return;
        }
        attempts.incrementAndGet();
        switch (current.fault()) {
            case FAILING_SQL -> {
                // a change first, then the failure: neither may stay
                jdbc.sql("update q_assessment set stage = 'HALF_APPLIED' where assessment_id = :id")
                        .param("id", event.assessmentId().toString()).update();
                jdbc.sql("select 1 / 0").query(Integer.class).single();
            }
            case LOST_CONNECTION -> jdbc.sql("select pg_terminate_backend(pg_backend_pid())").query(Boolean.class).single();
        }
    }
}
