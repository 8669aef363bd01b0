package vn.thanhhoa.cds.app;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import vn.thanhhoa.cds.query.common.ReadModelVersion;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The steering committee's meeting report as PDF (issue 29, item 3), on PostgreSQL: read back with PDFBox, its text
 * has the same figures as the dashboard's JSON asked the same question in the same test — today's, for a past date
 * (the decisions in force then), and as the platform knew it at an instant; each page is A4 and draws something; the
 * font is embedded and the Vietnamese letters come back out. A commune is refused, a bad parameter answered like the
 * dashboard's. District 402 (Huyện Như Xuân) is this test's own.
 */
class MeetingReportTest extends PlatformTest {
    private static final String DISTRICT = "402";
    private static final String BAI_TRANH = "16177"; // Xã Bãi Trành: recognised by a decision of 15/06/2024
    private static final String XUAN_HOA = "16180"; // Xã Xuân Hòa: appraised Đạt, waiting for the department
    private static final String XUAN_BINH = "16183"; // Xã Xuân Bình: registered, its ratios at 10 %
    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    /** An instant after Xuân Hòa's pass and before Bãi Trành's recognition: what the platform knew then. */
    private static String beforeRecognition;

    @Autowired
    ReadModelVersion readModels;

    @Test
    void theProvinceReportHasTheDashboardsFiguresInEveryKindOfTime() throws Exception {
        prepare();
        for (String question : List.of("year=2024", "year=2024&view=restated", "year=2024&inForceOn=2024-03-01&asOf=2024-06-30",
                "year=2024&knownAt=" + beforeRecognition)) {
            JsonNode dashboard = dashboard("/api/province/dashboard?" + question);
            String text = pdf("/api/province/dashboard.pdf?" + question, As.province(), "bao-cao-giao-ban-tinh-2024.pdf");
            assertThat(text).as(question).contains("Tỉnh Thanh Hóa — năm 2024")
                    .contains("Số xã được công nhận / chỉ tiêu năm " + dashboard.path("headline").asText())
                    .contains("Đã đăng ký " + dashboard.path("registered").asInt())
                    .contains("Đã nộp tự đánh giá " + dashboard.path("submitted").asInt())
                    .contains("Thẩm định Đạt " + dashboard.path("appraisedPass").asInt())
                    .contains("Được công nhận " + dashboard.path("recognised").asInt())
                    .contains("Chỉ tiêu năm " + dashboard.path("target").asInt())
                    .contains("Lập lúc " + DateTimeFormatter.ofPattern("dd/MM/yyyy").format(Instant.now().atZone(VIETNAM)));
            // every district's row, the test's own among them, and the province's total
            for (JsonNode row : dashboard.path("districtRows")) {
                assertThat(text).as(question).contains(row.path("name").asText() + " " + figures(row));
            }
            assertThat(text).contains("Huyện Như Xuân " + figures(row(dashboard, DISTRICT))).contains("Huyện Hậu Lộc ");
            assertThat(text).contains("Toàn tỉnh " + figures(dashboard));
            JsonNode pipeline = dashboard.path("pipeline");
            assertThat(text).contains("Thẩm định Đạt, chờ Sở xem xét " + pipeline.path("appraisedPass").asInt())
                    .contains("Sở đang xem xét, kiểm tra " + pipeline.path("inReview").asInt())
                    .contains("Đã đề nghị công nhận " + pipeline.path("proposed").asInt())
                    .contains("Đã công nhận " + pipeline.path("recognised").asInt())
                    .contains("Không công nhận " + pipeline.path("declined").asInt());
            assertThat(dashboard.path("weakestIndicators").size()).isPositive();
            for (JsonNode weak : dashboard.path("weakestIndicators")) {
                assertThat(text).contains(weakLine(weak)).contains(weakShare(weak));
            }
            // the trend against the target: the month of the last recognition shows the cumulative count then
            JsonNode progress = dashboard.path("progress");
            if (!progress.isEmpty()) {
                JsonNode last = progress.get(progress.size() - 1);
                assertThat(text).contains(last.path("date").asText().substring(3) + " " + last.path("recognised").asInt());
            }
            if (question.contains("restated")) {
                assertThat(text).contains(dashboard.at("/restated/recognisedPredecessors").asInt() + "/"
                        + dashboard.at("/restated/predecessors").asInt() + " xã tiền thân được công nhận");
            }
        }
        assertThat(pdf("/api/province/dashboard.pdf?year=2024&inForceOn=2024-03-01", As.province(), null))
                .contains("Các quyết định có hiệu lực đến ngày 01/03/2024");
        assertThat(pdf("/api/province/dashboard.pdf?year=2024&knownAt=" + beforeRecognition, As.province(), null))
                .contains("Số liệu như nền tảng đã biết lúc "
                        + DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm").format(Instant.parse(beforeRecognition).atZone(VIETNAM)));
        // the steering committee reads it too
        assertThat(download("/api/province/dashboard.pdf?year=2024", new As("bcd", "STEERING", "38")).getStatusCode().value())
                .isEqualTo(200);
    }

    @Test
    void aDistrictsReportHasItsDashboardsFiguresAndCommunes() throws Exception {
        prepare();
        As officer = As.district(DISTRICT);
        for (String question : List.of("year=2024", "year=2024&inForceOn=2024-03-01", "year=2024&knownAt=" + beforeRecognition)) {
            JsonNode dashboard = dashboard("/api/districts/" + DISTRICT + "/dashboard?" + question);
            String text = pdf("/api/districts/" + DISTRICT + "/dashboard.pdf?" + question, officer,
                    "bao-cao-giao-ban-huyen-402-2024.pdf");
            JsonNode byStage = dashboard.path("byStage");
            assertThat(text).as(question).contains("Huyện Như Xuân — năm 2024")
                    .contains("Số xã được công nhận / chỉ tiêu năm " + dashboard.path("headline").asText())
                    .contains("Số xã, phường, thị trấn " + dashboard.path("communes").asInt())
                    .contains("Chưa đăng ký " + byStage.path("NOT_REGISTERED").asInt())
                    .contains("Điểm tự đánh giá trung bình " + vn(dashboard.path("averagePoints").decimalValue()) + " điểm")
                    .contains("Thẩm định Đạt, chờ Sở xem xét " + byStage.path("APPRAISED_PASS").asInt())
                    .contains("Sở đang xem xét, kiểm tra " + byStage.path("IN_REVIEW").asInt())
                    .contains("Đã đề nghị công nhận " + byStage.path("PROPOSED").asInt())
                    .contains("Đã công nhận " + byStage.path("RECOGNISED").asInt());
            for (JsonNode weak : dashboard.path("weakestIndicators")) {
                assertThat(text).contains(weakLine(weak)).contains(weakShare(weak));
            }
            for (JsonNode commune : dashboard.path("communeRows")) {
                assertThat(text).contains(commune.path("code").asText() + " " + commune.path("name").asText() + " "
                        + commune.path("stageVi").asText());
            }
        }
        // what differs between the kinds of time, the report follows: Bãi Trành's decision came after 01/03/2024
        assertThat(dashboard("/api/districts/" + DISTRICT + "/dashboard?year=2024").path("recognised").asInt()).isEqualTo(1);
        assertThat(pdf("/api/districts/" + DISTRICT + "/dashboard.pdf?year=2024&inForceOn=2024-03-01", officer, null))
                .contains("Số xã được công nhận / chỉ tiêu năm 0/");
        assertThat(pdf("/api/districts/" + DISTRICT + "/dashboard.pdf?year=2024&knownAt=" + beforeRecognition, officer, null))
                .contains(BAI_TRANH + " Xã Bãi Trành Đã đề nghị công nhận");
    }

    @Test
    void aReportIsReadUnderTheDashboardsRulesAndBadQuestionsAreAnsweredLikeIts() {
        prepare();
        assertProblem(download("/api/province/dashboard.pdf?year=2024", As.commune(BAI_TRANH)), 403, "OUT_OF_SCOPE");
        assertProblem(download("/api/districts/402/dashboard.pdf?year=2024", As.district("401")), 403, "OUT_OF_SCOPE");
        assertProblem(download("/api/districts/402/dashboard.pdf?year=2024", As.commune(BAI_TRANH)), 403, "OUT_OF_SCOPE");
        assertProblem(download("/api/province/dashboard.pdf?year=1999", As.province()), 422, null);
        assertProblem(download("/api/province/dashboard.pdf?year=2024&view=sideways", As.province()), 422, "INVALID_VIEW");
        assertProblem(download("/api/province/dashboard.pdf?year=2024&knownAt=2999-01-01T00:00:00Z", As.province()), 422,
                "INVALID_KNOWN_AT");
        assertProblem(download("/api/districts/402/dashboard.pdf?year=2024&asOf=31-12-2024", As.district("402")), 400, null);
        assertProblem(download("/api/districts/999/dashboard.pdf?year=2024", As.province()), 404, "UNKNOWN_DISTRICT");
        // a browser asking for the PDF itself still gets the reason as problem+json
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(TOKENS.token("can-bo", List.of("COMMUNE"), BAI_TRANH));
        headers.setAccept(List.of(MediaType.APPLICATION_PDF));
        assertProblem(http.exchange("/api/province/dashboard.pdf?year=2024", HttpMethod.GET, new HttpEntity<>(headers), byte[].class),
                403, "OUT_OF_SCOPE");
    }

    private void assertProblem(ResponseEntity<byte[]> response, int status, String code) {
        String body = new String(response.getBody() == null ? new byte[0] : response.getBody(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(response.getStatusCode().value()).as(body).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).isNotNull();
        assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).as(body).isTrue();
        if (code != null) {
            assertThat(read(body).path("code").asText()).isEqualTo(code);
        }
    }

    /**
     * The PDF as the actor downloads it, checked as a document (A4 pages that each draw something, every font
     * embedded), and its text with each run of spaces and line breaks as one space.
     */
    private String pdf(String path, As actor, String fileName) throws IOException {
        ResponseEntity<byte[]> file = download(path, actor);
        assertThat(file.getStatusCode().value()).as(path).isEqualTo(200);
        assertThat(file.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PDF);
        if (fileName != null) {
            assertThat(file.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION)).startsWith("attachment")
                    .contains(fileName);
        }
        try (PDDocument document = Loader.loadPDF(file.getBody())) {
            assertThat(document.getNumberOfPages()).isPositive();
            PDFRenderer renderer = new PDFRenderer(document);
            for (int i = 0; i < document.getNumberOfPages(); i++) {
                PDPage page = document.getPage(i);
                assertThat(page.getMediaBox().getWidth()).as("A4").isCloseTo(PDRectangle.A4.getWidth(), org.assertj.core.data.Offset.offset(1f));
                assertThat(page.getMediaBox().getHeight()).as("A4").isCloseTo(PDRectangle.A4.getHeight(), org.assertj.core.data.Offset.offset(1f));
                for (org.apache.pdfbox.cos.COSName name : page.getResources().getFontNames()) {
                    PDFont font = page.getResources().getFont(name);
                    assertThat(font.isEmbedded()).as(font.getName() + " embedded").isTrue();
                }
                BufferedImage png = renderer.renderImageWithDPI(i, 50, ImageType.RGB);
                assertThat(inkedShare(png)).as("page " + (i + 1) + " draws something").isGreaterThan(0.005);
            }
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            String text = stripper.getText(document).replaceAll("\\s+", " ");
            assertThat(text).contains("Thanh Hóa").contains("Đạt").contains("BÁO CÁO GIAO BAN");
            return text;
        }
    }

    /** The share of a page's pixels that are not white. */
    private static double inkedShare(BufferedImage image) {
        long inked = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF) {
                    inked++;
                }
            }
        }
        return (double) inked / ((long) image.getWidth() * image.getHeight());
    }

    /** The dashboard as the read models stand once they have applied every stored event (not a cached answer). */
    private JsonNode dashboard(String path) {
        long head = jdbc.sql("select max(globalIndex) from domainevententry").query(Long.class).single();
        eventually(readModels::position, position -> position >= head);
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(TOKENS.token("so-tttt", List.of("PROVINCE"), "38"));
        headers.set("X-Read-Model-At-Least", String.valueOf(head));
        ResponseEntity<String> response = http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
        return read(response.getBody());
    }

    private static JsonNode row(JsonNode province, String code) {
        for (JsonNode row : province.path("districtRows")) {
            if (row.path("code").asText().equals(code)) {
                return row;
            }
        }
        throw new AssertionError("no district " + code);
    }

    /** A district's (or the province's) figures in the order of the report's table. */
    private static String figures(JsonNode row) {
        int recognised = row.path("recognised").asInt();
        int target = row.path("target").asInt();
        String percent = row.has("percentOfTarget") ? (row.path("percentOfTarget").isNull() ? "—" : vn(row.path("percentOfTarget").decimalValue()) + "%")
                : target == 0 ? "—" : vn(BigDecimal.valueOf(recognised * 100L).divide(BigDecimal.valueOf(target), 1, java.math.RoundingMode.HALF_UP)) + "%";
        return row.path("communes").asInt() + " " + row.path("registered").asInt() + " " + row.path("submitted").asInt() + " "
                + row.path("appraisedPass").asInt() + " " + recognised + " " + target + " " + percent;
    }

    /** A weak indicator's code and the start of its name (a long name wraps onto the next lines). */
    private static String weakLine(JsonNode weak) {
        String[] words = weak.path("name").asText().split(" ");
        return weak.path("code").asText() + " " + String.join(" ", java.util.Arrays.copyOf(words, Math.min(3, words.length)));
    }

    /** A weak indicator's communes meeting it of those assessed, and the share: "1/3 33,3%". */
    private static String weakShare(JsonNode weak) {
        return weak.path("met").asInt() + "/" + weak.path("assessed").asInt() + " "
                + vn(weak.path("shareMet").decimalValue().movePointRight(2).setScale(1, java.math.RoundingMode.HALF_UP)) + "%";
    }

    /** 741.40 → "741,4"; 20.0 → "20", as the province writes numbers. */
    private static String vn(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString().replace('.', ',');
    }

    /**
     * District 402's year: Xuân Bình registered with weak ratios, Xuân Hòa appraised Đạt, then — after the instant
     * kept as {@link #beforeRecognition} — Bãi Trành recognised by a decision of 15/06/2024. Once per run.
     */
    private synchronized void prepare() {
        if (beforeRecognition != null) {
            return;
        }
        JsonNode framework = read(jdbc.sql("select definition from q_framework where framework_id = 'TH-XA-1829-2023'")
                .query(String.class).single());
        register(XUAN_BINH, everyIndicator(framework, 1, 10));
        register(XUAN_HOA, everyIndicator(framework, 10, 10));
        passed(XUAN_HOA);
        register(BAI_TRANH, everyIndicator(framework, 10, 10));
        passed(BAI_TRANH);
        reviewAndPropose(BAI_TRANH, 2024);
        String card = "/api/communes/" + BAI_TRANH + "/assessments/2024";
        eventually(() -> get(card), c -> "PROPOSED".equals(c.path("stage").asText()));
        long head = jdbc.sql("select max(globalIndex) from domainevententry").query(Long.class).single();
        eventually(readModels::position, position -> position >= head);
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String instant = Instant.now().toString();
        ok(post(card + "/recognition", Map.of("document", Map.of("number", "1500/QĐ-UBND", "date", "2024-06-15")), As.province()));
        eventually(() -> get(card), c -> "RECOGNISED".equals(c.path("stage").asText()));
        beforeRecognition = instant;
    }

    private void register(String commune, Map<String, Object> values) {
        String base = "/api/communes/" + commune + "/assessments";
        ok(post(base, Map.of("year", 2024, "frameworkId", "TH-XA-1829-2023"), As.commune(commune)));
        values.forEach((code, value) -> ok(put(base + "/2024/indicators/" + code, value, As.commune(commune))));
    }

    private void passed(String commune) {
        String base = "/api/communes/" + commune + "/assessments/2024";
        ok(post(base + "/submission", Map.of("reportNumber", "1/BC-UBND"), As.commune(commune)));
        ok(post(base + "/appraisal", null, As.district(DISTRICT)));
        ok(post(base + "/appraisal/conclusion", Map.of("document", Map.of("number", "2/BC-UBND")), As.district(DISTRICT)));
        eventually(() -> get(base), c -> "APPRAISED_PASS".equals(c.path("stage").asText()));
    }

    private static void ok(ResponseEntity<String> response) {
        assertThat(response.getStatusCode().is2xxSuccessful()).as(response.getBody()).isTrue();
    }
}
