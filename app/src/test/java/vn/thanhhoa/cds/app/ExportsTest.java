package vn.thanhhoa.cds.app;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboards as Excel files and the recognised list as open data (issue 29), on PostgreSQL: the files open in
 * Apache POI with the figures as numeric cells equal to the dashboard's, the decisions with their dates; the CSV starts
 * with a byte-order mark and neutralises a decision number that a spreadsheet would run as a formula; each file is read
 * under the dashboard's rules.
 */
class ExportsTest extends PlatformTest {
    private static final String CAM_TAN = "15871"; // Xã Hoằng Giang, Huyện Hoằng Hóa (399), recognised for 2024 by a hostile-looking number
    private static final String FORMULA = "=HYPERLINK(\"http://x\",\"QĐ\")";

    @Test
    void theProvinceDashboardAsExcelHasTheDashboardsNumbersAndTheRecognisedList() throws Exception {
        recognisedWithAFormulaLikeDecision();
        JsonNode dashboard = get("/api/province/dashboard?year=2024");
        ResponseEntity<byte[]> file = download("/api/province/dashboard.xlsx?year=2024", As.province());
        assertThat(file.getStatusCode().value()).isEqualTo(200);
        assertThat(file.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION)).startsWith("attachment");
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(file.getBody()))) {
            Sheet sheet = workbook.getSheetAt(0);
            assertThat(sheet.getRow(1).getCell(1).getCellType()).as("computed at: a date").isEqualTo(CellType.NUMERIC);
            Row recognised = sheet.getRow(3);
            assertThat(recognised.getCell(1).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat((int) recognised.getCell(1).getNumericCellValue()).isEqualTo(dashboard.path("recognised").asInt());
            assertThat((int) sheet.getRow(4).getCell(1).getNumericCellValue()).isEqualTo(dashboard.path("target").asInt());
            int headerRow = 12;
            for (int i = 0; i < dashboard.path("districtRows").size(); i++) {
                JsonNode district = dashboard.path("districtRows").get(i);
                Row row = sheet.getRow(headerRow + 1 + i);
                assertThat(row.getCell(1).getStringCellValue()).isEqualTo(district.path("code").asText());
                assertThat(row.getCell(6).getCellType()).isEqualTo(CellType.NUMERIC);
                assertThat((int) row.getCell(6).getNumericCellValue()).isEqualTo(district.path("recognised").asInt());
                assertThat((int) row.getCell(7).getNumericCellValue()).isEqualTo(district.path("target").asInt());
            }
            Sheet list = workbook.getSheet("Xã được công nhận");
            boolean found = false;
            for (Row row : list) {
                if (row.getRowNum() > 2 && CAM_TAN.equals(row.getCell(0).getStringCellValue())) {
                    found = true;
                    assertThat(row.getCell(4).getStringCellValue()).as("an xlsx text cell is never run").isEqualTo(FORMULA);
                    assertThat(row.getCell(5).getCellType()).as("the decision's date, a date").isEqualTo(CellType.NUMERIC);
                    assertThat(row.getCell(6).getCellType()).as("points, a number").isEqualTo(CellType.NUMERIC);
                }
            }
            assertThat(found).isTrue();
        }
        assertThat(download("/api/province/dashboard.xlsx?year=2024", new As("bcd", "STEERING", "38")).getStatusCode().value())
                .isEqualTo(200);
        assertThat(download("/api/province/dashboard.xlsx?year=2024", As.commune(CAM_TAN)).getStatusCode().value()).isEqualTo(403);
        assertThat(download("/api/province/dashboard.xlsx?year=1999", As.province()).getStatusCode().value()).isEqualTo(422);
    }

    @Test
    void aDistrictsDashboardAsExcelIsItsOwn() throws Exception {
        JsonNode dashboard = get("/api/districts/392/dashboard?year=2023", As.district("392"));
        ResponseEntity<byte[]> file = download("/api/districts/392/dashboard.xlsx?year=2023", As.district("392"));
        assertThat(file.getStatusCode().value()).isEqualTo(200);
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(file.getBody()))) {
            Sheet sheet = workbook.getSheetAt(0);
            assertThat((int) sheet.getRow(3).getCell(1).getNumericCellValue()).isEqualTo(dashboard.path("recognised").asInt());
            assertThat(sheet.getLastRowNum()).isEqualTo(6 + dashboard.path("communeRows").size());
        }
        assertThat(download("/api/districts/392/dashboard.xlsx?year=2023", As.district("386")).getStatusCode().value()).isEqualTo(403);
    }

    @Test
    void theRecognisedListAsOpenDataNeutralisesFormulas() throws Exception {
        recognisedWithAFormulaLikeDecision();
        ResponseEntity<byte[]> csv = download("/api/open-data/recognised?year=2024&format=csv", As.commune(CAM_TAN));
        assertThat(csv.getStatusCode().value()).isEqualTo(200);
        String text = new String(csv.getBody(), StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFF\"Mã xã (GSO)\"");
        assertThat(text).contains("\"" + CAM_TAN + "\"").contains("\"'=HYPERLINK(\"\"http://x\"\",\"\"QĐ\"\")\"");
        JsonNode json = get("/api/open-data/recognised?year=2024", As.commune(CAM_TAN));
        assertThat(json.findValuesAsText("code")).contains(CAM_TAN);
        assertThat(read("/api/open-data/recognised?year=2024&format=xml", As.province()).getStatusCode().value()).isEqualTo(422);
        // every registered commune's scores, the same figures as the card's
        JsonNode scores = get("/api/open-data/scores?year=2024", As.commune(CAM_TAN));
        JsonNode card = get("/api/communes/" + CAM_TAN + "/assessments/2024");
        for (JsonNode row : scores) {
            if (row.path("code").asText().equals(CAM_TAN)) {
                assertThat(row.path("stage").asText()).isEqualTo("RECOGNISED");
                assertThat(row.path("selfPoints").decimalValue()).isEqualByComparingTo(card.at("/selfScore/points").decimalValue());
            }
        }
        String scoresCsv = new String(download("/api/open-data/scores?year=2024&format=csv", As.commune(CAM_TAN)).getBody(),
                StandardCharsets.UTF_8);
        assertThat(scoresCsv).startsWith("\uFEFF").contains("\"" + CAM_TAN + "\"").contains("Đã công nhận");
    }

    @Test
    void theSelfAssessmentTemplateHasTheFrameworksLayoutTheValuesAndTheirChecks() throws Exception {
        recognisedWithAFormulaLikeDecision();
        ResponseEntity<byte[]> file = download("/api/communes/" + CAM_TAN + "/assessments/2024/template.xlsx", As.commune(CAM_TAN));
        assertThat(file.getStatusCode().value()).isEqualTo(200);
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(file.getBody()))) {
            Sheet meta = workbook.getSheet("_mau");
            assertThat(workbook.getSheetVisibility(workbook.getSheetIndex(meta)).name()).isEqualTo("VERY_HIDDEN");
            assertThat(meta.getRow(4).getCell(1).getStringCellValue()).isEqualTo("TH-XA-1829-2023");
            assertThat(meta.getRow(2).getCell(1).getStringCellValue()).isEqualTo(CAM_TAN);
            Sheet sheet = workbook.getSheet("Tự đánh giá");
            int indicators = 0;
            for (Row row : sheet) {
                if (row.getRowNum() >= 4 && row.getCell(1) != null && !row.getCell(1).getStringCellValue().isEmpty()) {
                    indicators++;
                    if (row.getCell(1).getStringCellValue().equals("1.1")) {
                        assertThat(row.getCell(4).getNumericCellValue()).as("the value as it stands").isEqualTo(10);
                        assertThat(row.getCell(5).getNumericCellValue()).isEqualTo(10);
                    }
                }
            }
            JsonNode framework = read(jdbc.sql("select definition from q_framework where framework_id = 'TH-XA-1829-2023'")
                    .query(String.class).single());
            assertThat(indicators).isEqualTo(everyIndicator(framework, 1, 1).size());
            assertThat(sheet.getDataValidations()).as("Excel checks the inputs as typed").hasSizeGreaterThanOrEqualTo(indicators);
        }
        assertThat(download("/api/communes/" + CAM_TAN + "/assessments/2024/template.xlsx", As.commune("15865"))
                .getStatusCode().value()).isEqualTo(403);
    }

    private synchronized void recognisedWithAFormulaLikeDecision() {
        if (jdbc.sql("select count(*) from q_assessment where commune_code = :c and year = 2024 and stage = 'RECOGNISED'")
                .param("c", CAM_TAN).query(Long.class).single() > 0) {
            return;
        }
        String base = "/api/communes/" + CAM_TAN + "/assessments";
        ok(post(base, Map.of("year", 2024, "frameworkId", "TH-XA-1829-2023"), As.commune(CAM_TAN)));
        JsonNode framework = read(jdbc.sql("select definition from q_framework where framework_id = 'TH-XA-1829-2023'")
                .query(String.class).single());
        everyIndicator(framework, 10, 10).forEach((code, value) -> ok(put(base + "/2024/indicators/" + code, value, As.commune(CAM_TAN))));
        ok(post(base + "/2024/submission", Map.of("reportNumber", "2/BC-UBND"), As.commune(CAM_TAN)));
        ok(post(base + "/2024/appraisal", null, As.district("399")));
        ok(post(base + "/2024/appraisal/conclusion", Map.of("document", Map.of("number", "3/BC-UBND")), As.district("399")));
        reviewAndPropose(CAM_TAN, 2024);
        ok(post(base + "/2024/recognition", Map.of("document", Map.of("number", FORMULA, "date", "2024-12-15")), As.province()));
        eventually(() -> get(base + "/2024"), c -> "RECOGNISED".equals(c.path("stage").asText()));
    }

    private static void ok(ResponseEntity<String> response) {
        assertThat(response.getStatusCode().is2xxSuccessful()).as(response.getBody()).isTrue();
    }
}
