package vn.thanhhoa.cds.app;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Command latency, events appended and projection lag are measured (read from the registry: tests export nothing). */
class MetricsTest extends PlatformTest {
    @Autowired
    MeterRegistry meters;
    @Autowired
    org.axonframework.config.EventProcessingConfiguration processing;

    private double appended(String type) {
        var counter = meters.find("cds.events.appended").tag("type", type).counter();
        return counter == null ? 0 : counter.count();
    }

    private long commands(String command, String outcome) {
        var timer = meters.find("cds.commands").tag("command", command).tag("outcome", outcome).timer();
        return timer == null ? 0 : timer.count();
    }

    @Test
    void commandsEventsAndLagAreMeasured() {
        double before = appended("AssessmentRegistered");
        long ok = commands("RegisterAssessment", "success");
        assertThat(post("/api/communes/15349/assessments", Map.of("year", 2024, "frameworkId", "TH-XA-1829-2023"),
                As.commune("15349")).getStatusCode().value()).isEqualTo(201);
        assertThat(appended("AssessmentRegistered")).isEqualTo(before + 1);
        assertThat(commands("RegisterAssessment", "success")).isEqualTo(ok + 1);

        long refused = commands("RegisterAssessment", "Rejection");
        assertThat(post("/api/communes/15349/assessments", Map.of("year", 2024, "frameworkId", "KHONG-CO"),
                As.commune("15349")).getStatusCode().value()).isEqualTo(422); // not the framework assigned to 2024
        assertThat(commands("RegisterAssessment", "Rejection")).isEqualTo(refused + 1);
        assertThat(appended("AssessmentRegistered")).as("a refused command appends and counts nothing").isEqualTo(before + 1);
        // the request is measured once (http.server.requests), not again around each security filter (issue 30)
        assertThat(meters.find("http.server.requests").timers()).isNotEmpty();
        assertThat(meters.find("spring.security.filterchains").timers()).as("security filter observations").isEmpty();
        assertThat(meters.find("spring.security.authentications").timers()).isEmpty();

    }

    /** The lag is the age of the oldest event not yet applied: 0 when caught up, growing while the processor stands. */
    @Test
    void projectionLagIsZeroWhenCaughtUpAndGrowsWhileTheProcessorStands() throws InterruptedException {
        var lag = meters.find("cds.projection.lag.seconds").tag("processor", "dashboards").gauge();
        assertThat(lag).isNotNull();
        eventually(lag::value, value -> value == 0);

        var progress = meters.find("cds.projection.position").tag("processor", "dashboards").gauge();
        var head = meters.find("cds.event.store.head").gauge();
        assertThat(progress).isNotNull();
        assertThat(head).isNotNull();
        var dashboards = processing.eventProcessor("dashboards").orElseThrow();
        dashboards.shutDown();
        try {
            assertThat(post("/api/communes/15349/assessments", Map.of("year", 2025, "frameworkId", "TH-XA-1829-2023",
                    "asOf", "2025-03-01"), As.commune("15349")).getStatusCode().value()).isEqualTo(201);
            Thread.sleep(1500);
            assertThat(lag.value()).as("an event waits while the processor stands").isGreaterThanOrEqualTo(1.0);
            assertThat(progress.value()).as("done < total").isLessThan(head.value());
        } finally {
            dashboards.start();
        }
        eventually(lag::value, value -> value == 0);
        eventually(progress::value, value -> value == head.value());
    }
}
