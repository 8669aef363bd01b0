package vn.thanhhoa.cds.app;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Both maps loaded from the reference data: 27 districts and 559 communes until 30/06/2025, 166 communes and no
 * districts since 01/07/2025 — and the history that carries across them.
 */
class MapOverTimeTest extends PlatformTest {

    private static JsonNode row(JsonNode rows, String code) {
        for (JsonNode row : rows) {
            if (code.equals(row.path("code").asText())) {
                return row;
            }
        }
        throw new AssertionError("no row " + code);
    }

    @Test
    void the2023DashboardIsOnTheOldMapAnd2026OnTheNewGroupedByFormerDistrict() {
        JsonNode y2023 = get("/api/province/dashboard?year=2023");
        assertThat(y2023.path("districts").asInt()).isEqualTo(27);
        assertThat(y2023.path("communes").asInt()).isEqualTo(559);
        assertThat(y2023.path("groupedByFormerDistrict").asBoolean()).isFalse();

        JsonNode y2026 = get("/api/province/dashboard?year=2026");
        assertThat(y2026.path("districts").asInt()).isZero();
        assertThat(y2026.path("communes").asInt()).isEqualTo(166);
        assertThat(y2026.path("groupedByFormerDistrict").asBoolean()).isTrue();
        int grouped = 0;
        for (JsonNode group : y2026.path("districtRows")) {
            assertThat(group.path("former").asBoolean()).isTrue();
            assertThat(group.path("label").asText()).startsWith("Huyện cũ: ");
            grouped += group.path("communes").asInt();
        }
        assertThat(grouped).isEqualTo(166);
        JsonNode haTrung = row(y2026.path("districtRows"), "392");
        assertThat(haTrung.path("label").asText()).isEqualTo("Huyện cũ: Huyện Hà Trung (former district)");

        JsonNode map = get("/api/map?date=2025-06-30");
        assertThat(map.path("districts").asInt()).isEqualTo(27);
        assertThat(map.path("communes").asInt()).isEqualTo(559);
        assertThat(get("/api/map?date=2025-07-01").path("communes").asInt()).isEqualTo(166);
    }

    @Test
    void code14923IsCanhNangIn2023AndBaThuocIn2026AndTheirAssessmentsNeverMix() {
        JsonNode meanings = get("/api/codes/14923");
        assertThat(meanings.size()).isEqualTo(2);
        assertThat(meanings.get(0).path("name").asText()).isEqualTo("Thị trấn Cành Nàng");
        assertThat(meanings.get(0).path("effectiveTo").asText()).isEqualTo("30/06/2025");
        assertThat(meanings.get(1).path("name").asText()).isEqualTo("Xã Bá Thước");
        assertThat(meanings.get(1).path("effectiveFrom").asText()).isEqualTo("01/07/2025");

        String base = "/api/communes/14923/assessments";
        // today's 14923 (Xã Bá Thước) answers for Cành Nàng's 2023 records because it absorbed Cành Nàng whole (Succession)
        assertThat(post(base, Map.of("year", 2023, "frameworkId", "TH-XA-1829-2023"), As.commune("14923")).getStatusCode().value()).isEqualTo(201);
        assertThat(put("/api/reporting-years/2026/framework", Map.of("frameworkId", "TH-XA-1829-2023",
                "decision", Map.of("number", "1/QĐ-UBND")), As.province()).getStatusCode().value()).isEqualTo(204);
        assertThat(post(base, Map.of("year", 2026, "frameworkId", "TH-XA-1829-2023"), As.commune("14923")).getStatusCode().value()).isEqualTo(201);
        assertThat(put(base + "/2026/indicators/1.1", Map.of("measure", "RATIO", "numerator", 40, "denominator", 40), As.commune("14923"))
                .getStatusCode().value()).isEqualTo(204);

        JsonNode canhNang = eventually(() -> get(base + "/2023"), c -> c.has("assessmentId"));
        JsonNode baThuoc = eventually(() -> get(base + "/2026"), c -> c.at("/selfScore/met").asInt() == 1);
        assertThat(canhNang.at("/commune/name").asText()).isEqualTo("Thị trấn Cành Nàng");
        assertThat(canhNang.at("/district/name").asText()).isEqualTo("Huyện Bá Thước");
        assertThat(canhNang.at("/selfScore/met").asInt()).isZero();
        assertThat(baThuoc.at("/commune/name").asText()).isEqualTo("Xã Bá Thước");
        assertThat(baThuoc.at("/commune/unitId").asText()).isEqualTo("14923@2025-07-01");
        assertThat(baThuoc.at("/district/unitId").asText()).as("appraised by the designated provincial body")
                .isEqualTo("38-SKHCN@2025-07-01");
        assertThat(baThuoc.path("assessmentId").asText()).isNotEqualTo(canhNang.path("assessmentId").asText());
        // Xã Bá Thước has no 2023 assessment of its own: the code asked for 2023 names Cành Nàng
        ResponseEntity<String> none = read(base + "/2023?asOf=2026-01-01", As.province());
        assertThat(none.getStatusCode().value()).isEqualTo(404);
        assertThat(read(none.getBody()).path("code").asText()).isEqualTo("ASSESSMENT_NOT_FOUND");

        // after the reform the former district no longer appraises; the designated body does
        assertThat(post(base + "/2026/submission", Map.of("reportNumber", "5/BC-UBND"), As.commune("14923")).getStatusCode().value()).isEqualTo(204);
        assertThat(post(base + "/2026/appraisal", null, As.district("386")).getStatusCode().value()).isEqualTo(403);
        assertThat(post(base + "/2026/appraisal", null, new As("tham-dinh-skhcn", "PROVINCE", "38-SKHCN")).getStatusCode().value()).isEqualTo(204);
    }

    @Test
    void thiTranHaTrungSplitInTwoAppearsUnderBothSuccessorsWithItsShare() {
        JsonNode lineage = get("/api/units/15271@2020-01-01/lineage");
        List<String> successors = new ArrayList<>();
        lineage.path("successors").forEach(s -> successors.add(s.path("name").asText() + ":" + s.path("share").asText()));
        assertThat(successors).containsExactlyInAnyOrder("Xã Hà Trung:PARTIAL", "Xã Hoạt Giang:REMAINDER");
        assertThat(lineage.path("successors").get(0).path("basis").asText()).contains("1686/NQ-UBTVQH15");

        JsonNode restated = get("/api/province/dashboard?year=2023&view=restated").path("restated");
        assertThat(restated.path("communes").asInt()).isEqualTo(166);
        for (String successor : List.of("15271", "15286")) {
            JsonNode row = row(restated.path("rows"), successor);
            assertThat(row.path("formerDistrictName").asText()).isEqualTo("Huyện Hà Trung");
            boolean listed = false;
            for (JsonNode p : row.path("predecessorResults")) {
                if ("15271".equals(p.path("code").asText())) {
                    listed = true;
                    assertThat(p.path("name").asText()).isEqualTo("Thị trấn Hà Trung");
                    assertThat(p.path("share").asText()).isEqualTo(successor.equals("15271") ? "PARTIAL" : "REMAINDER");
                }
            }
            assertThat(listed).as(successor + " lists Thị trấn Hà Trung").isTrue();
            assertThat(row.path("label").asText()).matches("\\d+/\\d+ xã tiền thân được công nhận");
        }
    }

    @Test
    void anAssessmentOpenOn30June2025StaysWithItsOldUnitUntilATransferMovesIt() {
        // Xã Điền Thượng (14926) registered for 2025 before the reform; merged into Xã Điền Quang (14932)
        String old = "/api/communes/14926/assessments";
        As officer = As.commune("14926");
        assertThat(post(old, Map.of("year", 2025, "frameworkId", "TH-XA-1829-2023", "asOf", "2025-03-01"), officer)
                .getStatusCode().value()).isEqualTo(201);
        assertThat(put(old + "/2025/indicators/1.1?asOf=2025-06-30", Map.of("measure", "RATIO", "numerator", 20, "denominator", 20), officer)
                .getStatusCode().value()).isEqualTo(204);

        JsonNode before = eventually(() -> get(old + "/2025?asOf=2025-06-30"), c -> c.at("/selfScore/met").asInt() == 1);
        assertThat(before.at("/commune/name").asText()).isEqualTo("Xã Điền Thượng");
        assertThat(before.at("/district/name").asText()).isEqualTo("Huyện Bá Thước");
        String successor = "/api/communes/14932/assessments/2025";
        assertThat(read(successor, As.province()).getStatusCode().value()).as("not carried silently").isEqualTo(404);

        // the dashboard of the former district, kept until what it shows changes (DashboardCache, ReadModelVersion)
        String board = "/api/districts/386/dashboard?year=2025";
        assertThat(row(get(board).path("communeRows"), "14932").path("stage").asText()).isEqualTo("NOT_REGISTERED");

        // only the province moves it, and only to a successor
        Map<String, Object> transfer = Map.of("toCommuneCode", "14932", "decision", Map.of("number", "2001/QĐ-UBND", "date", "2025-07-15"));
        assertThat(post(old + "/2025/transfer?asOf=2025-06-30", transfer, officer).getStatusCode().value()).isEqualTo(403);
        ResponseEntity<String> notSuccessor = post(old + "/2025/transfer?asOf=2025-06-30",
                Map.of("toCommuneCode", "15271", "decision", Map.of("number", "2001/QĐ-UBND")), As.province());
        assertThat(notSuccessor.getStatusCode().value()).isEqualTo(422);
        assertThat(read(notSuccessor.getBody()).path("code").asText()).isEqualTo("NOT_A_SUCCESSOR");
        ResponseEntity<String> moved = post(old + "/2025/transfer?asOf=2025-06-30", transfer, As.province());
        assertThat(moved.getStatusCode().value()).as(moved.getBody()).isEqualTo(204);

        ResponseEntity<String> after = eventually(() -> read(successor, As.province()),
                r -> r.getStatusCode().is2xxSuccessful());
        JsonNode card = read(after.getBody());
        assertThat(card.at("/commune/name").asText()).isEqualTo("Xã Điền Quang");
        assertThat(card.at("/selfScore/met").asInt()).as("the reported values come along").isEqualTo(1);
        assertThat(card.at("/district/unitId").asText()).isEqualTo("38-SKHCN@2025-07-01");
        boolean recorded = false;
        for (JsonNode entry : card.path("timeline")) {
            recorded |= "AssessmentTransferred".equals(entry.path("event").asText());
        }
        assertThat(recorded).isTrue();
        eventually(() -> row(get(board).path("communeRows"), "14932"), row -> row.path("selfMet").asInt() == 1);
        assertThat(put(successor + "/indicators/1.2", Map.of("measure", "RATIO", "numerator", 1, "denominator", 1),
                As.commune("14932")).getStatusCode().value()).isEqualTo(204);
        // the board kept after the transfer follows the assessment in its new commune
        eventually(() -> row(get(board).path("communeRows"), "14932"), row -> row.path("selfMet").asInt() == 2);
    }

    @Test
    void theProvinceRecordsAFutureMergerAsAReorganisation() {
        // a hypothetical merger on 01/01/2027 of Xã Hà Trung and Xã Hoạt Giang into a new Xã Hà Trung
        Map<String, Object> merger = Map.of("id", "TEST-2027-HA-TRUNG", "effectiveDate", "2027-01-01",
                "basis", "Nghị quyết thử nghiệm", "newUnits", List.of(Map.of("code", "15271", "name", "Xã Hà Trung", "kind", "xa")),
                "merges", List.of(Map.of("successorCode", "15271", "predecessors",
                        List.of(Map.of("code", "15271", "share", "FULL"), Map.of("code", "15286", "share", "FULL")))));
        assertThat(post("/api/map/reorganisations", merger, As.commune("15271")).getStatusCode().value()).isEqualTo(403);
        long before = events();
        Map<String, Object> wrong = new java.util.HashMap<>(merger);
        wrong.put("merges", List.of(Map.of("successorCode", "15271", "predecessors", List.of(Map.of("code", "99999", "share", "FULL")))));
        assertThat(post("/api/map/reorganisations", wrong, As.province()).getStatusCode().value()).isEqualTo(404);
        assertThat(events()).isEqualTo(before);

        ResponseEntity<String> recorded = post("/api/map/reorganisations", merger, As.province());
        assertThat(recorded.getStatusCode().value()).as(recorded.getBody()).isEqualTo(201);
        long after = events();
        assertThat(post("/api/map/reorganisations", merger, As.province()).getStatusCode().value()).isEqualTo(200);
        assertThat(events()).as("recorded once").isEqualTo(after);

        eventually(() -> get("/api/map?date=2027-01-01"), m -> m.path("communes").asInt() == 165);
        assertThat(get("/api/map?date=2026-12-31").path("communes").asInt()).isEqualTo(166);
        assertThat(get("/api/codes/15271").size()).isEqualTo(3);
    }
}
