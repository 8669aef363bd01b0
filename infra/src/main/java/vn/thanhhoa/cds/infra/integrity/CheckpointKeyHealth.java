package vn.thanhhoa.cds.infra.integrity;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;

/**
 * Health component {@code checkpoints}: NOT_SEALING where the platform has no checkpoint key, so that an operator
 * sees that no checkpoint is signed (the event hashes are kept and verified all the same). It does not make the
 * platform unhealthy: it serves.
 */
public class CheckpointKeyHealth implements HealthIndicator {
    public static final Status NOT_SEALING = new Status("NOT_SEALING", "No checkpoint key: nothing is sealed");
    private final IntegrityKeys keys;

    /** @param keys the checkpoint key, or null where none is configured */
    public CheckpointKeyHealth(IntegrityKeys keys) {
        this.keys = keys;
    }

    @Override
    public Health health() {
        return keys == null ? Health.status(NOT_SEALING).build() : Health.up().build();
    }
}
