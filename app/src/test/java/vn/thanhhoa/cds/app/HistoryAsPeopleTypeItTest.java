package vn.thanhhoa.cds.app;

import org.junit.jupiter.api.Test;

import java.text.Normalizer;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auditors' history as people type into it and read it out: a name typed decomposed (NFD) finds what was
 * recorded composed (NFC), and the CSV export never hands a spreadsheet a formula — not behind spaces, not in
 * full-width characters. Xã Lĩnh Toại (15298, today's map) in a year of the test's own.
 */
class HistoryAsPeopleTypeItTest extends PlatformTest {
    private static final int YEAR = 2035;
    private static final String COMMUNE = "15298";
    private static final String BASE = "/api/communes/" + COMMUNE + "/assessments";
    private static final As OFFICER = new As(Normalizer.normalize("Nguyễn Thị Hà", Normalizer.Form.NFC), "COMMUNE", COMMUNE);
    private static final As AUDITOR = new As("thanh-tra", "AUDITOR", "38");

    @Test
    void aNameTypedDecomposedFindsItAndNoCellOfTheExportIsAFormula() {
        assertThat(put("/api/reporting-years/" + YEAR + "/framework", Map.of("frameworkId", "TH-XA-1829-2023",
                "decision", Map.of("number", "35/QĐ-UBND")), As.province()).getStatusCode().value()).isEqualTo(204);
        assertThat(post(BASE, Map.of("year", YEAR), OFFICER).getStatusCode().value()).isEqualTo(201);
        String behindSpaces = " =HYPERLINK(\"http://example.invalid\",\"Xem\")";
        String fullWidth = "＝1+1";
        assertThat(post(BASE + "/" + YEAR + "/submission", Map.of("reportNumber", behindSpaces), OFFICER).getStatusCode().value()).isEqualTo(204);
        assertThat(post(BASE + "/" + YEAR + "/withdrawal", Map.of(), OFFICER).getStatusCode().value()).isEqualTo(204);
        assertThat(post(BASE + "/" + YEAR + "/submission", Map.of("reportNumber", fullWidth), OFFICER).getStatusCode().value()).isEqualTo(204);

        String decomposed = Normalizer.normalize("Nguyễn Thị Hà", Normalizer.Form.NFD);
        assertThat(decomposed).isNotEqualTo(OFFICER.subject());
        var found = eventually(() -> get("/api/audit/events?subject=" + decomposed + "&page=0&size=50", AUDITOR), h -> h.path("entries").size() == 4);
        assertThat(found.toString()).contains("AssessmentRegistered").contains("SelfAssessmentWithdrawn");

        String csv = read("/api/audit/events?commune=" + COMMUNE + "&year=" + YEAR + "&format=csv", AUDITOR).getBody();
        // (the document number is recorded trimmed; a cell behind spaces: HistoryExportsTest)
        assertThat(csv).contains("\"'=HYPERLINK(\"\"http://example.invalid\"\",\"\"Xem\"\")\"").contains("\"'＝1+1\"");
        assertThat(csv).doesNotContain(",\"=HYPERLINK").doesNotContain(",\"＝1+1\"");
    }
}
