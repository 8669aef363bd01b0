package vn.thanhhoa.cds.app;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.common.DateTimeUtils;
import org.junit.jupiter.api.Test;
import vn.thanhhoa.cds.infra.integrity.EventHash;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One reading of the event log: an event stored in an older shape (RatioAsTextUpcaster's revision "0") is read through
 * the upcaster chain by the live processors and by time travel alike — the card as known at an instant shows the value
 * the card showed, and names nothing as unreadable. Xã Nga Thiện, Huyện Nga Sơn.
 */
class UpcastEventsTest extends PlatformTest {
    private static final String CODE = "16105";
    private static final String CARD = "/api/communes/" + CODE + "/assessments/2024";

    @Test
    void anEventOfAnOlderRevisionIsReadThroughTheUpcastersByEveryReader() throws Exception {
        assertThat(post("/api/communes/" + CODE + "/assessments", Map.of("year", 2024, "frameworkId", "TH-XA-1829-2023"),
                As.commune(CODE)).getStatusCode().value()).isEqualTo(201);
        eventually(() -> read(CARD, As.province()).getStatusCode().value(), status -> status == 200);
        Map<String, Object> registered = jdbc.sql("""
                        select aggregateIdentifier, eventHash from domainevententry
                        where aggregateIdentifier like :commune and sequenceNumber = 0""")
                .param("commune", CODE + "@%/2024").query().singleRow();
        String stream = (String) registered.get("aggregateidentifier");

        // as an older platform stored it: the value as text, revision "0", chained to the stream like any event
        String id = UUID.randomUUID().toString();
        String timeStamp = DateTimeUtils.formatInstant(Instant.now());
        String payload = "{\"assessmentId\":\"" + stream + "\",\"indicatorCode\":\"1.1\",\"value\":\"10/31\",\"evidence\":[],"
                + "\"actedBy\":{\"subject\":\"can-bo-" + CODE + "\",\"role\":\"COMMUNE\",\"unit\":\"" + CODE + "\",\"at\":\"" + timeStamp + "\"}}";
        String hash = EventHash.of((String) registered.get("eventhash"), id, stream, "CommuneAssessment", timeStamp,
                RatioAsTextUpcaster.TYPE, "0", payload, "{}");
        jdbc.sql("""
                        insert into domainevententry (eventIdentifier, aggregateIdentifier, sequenceNumber, type, timeStamp,
                                                      payloadType, payloadRevision, payload, metaData, eventHash)
                        values (:id, :stream, 1, 'CommuneAssessment', :at, :type, '0', :payload, '{}', :hash)""")
                .param("id", id).param("stream", stream).param("at", timeStamp).param("type", RatioAsTextUpcaster.TYPE)
                .param("payload", payload).param("hash", hash).update();

        JsonNode live = eventually(() -> get(CARD), c -> c.at("/pillars/0/lines/0/value/display").asText().contains("10/31"));
        Thread.sleep(20);
        JsonNode then = get(CARD + "?knownAt=" + Instant.now());
        assertThat(then.has("unreadable")).as(then.path("unreadable").toString()).isFalse();
        assertThat(then.at("/pillars/0/lines/0")).isEqualTo(live.at("/pillars/0/lines/0"));
        assertThat(then.at("/selfScore")).isEqualTo(live.at("/selfScore"));
    }
}
