package vn.thanhhoa.cds.app;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.thanhhoa.cds.command.map.CommandLookupsRebuild;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command side's lookups follow the map's dates, and can be rebuilt from the event store to exactly what was built
 * as events were appended. Communes of the former Huyện Quảng Xương.
 */
class CommandLookupsTest extends PlatformTest {
    private static final String MOVED = "16438";

    @Autowired
    CommandLookupsRebuild lookups;

    /** A move recorded now for 01/01/2024 changes who appraises from 2024, not the year before. */
    @Test
    void aMoveTakesEffectOnItsDateNotWhenItIsRecorded() {
        assertThat(post("/api/map/reorganisations", Map.of("id", "NQ-CHUYEN-2024", "effectiveDate", "2024-01-01",
                "basis", "Nghị quyết thử", "moves", List.of(Map.of("code", MOVED, "newParentCode", "405"))), As.province())
                .getStatusCode().is2xxSuccessful()).isTrue();
        for (int year : new int[]{2023, 2024}) {
            assertThat(post("/api/communes/" + MOVED + "/assessments", Map.of("year", year, "frameworkId", "TH-XA-1829-2023"),
                    As.commune(MOVED)).getStatusCode().value()).isEqualTo(201);
        }
        assertThat(appraiser(2023)).isEqualTo("406@2020-01-01");
        assertThat(appraiser(2024)).isEqualTo("405@2020-01-01");
        // and the read side draws the same map: Huyện Quảng Xương's commune in 2023, Huyện Đông Sơn's in 2024
        eventually(() -> get("/api/map?date=2024-06-01").path("units").toString(),
                units -> units.contains("\"unitId\":\"" + MOVED + "@2020-01-01\"") && units.contains("\"parentUnitId\":\"405@2020-01-01\""));
        assertThat(unitOn("2023-06-01").path("parentUnitId").asText()).isEqualTo("406@2020-01-01");
        assertThat(unitOn("2024-06-01").path("parentUnitId").asText()).isEqualTo("405@2020-01-01");
    }

    @Test
    void rebuiltFromTheEventStoreTheLookupsAreWhatTheEventsBuiltOneByOne() {
        Map<String, List<String>> built = snapshot();
        assertThat(built.get("cmd_unit")).hasSizeGreaterThanOrEqualTo(587 + 166);

        long applied = lookups.rebuild();

        assertThat(applied).isEqualTo(events());
        assertThat(snapshot()).isEqualTo(built);
    }

    private com.fasterxml.jackson.databind.JsonNode unitOn(String date) {
        for (com.fasterxml.jackson.databind.JsonNode unit : get("/api/map?date=" + date).path("units")) {
            if (unit.path("unitId").asText().equals(MOVED + "@2020-01-01")) {
                return unit;
            }
        }
        throw new AssertionError("no " + MOVED + " on " + date);
    }

    private String appraiser(int year) {
        return eventually(() -> jdbc.sql("select appraiser_id from q_assessment where commune_code = :code and year = :year")
                .param("code", MOVED).param("year", year).query(String.class).optional().orElse(""), a -> !a.isEmpty());
    }

    private Map<String, List<String>> snapshot() {
        Map<String, List<String>> tables = new TreeMap<>();
        for (String table : List.of("cmd_unit", "cmd_unit_parent", "cmd_lineage", "cmd_appraiser", "cmd_framework", "cmd_assessment")) {
            tables.put(table, jdbc.sql("select * from " + table).query().listOfRows().stream()
                    .map(row -> new TreeMap<>(row).toString()).sorted().toList());
        }
        return tables;
    }
}
