package vn.thanhhoa.cds.app;

import com.fasterxml.jackson.databind.JsonNode;
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

/** An auditor reads a commune's year event by event — who, when, before → after, the document — and exports it. */
class AuditHistoryTest extends PlatformTest {
    private static final String BASE = "/api/communes/15361/assessments"; // Xã Vĩnh Long, Huyện Vĩnh Lộc
    private static final As VINH_LONG = As.commune("15361");
    private static final As AUDITOR = new As("kiem-toan-nha-nuoc", "AUDITOR", "38");
    private static final String HISTORY = "/api/audit/events?commune=15361&year=2024";

    @Test
    void aCommunesYearEventByEventWithWhatChangedAndItsExports() throws Exception {
        assertThat(post(BASE, Map.of("year", 2024, "frameworkId", "TH-XA-1829-2023"), VINH_LONG).getStatusCode().value()).isEqualTo(201);
        assertThat(put(BASE + "/2024/indicators/1.1", Map.of("measure", "RATIO", "numerator", 2, "denominator", 31), VINH_LONG)
                .getStatusCode().value()).isEqualTo(204);
        assertThat(put(BASE + "/2024/indicators/1.1", Map.of("measure", "RATIO", "numerator", 5, "denominator", 31), VINH_LONG)
                .getStatusCode().value()).isEqualTo(204);
        assertThat(post(BASE + "/2024/submission", Map.of("reportNumber", "52/BC-UBND"), VINH_LONG).getStatusCode().value()).isEqualTo(204);

        // the scores come from the dashboards' projection, a processor of its own: the history waits for it
        JsonNode page = eventually(() -> get(HISTORY, AUDITOR), p -> p.path("total").asInt() == 4
                && p.path("entries").get(3).path("selfPointsAfter").isNumber());
        JsonNode entries = page.path("entries");
        // each event's scores before and after it: a value changes them, a submission does not
        JsonNode card = get(BASE + "/2024", VINH_LONG);
        assertThat(entries.get(0).path("selfPointsBefore").isNull()).isTrue();
        assertThat(entries.get(1).path("selfPointsBefore").decimalValue()).isEqualByComparingTo(entries.get(0).path("selfPointsAfter").decimalValue());
        assertThat(entries.get(2).path("selfPointsBefore").decimalValue()).isEqualByComparingTo(entries.get(1).path("selfPointsAfter").decimalValue());
        assertThat(entries.get(2).path("selfPointsAfter").decimalValue()).isGreaterThan(entries.get(1).path("selfPointsAfter").decimalValue());
        assertThat(entries.get(3).path("selfPointsBefore").decimalValue()).isEqualByComparingTo(entries.get(3).path("selfPointsAfter").decimalValue());
        assertThat(entries.get(3).path("selfPointsAfter").decimalValue()).isEqualByComparingTo(card.at("/selfScore/points").decimalValue());
        assertThat(entries.get(3).path("appraisedPointsAfter").isNull()).isTrue();
        assertThat(entries.get(2).path("selfMetBefore").asInt()).isEqualTo(entries.get(1).path("selfMetAfter").asInt());
        assertThat(entries.get(3).path("selfMetAfter").asInt()).isEqualTo(card.at("/selfScore/met").asInt());
        assertThat(entries.get(0).path("event").asText()).isEqualTo("AssessmentRegistered");
        assertThat(entries.get(0).path("subject").asText()).isEqualTo("can-bo-15361");
        assertThat(entries.get(0).path("role").asText()).isEqualTo("COMMUNE");
        assertThat(entries.get(0).path("unit").asText()).isEqualTo("15361");
        assertThat(entries.get(1).path("before").isNull()).isTrue();
        assertThat(entries.get(1).path("after").asText()).isEqualTo("2/31");
        assertThat(entries.get(2).path("indicatorCode").asText()).isEqualTo("1.1");
        assertThat(entries.get(2).path("before").asText()).isEqualTo("2/31");
        assertThat(entries.get(2).path("after").asText()).isEqualTo("5/31");
        assertThat(entries.get(3).path("document").asText()).isEqualTo("52/BC-UBND");
        assertThat(entries.get(0).path("globalIndex").asLong()).isLessThan(entries.get(3).path("globalIndex").asLong());

        assertThat(get("/api/audit/events?subject=can-bo-15361&type=IndicatorValueReported", AUDITOR).path("total").asInt()).isEqualTo(2);
        assertThat(get(HISTORY + "&page=1&size=3", AUDITOR).path("entries").size()).isEqualTo(1);

        ResponseEntity<byte[]> csv = download(HISTORY + "&format=csv");
        assertThat(csv.getHeaders().getContentType().toString()).startsWith("text/csv");
        String text = new String(csv.getBody(), StandardCharsets.UTF_8);
        assertThat(text.lines().count()).isEqualTo(5);
        assertThat(text).contains("\"Người / subject\"").contains("\"2/31\",\"5/31\"").contains("\"52/BC-UBND\"");
        assertThat(text).contains("\"" + card.at("/selfScore/pointsDisplay").asText() + "\"");

        ResponseEntity<byte[]> xlsx = download(HISTORY + "&format=xlsx");
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.getBody()))) {
            Sheet sheet = workbook.getSheetAt(0);
            assertThat(sheet.getLastRowNum()).isEqualTo(4);
            assertThat(sheet.getRow(3).getCell(9).getStringCellValue()).isEqualTo("5/31");
        }

        assertThat(read(HISTORY, VINH_LONG).getStatusCode().value()).isEqualTo(403);
        for (String bad : List.of(HISTORY + "&size=501", HISTORY + "&format=pdf", HISTORY + "&from=99999-01-01",
                "/api/audit/events?year=99999", "/api/audit/events?unit=%E2%80%AE38", "/api/audit/events?page=-1")) {
            var refused = read(bad, AUDITOR);
            assertThat(refused.getStatusCode().value()).as(bad + " " + refused.getBody()).isIn(400, 422);
            assertThat(refused.getHeaders().getContentType().toString()).contains("problem+json");
        }
    }

    /** An export is written page by page as it is read: every row of a history longer than a page is in it, once. */
    @Test
    void anExportLongerThanAPageHoldsEveryRowOnce() throws Exception {
        long rows = jdbc.sql("select count(*) from q_audit").query(Long.class).single();
        assertThat(rows).as("a history longer than a page (cds.audit.export-page, PlatformTest)").isGreaterThan(50L);
        String text = new String(download("/api/audit/events?format=csv").getBody(), StandardCharsets.UTF_8);
        java.util.List<Long> indices = java.util.regex.Pattern.compile("(?m)^\uFEFF?\"(\\d+)\",").matcher(text).results()
                .map(m -> Long.parseLong(m.group(1))).toList();
        assertThat(indices).hasSizeGreaterThanOrEqualTo((int) rows).doesNotHaveDuplicates().isSorted();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(download("/api/audit/events?format=xlsx").getBody()))) {
            assertThat(workbook.getSheetAt(0).getLastRowNum()).isGreaterThanOrEqualTo((int) rows);
        }
    }

    private ResponseEntity<byte[]> download(String path) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(TOKENS.token(AUDITOR.subject(), List.of(AUDITOR.role()), AUDITOR.unit()));
        ResponseEntity<byte[]> response = http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), byte[].class);
        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(response.getHeaders().getContentDisposition().getFilename()).startsWith("lich-su.");
        return response;
    }
}
