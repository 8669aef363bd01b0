package vn.thanhhoa.cds.app;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the card showed at each moment of a commune's year is what it shows when asked with {@code knownAt} = that
 * moment: the same projections, run again on the events recorded up to then.
 */
class KnownAtTest extends PlatformTest {
    private static final String BASE = "/api/communes/15367/assessments"; // Xã Vĩnh Hưng, Huyện Vĩnh Lộc
    private static final As VINH_HUNG = As.commune("15367");
    private static final String CARD = BASE + "/2024";

    private record Moment(String at, JsonNode card) {
    }

    private Moment moment(java.util.function.Predicate<JsonNode> reached) throws InterruptedException {
        JsonNode card = eventually(() -> get(CARD), reached);
        Thread.sleep(20); // strictly after the last event's recorded time
        String at = java.time.Instant.now().toString();
        return new Moment(at, card);
    }

    @Test
    void theCardAsItWasAtEachMomentIsTheCardThatWasShownThen() throws Exception {
        String beforeAnything = java.time.Instant.now().toString();
        Thread.sleep(20);
        List<Moment> moments = new ArrayList<>();
        assertThat(post(BASE, Map.of("year", 2024, "frameworkId", "TH-XA-1829-2023"), VINH_HUNG).getStatusCode().value()).isEqualTo(201);
        moments.add(moment(c -> c.has("stage")));
        put(CARD + "/indicators/1.1", Map.of("measure", "RATIO", "numerator", 5, "denominator", 31), VINH_HUNG);
        moments.add(moment(c -> c.path("timeline").size() == 2));
        put(CARD + "/indicators/1.1", Map.of("measure", "RATIO", "numerator", 9, "denominator", 31), VINH_HUNG);
        put(CARD + "/indicators/1.2", Map.of("measure", "RATIO", "numerator", 31, "denominator", 31), VINH_HUNG);
        assertThat(post(CARD + "/submission", Map.of("reportNumber", "71/BC-UBND"), VINH_HUNG).getStatusCode().value()).isEqualTo(204);
        moments.add(moment(c -> "SUBMITTED".equals(c.path("stage").asText())));

        for (Moment moment : moments) {
            long started = System.nanoTime();
            JsonNode then = get(CARD + "?knownAt=" + moment.at());
            System.out.printf("KNOWN-AT card replayed in %d ms%n", (System.nanoTime() - started) / 1_000_000);
            assertThat(then).as("the card known at " + moment.at()).isEqualTo(moment.card());
        }
        assertThat(moments.get(0).card()).isNotEqualTo(moments.get(2).card());

        var notYet = read(CARD + "?knownAt=" + beforeAnything, As.province());
        assertThat(notYet.getStatusCode().value()).as(notYet.getBody()).isEqualTo(404);
        var future = read(CARD + "?knownAt=2999-01-01T00:00:00Z", As.province());
        assertThat(future.getStatusCode().value()).isEqualTo(422);
        assertThat(read(future.getBody()).path("code").asText()).isEqualTo("INVALID_KNOWN_AT");
        assertThat(read(CARD + "?knownAt=2024-01-01T00:00:00Z", As.commune("15361")).getStatusCode().value()).isEqualTo(403);
    }
}
