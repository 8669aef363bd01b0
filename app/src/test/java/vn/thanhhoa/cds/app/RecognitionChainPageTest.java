package vn.thanhhoa.cds.app;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chain from a submission to the chairman's decision (issue 27), in headless Chromium on PostgreSQL with the demo
 * accounts, each step signed in as its person and done by typing and clicking. Communes submit this year's
 * self-assessment (through the API: the commune's form is another test's). The appraiser — since the 2025 reform the
 * body the province designated, `so.khcn` — finds them in its queue (filters by former district and by stage with the
 * keyboard, a bad filter refused in Vietnamese), appraises three indicators, returns one commune and concludes two.
 * The department (`so.khcn.xemxet`) takes both into its review, records an inspection that corrects an indicator, and
 * proposes both in one proposal; the chairman's office (`vp.ubnd`) records one decision that recognises one and
 * declines the other; the province dashboard's headline and pipeline move. At desktop width and at 390 px, with
 * axe-core finding no serious or critical violation on each page.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"cds.demo.enabled=true", "cds.simulator.enabled=false", "axoniq.update-checker.disabled=true"})
@ActiveProfiles({"postgres", "demo"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // each step on what the one before left
class RecognitionChainPageTest extends DemoPagesTest {
    private static final String SCHEMA = "cds_queue";
    /** Signs the bearer token of the third commune, which has no demo account (its submission is through the API). */
    private static final Tokens TOKENS = new Tokens();
    private static final String HOAT_GIANG = "15286"; // Xã Hoạt Giang since 01/07/2025

    static {
        PlatformTest.freshSchema(SCHEMA);
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PlatformTest.storeIn(registry, SCHEMA);
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", TOKENS::publicKeyLocation);
    }

    private final java.util.Set<String> submitted = new java.util.HashSet<>();

    @Test
    @Order(1)
    void theAppraiserFindsASubmittedCommuneInTheQueueAtDesktopWidth() throws Exception {
        browser = Browsers.headlessChromium();
        appraisersQueue("desktop");
    }

    @Test
    @Order(2)
    void theSameAtPhoneWidthWithTheKeyboard() throws Exception {
        browser = Browsers.headlessChromium();
        browser.manage().window().setSize(new Dimension(390, 844));
        appraisersQueue("phone");
        Number overflow = (Number) ((JavascriptExecutor) browser)
                .executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertThat(overflow.intValue()).as("the page scrolls down, never sideways").isLessThanOrEqualTo(0);
    }

    private void appraisersQueue(String shot) throws Exception {
        submitOnce("xa.canhnang", "14923");
        Browsers.signIn(browser, url(""), "so.khcn", "demo-tinh-2026");
        browser.get(url("/tham-dinh.html"));
        WebElement row = waitUpTo(20).until(d -> d.findElements(By.cssSelector("#queue-table tr[data-code='14923']")).stream()
                .findFirst().orElse(null));
        assertThat(row.getText()).contains("Đã nộp tự đánh giá").contains("điểm").contains(String.valueOf(YEAR));
        assertThat(text("queue-summary")).contains("hồ sơ");
        axe("queue");
        screenshot("tham-dinh-" + shot + ".png");

        // by the keyboard: the former district's code, then Enter; then a stage where it is not
        WebElement district = browser.findElement(By.id("district-filter"));
        district.sendKeys("386", Keys.ENTER);
        waitUpTo(10).until(d -> d.getCurrentUrl().contains("formerDistrict=386"));
        waitUpTo(10).until(d -> !d.findElements(By.cssSelector("#queue-table tr[data-code='14923']")).isEmpty());
        district.clear();
        district.sendKeys("392", Keys.ENTER);
        waitUpTo(10).until(d -> d.findElements(By.cssSelector("#queue-table tr[data-code='14923']")).isEmpty());
        district.clear();
        new Select(browser.findElement(By.id("stage-filter"))).selectByValue("RETURNED");
        district.sendKeys(Keys.ENTER);
        waitUpTo(10).until(d -> d.getCurrentUrl().contains("stage=RETURNED"));
        waitUpTo(10).until(d -> d.findElements(By.cssSelector("#queue-table tr[data-code='14923']")).isEmpty());

        // a code no district ever had the shape of: the server's refusal, in Vietnamese, beside the table
        new Select(browser.findElement(By.id("stage-filter"))).selectByValue("");
        district.sendKeys("38/../x", Keys.ENTER);
        waitUpTo(10).until(d -> !text("queue-error").isEmpty());
        assertThat(text("queue-error")).as("the server's reason").containsAnyOf("Trường", "mã", "ký tự");
        axe("refused");
        assertThat(Browsers.scriptErrors(browser)).as("what the page's scripts threw").isEmpty();
    }

    /**
     * From the queue to the appraisal page: the appraiser starts the appraisal, appraises three indicators by typing
     * (a value the page refuses and one the server refuses, each beside its field), returns one commune with a reason
     * on an indicator, and concludes the other with its document.
     */
    @Test
    @Order(3)
    void theAppraiserAppraisesReturnsOneCommuneAndConcludesAnother() throws Exception {
        submitOnce("xa.canhnang", "14923");
        submitOnce("xa.halinh", "15316");
        browser = Browsers.headlessChromium();
        Browsers.signIn(browser, url(""), "so.khcn", "demo-tinh-2026");
        browser.get(url("/tham-dinh.html"));
        click(waitUpTo(20).until(d -> d.findElements(By.cssSelector("#queue-table tr[data-code='15316'] a")).stream()
                .findFirst().orElse(null)));
        waitUpTo(15).until(d -> d.getCurrentUrl().contains("/tham-dinh-xa.html"));
        click(waitUpTo(15).until(d -> visible(d, By.id("start-button"))));
        waitUpTo(15).until(d -> text("stage").equals("Đang thẩm định"));
        WebElement numerator = waitUpTo(15).until(d -> visible(d, By.id("anum-1.1")));

        // refused by the page as typed: more officials with e-mail than officials
        type(numerator, "40");
        type(browser.findElement(By.id("aden-1.1")), "31");
        click(browser.findElement(By.cssSelector("button.appraise[data-code='1.1']")));
        waitUpTo(5).until(d -> text("aerr-1.1").contains("không được lớn hơn mẫu số"));
        // refused by the server: a bidirectional override in the note, its Vietnamese reason beside the field
        type(numerator, "20");
        type(browser.findElement(By.id("anote-1.1")), "Theo sổ\u202Etheo dõi");
        click(browser.findElement(By.cssSelector("button.appraise[data-code='1.1']")));
        waitUpTo(10).until(d -> text("aerr-1.1").contains("ký tự"));
        long appraised = appraised("15316");
        // three indicators appraised
        type(browser.findElement(By.id("anote-1.1")), "Theo sổ theo dõi văn bản");
        click(browser.findElement(By.cssSelector("button.appraise[data-code='1.1']")));
        waitUpTo(10).until(d -> text("verdict-1.1").equals("Đã lưu") || text("verdict-1.1").equals("Không đạt"));
        assertThat(text("aerr-1.1")).isEmpty();
        for (String indicator : java.util.List.of("1.2", "1.3")) {
            WebElement block = browser.findElement(By.cssSelector(".indicator[data-code='" + indicator + "']"));
            if ("RATIO".equals(block.getAttribute("data-measure"))) {
                type(browser.findElement(By.id("anum-" + indicator)), "9");
                type(browser.findElement(By.id("aden-" + indicator)), "10");
            } else {
                new Select(browser.findElement(By.id("akind-" + indicator))).selectByValue("YES");
            }
            click(browser.findElement(By.cssSelector("button.appraise[data-code='" + indicator + "']")));
            waitUpTo(10).until(d -> !text("verdict-" + indicator).equals("—") && text("aerr-" + indicator).isEmpty());
        }
        waitUpTo(10).until(d -> appraised("15316") == appraised + 3);
        axe("appraisal");
        screenshot("tham-dinh-xa-desktop.png");

        // returned, with a reason on 1.1 and a general one; the document's number is required first
        type(browser.findElement(By.id("reason-1.1")), "Thiếu danh sách cán bộ có thư điện tử");
        type(browser.findElement(By.id("return-reason")), "Bổ sung minh chứng");
        click(browser.findElement(By.id("return-button")));
        waitUpTo(5).until(d -> text("doc-error").contains("Cần số văn bản"));
        type(browser.findElement(By.id("doc-number")), "91/SKHCN-CĐS");
        type(browser.findElement(By.id("doc-date")), LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh"))
                .format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy")));
        click(browser.findElement(By.id("return-button")));
        waitUpTo(10).until(d -> text("decided").contains("Đã trả lại"));
        JsonNode returned = json.readTree(send(HttpMethod.GET, "/api/communes/15316/assessments/" + YEAR + "/return", null,
                "xa.halinh").getBody());
        assertThat(returned.toString()).contains("Thiếu danh sách cán bộ có thư điện tử").contains("Bổ sung minh chứng");

        // the other commune: started and concluded with its document
        browser.get(url("/tham-dinh-xa.html?code=14923&year=" + YEAR));
        click(waitUpTo(15).until(d -> visible(d, By.id("start-button"))));
        waitUpTo(15).until(d -> text("stage").equals("Đang thẩm định"));
        type(waitUpTo(10).until(d -> visible(d, By.id("doc-number"))), "92/SKHCN-CĐS");
        click(browser.findElement(By.id("conclude-button")));
        waitUpTo(10).until(d -> text("decided").contains("Đã kết luận"));
        waitUpTo(15).until(d -> text("stage").startsWith("Thẩm định"));
        assertThat(Browsers.scriptErrors(browser)).as("what the page's scripts threw").isEmpty();

        // the appraisal page on a phone: nothing wider than the screen
        browser.manage().window().setSize(new Dimension(390, 844));
        browser.get(url("/tham-dinh-xa.html?code=15316&year=" + YEAR));
        waitUpTo(15).until(d -> d.findElements(By.cssSelector(".indicator")).size() == 30);
        Number overflow = (Number) ((JavascriptExecutor) browser)
                .executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertThat(overflow.intValue()).as("the appraisal page scrolls down, never sideways").isLessThanOrEqualTo(0);
        axe("appraisal on a phone");
        screenshot("tham-dinh-xa-phone.png");
    }

    /**
     * The appraiser concludes a third commune; the department takes both passes into its review, records an inspection
     * of one that corrects an indicator (first refused by the server for want of a reason, told beside the indicator),
     * and proposes both in one proposal (first refused by the page for want of its number).
     */
    @Test
    @Order(4)
    void theDepartmentReviewsInspectsAndProposesTwoCommunes() throws Exception {
        submitOnce("xa.canhnang", "14923");
        submitOnce(null, HOAT_GIANG);
        browser = Browsers.headlessChromium();
        Browsers.signIn(browser, url(""), "so.khcn", "demo-tinh-2026");
        browser.get(url("/tham-dinh-xa.html?code=" + HOAT_GIANG + "&year=" + YEAR));
        click(waitUpTo(15).until(d -> visible(d, By.id("start-button"))));
        waitUpTo(15).until(d -> text("stage").equals("Đang thẩm định"));
        type(waitUpTo(10).until(d -> visible(d, By.id("doc-number"))), "93/SKHCN-CĐS");
        click(browser.findElement(By.id("conclude-button")));
        waitUpTo(15).until(d -> text("stage").equals("Thẩm định Đạt"));
        browser.quit();

        browser = Browsers.headlessChromium();
        Browsers.signIn(browser, url(""), "so.khcn.xemxet", "demo-tinh-2026");
        browser.get(url("/xem-xet.html?year=" + YEAR));
        for (String code : java.util.List.of("14923", HOAT_GIANG)) {
            click(waitUpTo(20).until(d -> visible(d, By.cssSelector("#waiting-table button.accept[data-code='" + code + "']"))));
            waitUpTo(15).until(d -> !d.findElements(By.cssSelector("#review-table tr[data-code='" + code + "']")).isEmpty());
        }
        assertThat(text("pipeline")).contains("Đang xem xét: 2");
        axe("the department's list");

        // the inspection of Xã Bá Thước: 3.2 (cashless payments) found lower on site
        click(browser.findElement(By.cssSelector("#review-table tr[data-code='14923'] a[href*='kiem-tra']")));
        waitUpTo(15).until(d -> d.getCurrentUrl().contains("/kiem-tra.html"));
        WebElement numerator = waitUpTo(15).until(d -> visible(d, By.id("inum-3.2")));
        type(browser.findElement(By.id("inspected-on")), today());
        type(browser.findElement(By.id("members")), "Văn phòng UBND tỉnh\nSở Khoa học và Công nghệ");
        type(browser.findElement(By.id("findings")), "Xã đạt yêu cầu; chỉ tiêu 3.2 điều chỉnh theo số liệu thực tế");
        type(numerator, "4");
        type(browser.findElement(By.id("iden-3.2")), "10");
        long before = events("OnSiteInspectionRecorded");
        click(browser.findElement(By.id("record-button")));
        waitUpTo(10).until(d -> text("ierr-3.2").contains("lý do"));
        assertThat(events("OnSiteInspectionRecorded")).as("refused: nothing recorded").isEqualTo(before);
        type(browser.findElement(By.id("inote-3.2")), "Số liệu thanh toán không dùng tiền mặt của ngân hàng tại buổi kiểm tra");
        click(browser.findElement(By.id("record-button")));
        waitUpTo(10).until(d -> text("recorded").contains("Đã ghi nhận"));
        assertThat(events("OnSiteInspectionRecorded")).isEqualTo(before + 1);
        axe("the inspection");
        screenshot("kiem-tra-desktop.png");

        // one proposal naming both
        browser.get(url("/xem-xet.html?year=" + YEAR));
        for (String code : java.util.List.of("14923", HOAT_GIANG)) {
            click(waitUpTo(20).until(d -> visible(d, By.id("choose-" + code))));
        }
        click(browser.findElement(By.id("propose-button")));
        waitUpTo(5).until(d -> text("proposal-error").contains("Cần số tờ trình"));
        type(browser.findElement(By.id("proposal-number")), "150/TTr-SKHCN");
        type(browser.findElement(By.id("proposal-date")), today());
        type(browser.findElement(By.id("proposal-title")), "Đề nghị công nhận xã đạt chuẩn chuyển đổi số năm " + YEAR);
        screenshot("xem-xet-desktop.png");
        click(browser.findElement(By.id("propose-button")));
        waitUpTo(10).until(d -> text("proposed").contains("150/TTr-SKHCN"));
        waitUpTo(15).until(d -> !d.findElements(By.cssSelector("#proposals .proposal[data-number='150/TTr-SKHCN']")).isEmpty());
        assertThat(browser.findElement(By.id("proposal-number")).getAttribute("value")).as("ready for the next one").isEmpty();
        axe("proposed");
        assertThat(Browsers.scriptErrors(browser)).as("what the page's scripts threw").isEmpty();

        browser.manage().window().setSize(new Dimension(390, 844));
        browser.navigate().refresh();
        waitUpTo(15).until(d -> !d.findElements(By.cssSelector("#proposals .proposal")).isEmpty());
        assertThat(overflow()).as("the department's page scrolls down, never sideways").isLessThanOrEqualTo(0);
        axe("the department's list on a phone");
        screenshot("xem-xet-phone.png");
    }

    /**
     * The chairman's office records one decision over the proposal: Xã Bá Thước recognised, Xã Hoạt Giang declined
     * (first refused by the page for want of a reason, beside the commune); the province dashboard's headline and
     * pipeline move.
     */
    @Test
    @Order(5)
    void theChairmansDecisionRecognisesOneAndDeclinesOneAndTheDashboardMoves() throws Exception {
        browser = Browsers.headlessChromium();
        Browsers.signIn(browser, url(""), "vp.ubnd", "demo-tinh-2026");
        browser.get(url("/?year=" + YEAR));
        String headline = waitUpTo(20).until(d -> text("headline").contains("/") ? text("headline") : null);
        int recognisedBefore = Integer.parseInt(headline.split(" / ")[0].trim());
        waitUpTo(15).until(d -> pipeline("PROPOSED").equals("2"));

        browser.get(url("/quyet-dinh.html?year=" + YEAR));
        WebElement decline = waitUpTo(20).until(d -> visible(d, By.id("no-" + HOAT_GIANG)));
        axe("the proposal waiting");
        click(decline);
        WebElement form = browser.findElement(By.cssSelector("form.proposal[data-number='150/TTr-SKHCN']"));
        type(form.findElement(By.cssSelector(".decision-number")), "2468/QĐ-UBND");
        type(form.findElement(By.cssSelector(".decision-date")), today());
        click(form.findElement(By.cssSelector("button[type=submit]")));
        waitUpTo(5).until(d -> text("oerr-" + HOAT_GIANG).contains("lý do"));
        type(browser.findElement(By.id("why-" + HOAT_GIANG)), "Chưa đủ minh chứng về tổ công nghệ số cộng đồng");
        screenshot("quyet-dinh-desktop.png");
        click(form.findElement(By.cssSelector("button[type=submit]")));
        waitUpTo(10).until(d -> text("decided").contains("2468/QĐ-UBND"));
        assertThat(text("decided")).contains("công nhận 1 xã").contains("không công nhận 1 xã");
        assertThat(Browsers.scriptErrors(browser)).as("what the page's scripts threw").isEmpty();

        browser.get(url("/?year=" + YEAR));
        waitUpTo(20).until(d -> text("headline").startsWith((recognisedBefore + 1) + " / "));
        waitUpTo(15).until(d -> pipeline("RECOGNISED").equals(String.valueOf(recognisedBefore + 1)) && pipeline("DECLINED").equals("1"));
        assertThat(pipeline("PROPOSED")).isEqualTo("0");
        axe("the province dashboard after the decision");
        browser.manage().window().setSize(new Dimension(390, 844));
        browser.get(url("/quyet-dinh.html?year=" + YEAR));
        waitUpTo(15).until(d -> text("pipeline").contains("Đã công nhận"));
        assertThat(overflow()).as("the decisions page scrolls down, never sideways").isLessThanOrEqualTo(0);
        axe("the decisions page on a phone");
    }

    private String pipeline(String stage) {
        return browser.findElements(By.cssSelector("#pipeline li[data-stage='" + stage + "'] b")).stream()
                .map(WebElement::getText).findFirst().orElse("");
    }

    private long overflow() {
        return ((Number) ((JavascriptExecutor) browser)
                .executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth")).longValue();
    }

    private static String today() {
        return LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy"));
    }

    private long events(String type) {
        return jdbc.sql("select count(*) from domainevententry where payloadtype like :type")
                .param("type", "%" + type).query(Long.class).single();
    }

    private long appraised(String code) {
        return jdbc.sql("select count(*) from domainevententry where aggregateidentifier like :id and payloadtype like '%IndicatorAppraised'")
                .param("id", code + "@%/" + YEAR).query(Long.class).single();
    }

    /** The commune fills every indicator of the year's framework and submits, through the API (not this test's steps). */
    private void submitOnce(String account, String code) throws Exception {
        if (!submitted.add(code)) {
            return;
        }
        String base = "/api/communes/" + code + "/assessments";
        ResponseEntity<String> registered = send(HttpMethod.POST, base, Map.of("year", YEAR), account);
        assertThat(registered.getStatusCode().value()).as(registered.getBody()).isIn(201, 409);
        JsonNode rules = json.readTree(send(HttpMethod.GET, "/api/reporting-years/" + YEAR, null, account).getBody());
        JsonNode framework = json.readTree(jdbc.sql("select definition from q_framework where framework_id = :id")
                .param("id", rules.path("frameworkId").asText()).query(String.class).single());
        Map<String, Object> values = PlatformTest.everyIndicator(framework, 10, 10); // every mandatory indicator met
        for (Map.Entry<String, Object> value : values.entrySet()) {
            assertThat(send(HttpMethod.PUT, base + "/" + YEAR + "/indicators/" + value.getKey(), value.getValue(), account)
                    .getStatusCode().value()).isEqualTo(204);
        }
        ResponseEntity<String> submission = send(HttpMethod.POST, base + "/" + YEAR + "/submission",
                Map.of("reportNumber", "21/BC-UBND"), account);
        assertThat(submission.getStatusCode().value()).as(submission.getBody()).isEqualTo(204);
    }

    /** As a demo account, or — account null — as the third commune's officer with a bearer token. */
    private ResponseEntity<String> send(HttpMethod method, String path, Object body, String account) throws Exception {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (account == null) {
            headers.setBearerAuth(TOKENS.token("can-bo-" + HOAT_GIANG, java.util.List.of("COMMUNE"), HOAT_GIANG));
        } else {
            headers.setBasicAuth(account, "demo-xa-2026");
        }
        return http.exchange(path, method, new HttpEntity<>(body == null ? null : json.writeValueAsString(body), headers), String.class);
    }

}
