package vn.thanhhoa.cds.app;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A commune's self-assessment through the province's Excel table (issue 29), on PostgreSQL: the template round-trips
 * (generated, filled in as an officer would, checked by a dry run that records nothing, imported as one event per
 * changed indicator, shown on the card, and the same file again changes nothing); a bad sheet's dry run lists every
 * error at its cell and its import records nothing; every bad file is refused with nothing appended.
 */
class ExcelImportTest extends PlatformTest {
    private static final String DONG_LOC = "16015"; // Xã Đồng Lộc, Huyện Hậu Lộc (400)
    private static final String DAI_LOC = "16018";  // Xã Đại Lộc, Huyện Hậu Lộc (400)
    private static final String TRIEU_LOC = "16021"; // Xã Triệu Lộc, Huyện Hậu Lộc (400)
    private static final String FRAMEWORK = "TH-XA-1829-2023";

    private static String base(String commune) {
        return "/api/communes/" + commune + "/assessments";
    }

    private synchronized void registered(String commune) {
        if (jdbc.sql("select count(*) from q_assessment where commune_code = :c and year = 2024").param("c", commune)
                .query(Long.class).single() == 0) {
            ok(post(base(commune), Map.of("year", 2024, "frameworkId", FRAMEWORK), As.commune(commune)));
            eventually(() -> download(base(commune) + "/2024/template.xlsx", As.commune(commune)).getStatusCode().value(),
                    status -> status == 200);
        }
    }

    private byte[] template(String commune) {
        ResponseEntity<byte[]> file = download(base(commune) + "/2024/template.xlsx", As.commune(commune));
        assertThat(file.getStatusCode().value()).isEqualTo(200);
        return file.getBody();
    }

    /** The template, changed as a person changes it in Excel, and saved. */
    static byte[] edited(byte[] workbook, Consumer<XSSFWorkbook> edit) {
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(workbook));
             ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            edit.accept(book);
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The row of an indicator on the template's sheet. */
    static Row row(XSSFWorkbook book, String indicator) {
        Sheet sheet = book.getSheet("Tự đánh giá");
        for (Row row : sheet) {
            if (row.getRowNum() >= 4 && row.getCell(1) != null && indicator.equals(row.getCell(1).getStringCellValue())) {
                return row;
            }
        }
        throw new AssertionError("no row for " + indicator);
    }

    static void ratio(XSSFWorkbook book, String indicator, double numerator, double denominator) {
        row(book, indicator).createCell(4).setCellValue(numerator);
        row(book, indicator).createCell(5).setCellValue(denominator);
    }

    static void text(XSSFWorkbook book, String indicator, int column, String value) {
        row(book, indicator).createCell(column).setCellValue(value);
    }

    private ResponseEntity<String> importing(String commune, byte[] file, boolean dryRun, As actor) {
        return post(base(commune) + "/2024/self-assessment-import?dryRun=" + dryRun, file, actor);
    }

    @Test
    void theTemplateRoundTripsCheckedFirstRecordedOnceShownOnTheCard() {
        registered(DONG_LOC);
        ok(put(base(DONG_LOC) + "/2024/indicators/1.1", Map.of("measure", "RATIO", "numerator", 12, "denominator", 12),
                As.commune(DONG_LOC)));
        // the template is the card as it stands: wait until the card shows 1.1 (the read side follows within a moment)
        eventually(() -> get(base(DONG_LOC) + "/2024", As.commune(DONG_LOC)),
                c -> "12".equals(line(c, "1.1").path("value").path("numerator").asText()));
        byte[] filled = edited(template(DONG_LOC), book -> {
            ratio(book, "1.2", 11, 12);
            text(book, "1.6", 6, "Có");
            text(book, "2.2", 7, "x");
            text(book, "1.2", 8, "12/KH-UBND; 30/BC-UBND");
            text(book, "1.2", 9, "01/03/2024; 15/06/2024");
        });

        long before = events();
        JsonNode dryRun = read(ok(importing(DONG_LOC, filled, true, As.commune(DONG_LOC))).getBody());
        assertThat(events()).as("a dry run records nothing").isEqualTo(before);
        assertThat(dryRun.path("errors")).isEmpty();
        assertThat(codes(dryRun.path("changes"))).containsExactly("1.2", "1.6", "2.2");
        assertThat(dryRun.path("unchanged").asInt()).as("1.1 as it stands").isEqualTo(1);
        assertThat(dryRun.path("recorded").asBoolean()).isFalse();

        JsonNode applied = read(ok(importing(DONG_LOC, filled, false, As.commune(DONG_LOC))).getBody());
        assertThat(applied.path("recorded").asBoolean()).isTrue();
        assertThat(events()).as("one event per changed indicator").isEqualTo(before + 3);
        assertThat(jdbc.sql("select count(*) from domainevententry where metaData like :from").param("from",
                "%\"importedFrom\":\"xlsx:sha256:" + applied.path("sha256").asText() + "\"%").query(Long.class).single())
                .as("each event names the file it was read from").isEqualTo(3);

        JsonNode card = eventually(() -> get(base(DONG_LOC) + "/2024", As.commune(DONG_LOC)),
                c -> "11".equals(line(c, "1.2").path("value").path("numerator").asText()));
        assertThat(line(card, "1.2").path("evidence").findValuesAsText("number")).containsExactly("12/KH-UBND", "30/BC-UBND");
        assertThat(line(card, "1.2").path("evidence").findValuesAsText("date")).containsExactly("01/03/2024", "15/06/2024");
        assertThat(line(card, "1.6").path("value").path("value").asBoolean()).isTrue();
        assertThat(line(card, "2.2").path("value").path("measure").asText()).isEqualTo("IN_PROGRESS");

        JsonNode again = read(ok(importing(DONG_LOC, filled, false, As.commune(DONG_LOC))).getBody());
        assertThat(again.path("changes")).as("the same file again").isEmpty();
        assertThat(again.path("recorded").asBoolean()).isFalse();
        assertThat(events()).isEqualTo(before + 3);
        // and the template generated now carries what was imported: it imports as no change
        JsonNode regenerated = read(ok(importing(DONG_LOC, template(DONG_LOC), true, As.commune(DONG_LOC))).getBody());
        assertThat(regenerated.path("changes")).isEmpty();
        assertThat(regenerated.path("errors")).isEmpty();
    }

    @Test
    void aBadSheetsDryRunListsEveryErrorAtItsCellAndItsImportRecordsNothing() {
        registered(DAI_LOC);
        byte[] bad = edited(template(DAI_LOC), book -> {
            ratio(book, "1.1", 13, 12);                        // more than the whole
            ratio(book, "1.2", 11, 12);                        // fine on its own
            text(book, "1.3", 4, "mười");                      // not a number
            row(book, "1.3").createCell(5).setCellValue(12);
            text(book, "1.6", 6, "Có lẽ");                     // neither Có nor Không
            row(book, "1.7").createCell(6).setCellFormula("IF(1=1,\"Có\",\"Không\")"); // a formula
            ratio(book, "1.8", 2_000_000_000d, 3_000_000_000d); // beyond any count
            ratio(book, "1.9", 1, 2);                          // a ratio for a yes/no indicator
            text(book, "1.4", 8, "5/KH-UBND");                 // a document without a value
            ratio(book, "1.5", 1, 2);
            text(book, "1.5", 8, "6/KH-UBND");
            text(book, "1.5", 9, "31/02/2024");                // no such day
            text(book, "1.10", 6, "Không");
            text(book, "1.10", 8, "12/KH\u202E-UBND");         // a bidirectional override, as the API refuses it
            text(book, "1.11", 6, "Có");
            text(book, "1.11", 8, "9".repeat(101));            // longer than a document number may be
        });
        long before = events();
        JsonNode dryRun = read(ok(importing(DAI_LOC, bad, true, As.commune(DAI_LOC))).getBody());
        List<String> found = new ArrayList<>();
        dryRun.path("errors").forEach(e -> found.add(e.path("indicatorCode").asText() + " " + e.path("column").asText()
                + " " + e.path("code").asText()));
        assertThat(found).containsExactlyInAnyOrder(
                "1.1 E NUMERATOR_EXCEEDS_DENOMINATOR", "1.3 E NOT_A_NUMBER", "1.6 G NOT_YES_NO",
                "null G FORMULA_NOT_ALLOWED", "1.8 E NOT_A_COUNT", "1.8 F NOT_A_COUNT", "1.9 E WRONG_MEASURE",
                "1.4 E MISSING_VALUE", "1.5 J NOT_A_DATE", "1.10 I FORBIDDEN_CHARACTER", "1.11 I TEXT_TOO_LONG");
        dryRun.path("errors").forEach(e -> {
            assertThat(e.path("message").asText()).as("in Vietnamese").isNotBlank();
            assertThat(e.path("cell").asText()).matches("[A-J][0-9]+");
        });
        assertThat(codes(dryRun.path("changes"))).as("what the good rows would change").contains("1.2");
        assertThat(events()).isEqualTo(before);

        JsonNode problem = refused(HttpMethod.POST, base(DAI_LOC) + "/2024/self-assessment-import", bad,
                As.commune(DAI_LOC), 422, "IMPORT_INVALID", "file");
        assertThat(problem.path("errors")).hasSize(found.size());
        assertThat(problem.path("detail").asText()).contains("chưa ghi giá trị nào");
        assertThat(events()).as("all or nothing: the good row is not recorded either").isEqualTo(before);
    }

    @Test
    void everyBadFileIsRefusedWithNothingAppended() throws IOException {
        registered(TRIEU_LOC);
        registered(DAI_LOC);
        byte[] good = edited(template(TRIEU_LOC), book -> ratio(book, "1.1", 1, 2));
        String path = base(TRIEU_LOC) + "/2024/self-assessment-import";
        As officer = As.commune(TRIEU_LOC);
        long before = events();

        refused(HttpMethod.POST, path, "STT,Mã chỉ tiêu\n1,1.1\n".getBytes(), officer, 422, "NOT_XLSX", "file");
        refused(HttpMethod.POST, path, "%PDF-1.4\n%%EOF\n".getBytes(), officer, 422, "NOT_XLSX", "file");
        refused(HttpMethod.POST, path, new byte[0], officer, 422, "EMPTY_FILE", "file");
        refused(HttpMethod.POST, path, rezipped(good, null, false), officer, 422, "NOT_XLSX", "file");
        refused(HttpMethod.POST, path, edited(template(DAI_LOC), book -> ratio(book, "1.1", 1, 2)), officer, 422,
                "TEMPLATE_OTHER_ASSESSMENT", "file");
        refused(HttpMethod.POST, path, edited(good, book -> book.getSheet("_mau").getRow(4).getCell(1)
                .setCellValue("TH-XA-2022")), officer, 422, "TEMPLATE_OTHER_FRAMEWORK", "file");
        refused(HttpMethod.POST, path, edited(good, book -> book.removeSheetAt(book.getSheetIndex("_mau"))), officer, 422,
                "NOT_A_TEMPLATE", "file");
        JsonNode dropped = refused(HttpMethod.POST, path, edited(good, book -> book.getSheet("Tự đánh giá").shiftColumns(8, 9, -1)),
                officer, 422, "COLUMNS_CHANGED", "H4");
        assertThat(dropped.path("detail").asText()).as("the column the dropped one's neighbour moved into")
                .contains("Đang triển khai (x)");
        refused(HttpMethod.POST, path, rezipped(good, "xl/media/image1.bin", true), officer, 422, "ZIP_BOMB", "file");
        refused(HttpMethod.POST, path, new byte[50 * 1024 * 1024], officer, 413, "BODY_TOO_LARGE", "body");
        refused(HttpMethod.POST, path, good, As.commune(DAI_LOC), 403, "NOT_THIS_COMMUNE", "actor");
        refused(HttpMethod.POST, path, good, As.district("400"), 403, "NOT_THIS_COMMUNE", "actor");
        assertThat(events()).as("nothing appended").isEqualTo(before);

        ok(importing(TRIEU_LOC, good, false, officer));
        assertThat(events()).as("the good file, after all that").isEqualTo(before + 1);
    }

    /**
     * The workbook's zip rewritten: with an entry of 20 MB of zeros (a zip bomb: a few kilobytes packed), or with its
     * sheets' XML cut to garbage (a damaged workbook).
     */
    private static byte[] rezipped(byte[] workbook, String bombEntry, boolean bomb) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(workbook));
             ZipOutputStream zip = new ZipOutputStream(out)) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                zip.putNextEntry(new ZipEntry(entry.getName()));
                byte[] content = in.readAllBytes();
                zip.write(!bomb && entry.getName().startsWith("xl/worksheets/") ? "<worksheet".getBytes() : content);
                zip.closeEntry();
            }
            if (bomb) {
                zip.putNextEntry(new ZipEntry(bombEntry));
                byte[] zeros = new byte[1024 * 1024];
                for (int i = 0; i < 20; i++) {
                    zip.write(zeros);
                }
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private static JsonNode line(JsonNode card, String indicator) {
        for (JsonNode pillar : card.path("pillars")) {
            for (JsonNode line : pillar.path("lines")) {
                if (indicator.equals(line.path("code").asText())) {
                    return line;
                }
            }
        }
        throw new AssertionError("no line " + indicator);
    }

    private static List<String> codes(JsonNode changes) {
        List<String> codes = new ArrayList<>();
        changes.forEach(c -> codes.add(c.path("indicatorCode").asText()));
        return codes;
    }

    private static ResponseEntity<String> ok(ResponseEntity<String> response) {
        assertThat(response.getStatusCode().is2xxSuccessful()).as(response.getBody()).isTrue();
        return response;
    }
}
