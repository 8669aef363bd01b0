package vn.thanhhoa.cds.app;

import org.axonframework.common.caching.Cache;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import vn.thanhhoa.cds.command.assessment.CommuneAssessment;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A long-lived assessment is snapshotted, and an assessment no longer in memory (a restart, another node) is loaded
 * from its snapshot and the events after it — with the same rules and state as if it had been read event by event.
 */
class AssessmentLoadingTest extends PlatformTest {
    private static final String BASE = "/api/communes/16315/assessments"; // Xã Tế Lợi, Huyện Nông Cống
    private static final As TE_LOI = As.commune("16315");

    @Autowired
    @Qualifier("assessmentCache")
    Cache assessments;
    @Autowired
    EventStore eventStore;

    @Test
    void aLongHistoryIsSnapshottedAndLoadedFromTheSnapshot() {
        var registered = post(BASE, Map.of("year", 2023, "frameworkId", "TH-XA-1829-2023"), TE_LOI);
        assertThat(registered.getStatusCode().value()).as(registered.getBody()).isEqualTo(201);
        String id = jdbc.sql("select assessment_id from cmd_assessment where commune_id = '16315@2020-01-01' and year = 2023")
                .query(String.class).single();
        // a year of monthly updates of one indicator, and more: past the snapshot threshold (100 events)
        for (int month = 1; month <= 120; month++) {
            var reported = put(BASE + "/2023/indicators/1.1",
                    Map.of("measure", "RATIO", "numerator", month % 31, "denominator", 31), TE_LOI);
            assertThat(reported.getStatusCode().value()).as(reported.getBody()).isEqualTo(204);
        }
        Long snapshotAt = eventually(() -> jdbc.sql("select max(sequenceNumber) from snapshotevententry where aggregateIdentifier = :id")
                .param("id", id).query(Long.class).optional().orElse(null), s -> s != null && s >= 99); // the 100th event is number 99

        // out of memory: the next command loads it, starting from the snapshot
        assessments.removeAll();
        DomainEventMessage<?> first = eventStore.readEvents(id).peek();
        assertThat(first.getPayloadType()).isEqualTo(CommuneAssessment.class);
        assertThat(first.getSequenceNumber()).isEqualTo(snapshotAt);
        assertThat(first.getPayload()).as("the snapshot reads back").isInstanceOf(CommuneAssessment.class);

        assertThat(post(BASE + "/2023/submission", Map.of("reportNumber", "77/BC-UBND"), TE_LOI).getStatusCode().value())
                .isEqualTo(204);
        assessments.removeAll();
        var late = put(BASE + "/2023/indicators/1.2", Map.of("measure", "RATIO", "numerator", 1, "denominator", 2), TE_LOI);
        assertThat(late.getStatusCode().value()).as("the stage survived the snapshot: " + late.getBody()).isEqualTo(409);
        assertThat(read(late.getBody()).path("currentStage").asText()).isEqualTo("SUBMITTED");

        var card = eventually(() -> get(BASE + "/2023"), c -> "SUBMITTED".equals(c.path("stage").asText()));
        assertThat(card.path("stage").asText()).isEqualTo("SUBMITTED");
    }
}
