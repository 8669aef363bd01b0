package vn.thanhhoa.cds.app;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An appraisal council through the API, on PostgreSQL (Xã Cẩm Liên, Huyện Cẩm Thủy, 2024): the district names a lead
 * and a member for the pillar of digital government; the member appraises an indicator of it and is refused one of
 * another pillar and the conclusion; the lead concludes. The council is read back by the appraiser, not by a commune.
 */
class AppraisalCouncilApiTest extends PlatformTest {
    private static final String CAM_LIEN = "15145";
    private static final String BASE = "/api/communes/" + CAM_LIEN + "/assessments/2024";
    private static final As LEAD = new As("truong-phong-390", "DISTRICT", "390");
    private static final As MEMBER = new As("can-bo-vhtt-390", "DISTRICT", "390");

    private static void ok(ResponseEntity<String> response) {
        assertThat(response.getStatusCode().is2xxSuccessful()).as(response.getBody()).isTrue();
    }

    @Test
    void aMemberAppraisesTheirPillarAndTheLeadConcludes() {
        JsonNode framework = read(jdbc.sql("select definition from q_framework where framework_id = 'TH-XA-1829-2023'")
                .query(String.class).single());
        String ownPillar = framework.at("/pillars/0/code").asText(), ownIndicator = framework.at("/pillars/0/indicators/0/code").asText();
        String otherIndicator = framework.at("/pillars/1/indicators/0/code").asText();
        ok(post("/api/communes/" + CAM_LIEN + "/assessments", Map.of("year", 2024, "frameworkId", "TH-XA-1829-2023"), As.commune(CAM_LIEN)));
        ok(post(BASE + "/submission", Map.of("reportNumber", "3/BC-UBND"), As.commune(CAM_LIEN)));
        ok(post(BASE + "/appraisal", null, LEAD));

        refused(HttpMethod.PUT, BASE + "/appraisal/council", Map.of("lead", LEAD.subject(), "members",
                List.of(Map.of("subject", MEMBER.subject(), "pillars", List.of("XYZ")))), LEAD, 422, "UNKNOWN_PILLAR", "members[0].pillars");
        refused(HttpMethod.PUT, BASE + "/appraisal/council", "{\"lead\":\"x\",\"members\":[null]}", LEAD, 422, "MISSING_ITEM", "members[0]");
        refused(HttpMethod.PUT, BASE + "/appraisal/council", Map.of("lead", LEAD.subject(), "members",
                List.of(Map.of("subject", MEMBER.subject(), "pillars", List.of(ownPillar)))), As.district("386"), 403, "NOT_THE_APPRAISER", "actor");
        ok(put(BASE + "/appraisal/council", Map.of("lead", LEAD.subject(), "members",
                List.of(Map.of("subject", MEMBER.subject(), "pillars", List.of(ownPillar))),
                "document", Map.of("number", "77/QĐ-UBND")), LEAD));

        Map<String, Object> value = "RATIO".equals(framework.at("/pillars/0/indicators/0/measure").asText())
                ? Map.of("measure", "RATIO", "numerator", 3, "denominator", 4) : Map.of("measure", "BOOLEAN", "value", true);
        ok(put(BASE + "/appraisal/indicators/" + ownIndicator, value, MEMBER));
        refused(HttpMethod.PUT, BASE + "/appraisal/indicators/" + otherIndicator, Map.of("measure", "BOOLEAN", "value", true),
                MEMBER, 403, "NOT_ASSIGNED", "actor");
        refused(HttpMethod.POST, BASE + "/appraisal/conclusion", Map.of("document", Map.of("number", "8/BC-UBND")),
                MEMBER, 403, "COUNCIL_LEAD_ONLY", "actor");
        ok(post(BASE + "/appraisal/conclusion", Map.of("document", Map.of("number", "8/BC-UBND")), LEAD));

        // the council's table is written by the same processor as the card: once the card shows the conclusion, it is there
        String id = eventually(() -> get(BASE), c -> c.path("stage").asText().startsWith("APPRAISED")).path("assessmentId").asText();
        JsonNode council = get("/api/appraisal/council?assessmentId=" + id, LEAD);
        assertThat(council.path("lead").asText()).isEqualTo(LEAD.subject());
        assertThat(council.at("/members/0/pillars/0").asText()).isEqualTo(ownPillar);
        assertThat(read("/api/appraisal/council?assessmentId=" + id, As.commune(CAM_LIEN)).getStatusCode().value()).isEqualTo(403);
        assertThat(read("/api/appraisal/council?assessmentId=" + id, As.district("386")).getStatusCode().value()).isEqualTo(403);
        assertThat(get(BASE).toString()).contains("Giao hội đồng thẩm định, chủ trì truong-phong-390");
    }
}
