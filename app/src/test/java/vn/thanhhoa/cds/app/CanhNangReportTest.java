package vn.thanhhoa.cds.app;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed 003: Thị trấn Cành Nàng's 2022 report (255/BC-UBND) fed through the HTTP API under the 2022 framework. The
 * card computes 27 of 30 met and 3 in progress; nobody types the totals — and the economy pillar shows the five
 * indicators met that the report lists, not the 4/6 it hand-tallied.
 */
class CanhNangReportTest extends PlatformTest {

    @Test
    void theCommuneCardComputes27Of30MetAnd3InProgress() throws Exception {
        DemoData.SeedReport seed = DemoData.SeedReport.read(json, "demo/canh-nang-2022.json");
        As officer = As.commune(seed.communeCode());
        String base = "/api/communes/" + seed.communeCode() + "/assessments";

        ResponseEntity<String> registered = post(base, Map.of("year", seed.year(), "frameworkId", seed.frameworkId()), officer);
        assertThat(registered.getStatusCode().value()).as(registered.getBody()).isEqualTo(201);
        seed.values().forEach((indicator, value) -> {
            ResponseEntity<String> reported = put(base + "/" + seed.year() + "/indicators/" + indicator, value, officer);
            assertThat(reported.getStatusCode().value()).as(indicator + " " + reported.getBody()).isEqualTo(204);
        });
        ResponseEntity<String> submitted = post(base + "/" + seed.year() + "/submission",
                Map.of("reportNumber", "255/BC-UBND", "reportDate", "2022-12-16"), officer);
        assertThat(submitted.getStatusCode().value()).as(submitted.getBody()).isEqualTo(204);

        JsonNode card = eventually(() -> get(base + "/" + seed.year()), c -> "SUBMITTED".equals(c.path("stage").asText()));
        assertThat(card.at("/commune/name").asText()).isEqualTo("Thị trấn Cành Nàng");
        assertThat(card.at("/district/name").asText()).isEqualTo("Huyện Bá Thước");
        assertThat(card.at("/selfScore/total").asInt()).isEqualTo(30);
        assertThat(card.at("/selfScore/met").asInt()).isEqualTo(27);
        assertThat(card.at("/selfScore/inProgress").asInt()).isEqualTo(3);
        assertThat(card.at("/selfScore/notMet").asInt()).isZero();
        assertThat(card.at("/reportNumber").asText()).isEqualTo("255/BC-UBND");
        JsonNode economy = card.at("/pillars/1");
        assertThat(economy.path("name").asText()).isEqualTo("Kinh tế số");
        assertThat(economy.path("met").asInt()).isEqualTo(5);
        assertThat(economy.path("inProgress").asInt()).isEqualTo(1);
        JsonNode accounts = economy.isMissingNode() ? null : card.at("/pillars/2/lines/1");
        assertThat(accounts.path("code").asText()).isEqualTo("3.2");
        assertThat(accounts.at("/value/display").asText()).isEqualTo("4.850/7.690 (63,1%)");
        assertThat(accounts.path("statusVi").asText()).isEqualTo("Đạt");
        assertThat(card.at("/timeline").size()).isEqualTo(32);
    }
}
