package vn.thanhhoa.cds.query.deadletter;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * DEGRADED while dead letters wait: the dashboards run, but some events are not in them until the province retries.
 * Answered with HTTP 200 (see {@code management.endpoint.health.status} in application.yml): nothing to restart.
 */
@Component("deadLetters")
public class DeadLetterHealth extends AbstractHealthIndicator {
    public static final Status DEGRADED = new Status("DEGRADED", "Events wait in the dead-letter queue");

    private final DeadLetterQueries deadLetters;

    public DeadLetterHealth(DeadLetterQueries deadLetters) {
        super("Dead letters could not be counted");
        this.deadLetters = deadLetters;
    }

    @Override
    protected void doHealthCheck(Health.Builder health) {
        long count = deadLetters.count();
        (count == 0 ? health.up() : health.status(DEGRADED)).withDetail("deadLetters", count);
    }
}
