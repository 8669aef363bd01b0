package vn.thanhhoa.cds.query.projection;

import org.springframework.stereotype.Component;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How far this node's read models have moved: one step after each commit of the {@value Dashboards#GROUP}
 * processor. An answer computed at one version is still right at the same version (DashboardCache).
 */
@Component
public class ReadModelVersion {
    private final AtomicLong version = new AtomicLong();

    public long current() {
        return version.get();
    }

    public void advance() {
        version.incrementAndGet();
    }
}
