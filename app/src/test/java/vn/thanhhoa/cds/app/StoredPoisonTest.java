package vn.thanhhoa.cds.app;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An event already in the store whose numbers fall outside their domain — recorded before the bounds existed, or
 * written by something other than the platform — is quarantined in the dead-letter queue at once, instead of keeping
 * a processor computing for ever; the other communes' dashboards go on. Communes of the former Huyện Đông Sơn.
 */
class StoredPoisonTest extends PlatformTest {
    private static final String POISONED = "16399";   // Xã Đông Minh
    private static final String WATCHED = "16378";    // Thị trấn Rừng Thông

    @Test
    void anEventWhoseNumbersAreOutsideTheirDomainIsQuarantinedAtOnce() {
        for (String code : new String[]{POISONED, WATCHED}) {
            assertThat(post("/api/communes/" + code + "/assessments", Map.of("year", 2023, "frameworkId", "TH-XA-1829-2023"),
                    As.commune(code)).getStatusCode().value()).isEqualTo(201);
        }
        assertThat(put("/api/communes/" + POISONED + "/assessments/2023/indicators/1.1",
                Map.of("measure", "RATIO", "numerator", 1, "denominator", 31), As.commune(POISONED)).getStatusCode().value())
                .isEqualTo(204);
        long lettersBefore = deadLetters().path("total").asLong();

        // the number that once froze every dashboard, written straight into the store as an older platform accepted it
        String poison = storeOutOfDomainValue(POISONED);

        JsonNode letters = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(this::deadLetters, page -> page.path("total").asLong() > lettersBefore);
        assertThat(letters.toString()).contains("OutOfDomainException");
        // set aside, not applied: no page showed it, so "as known at" has no time for it
        assertThat(jdbc.sql("select count(*) from read_model_applied where event_id = :id").param("id", poison)
                .query(Long.class).single()).isZero();

        // the province moves on
        assertThat(put("/api/communes/" + WATCHED + "/assessments/2023/indicators/1.1",
                Map.of("measure", "RATIO", "numerator", 7, "denominator", 31), As.commune(WATCHED)).getStatusCode().value())
                .isEqualTo(204);
        eventually(() -> HostileInputsTest.line(get("/api/communes/" + WATCHED + "/assessments/2023"), "1.1"),
                line -> line.path("value").path("numerator").asInt() == 7);
        // and the auditors' history records the poison as what it is, without writing out its hundred million digits
        assertThat(eventually(() -> jdbc.sql("select value_after from q_audit where event_id = :id").param("id", poison)
                .query(String.class).optional().orElse(null), value -> value != null)).isEqualTo("out-of-domain"); // a fact, phrased when read
        jdbc.sql("delete from q_audit where event_id = :id").param("id", poison).update();

        // the test's own poison leaves with it: the queue is shared by every test of this context
        jdbc.sql("delete from deadletterentry where eventIdentifier = :id").param("id", poison).update();
        jdbc.sql("delete from domainevententry where eventIdentifier = :id").param("id", poison).update();
        assertThat(deadLetters().path("total").asLong()).isEqualTo(lettersBefore);
    }

    private JsonNode deadLetters() {
        return get("/api/dead-letters?page=0&size=100");
    }
}
