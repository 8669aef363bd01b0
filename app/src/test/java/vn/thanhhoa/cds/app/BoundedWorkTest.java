package vn.thanhhoa.cds.app;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import vn.thanhhoa.cds.infra.work.BoundedWork;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Work that grows with the whole store runs a few at a time per node: with every place taken (held here as the
 * running requests would hold them), the next asks again later — 429 with Retry-After — and once a place frees, it
 * runs. One bound each: the verification, the proofs, the history's export, the meeting report as PDF, a card as
 * known at an instant.
 */
class BoundedWorkTest extends PlatformTest {
    private static final As AUDITOR = new As("kiem-toan", "AUDITOR", "38");

    @Autowired
    BoundedWork work;

    private void busyThenServed(BoundedWork.Kind kind, int places, String path, As actor) {
        List<BoundedWork.Held> held = new ArrayList<>();
        try {
            for (int i = 0; i < places; i++) {
                held.add(work.hold(kind));
            }
            ResponseEntity<String> busy = read(path, actor);
            assertThat(busy.getStatusCode().value()).as(path + ": " + busy.getBody()).isEqualTo(429);
            assertThat(busy.getHeaders().getFirst("Retry-After")).isEqualTo("5");
            assertThat(read(busy.getBody()).path("code").asText()).isEqualTo("BUSY_" + kind.name());
            assertThat(read(busy.getBody()).path("detail").asText()).contains("thử lại");
        } finally {
            held.forEach(BoundedWork.Held::close);
        }
        ResponseEntity<String> served = read(path, actor);
        assertThat(served.getStatusCode().value()).as(path + ": " + served.getBody()).isNotEqualTo(429);
    }

    @Test
    void eachKindOfWholeStoreWorkRunsAFewAtATime() {
        busyThenServed(BoundedWork.Kind.VERIFICATION, 1, "/api/integrity/verification", AUDITOR);
        busyThenServed(BoundedWork.Kind.PROOF, 2, "/api/integrity/consistency?from=1&to=1", AUDITOR);
        busyThenServed(BoundedWork.Kind.EXPORT, 2, "/api/audit/events?format=csv", AUDITOR);
        busyThenServed(BoundedWork.Kind.REPORT, 1, "/api/province/dashboard.pdf?year=2022", AUDITOR);
        // a commune officer's own card as known at an instant: a scratch store each, bounded like the dashboards
        String commune = "15292";
        assertThat(post("/api/communes/" + commune + "/assessments", Map.of("year", 2022), As.commune(commune))
                .getStatusCode().value()).isIn(201, 409);
        String card = "/api/communes/" + commune + "/assessments/2022";
        eventually(() -> read(card, As.commune(commune)).getStatusCode().value(), status -> status == 200);
        busyThenServed(BoundedWork.Kind.KNOWN_AT, 2, card + "?knownAt=" + java.time.Instant.now().minusSeconds(1), As.commune(commune));
        busyThenServed(BoundedWork.Kind.KNOWN_AT, 2, "/api/province/dashboard?year=2022&knownAt=" + java.time.Instant.now().minusSeconds(1), AUDITOR);
    }
}
