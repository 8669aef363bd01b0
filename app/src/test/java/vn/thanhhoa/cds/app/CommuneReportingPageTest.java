package vn.thanhhoa.cds.app;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
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
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A commune officer's year in the reporting form, in Debian's headless Chromium on PostgreSQL with the demo accounts
 * (the demo opens this year's reporting period): signs in and lands on the form, registers the year, fills every
 * indicator of Decision 1829's framework by typing and clicking only, sees a refused value's reason beside its field,
 * submits (refused while an indicator is missing), gets the appraiser's return per indicator (sent through the API:
 * the appraiser's pages are not this test's), answers it, corrects a value and resubmits; the card and the former
 * district's dashboard show the result. At desktop width and at 390 px (a phone), with axe-core finding no serious or
 * critical violation on the form in each state.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"cds.demo.enabled=true", "cds.simulator.enabled=false", "axoniq.update-checker.disabled=true"})
@ActiveProfiles({"postgres", "demo"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommuneReportingPageTest extends DemoPagesTest {
    private static final String SCHEMA = "cds_form";

    static {
        PlatformTest.freshSchema(SCHEMA);
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PlatformTest.storeIn(registry, SCHEMA);
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", new Tokens()::publicKeyLocation);
    }

    @Test
    void aCommuneOfficerDoesTheYearsWorkInTheFormAtDesktopWidth() throws Exception {
        browser = Browsers.headlessChromium();
        officersYear("xa.canhnang", "14923", "386", "desktop");
    }

    @Test
    void theSameAtPhoneWidthWithTheKeyboard() throws Exception {
        browser = Browsers.headlessChromium();
        browser.manage().window().setSize(new Dimension(390, 844));
        officersYear("xa.halinh", "15316", "392", "phone");
        // nothing is wider than the phone: the page scrolls down, never sideways
        Number overflow = (Number) js().executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertThat(overflow.intValue()).isLessThanOrEqualTo(0);
    }

    private void officersYear(String account, String code, String formerDistrict, String shot) throws Exception {
        // signed in, a commune officer lands on the commune's year, not on the province's dashboard
        Browsers.signIn(browser, url(""), account, "demo-xa-2026");
        waitUpTo(15).until(d -> d.getCurrentUrl().contains("/bao-cao.html"));
        WebElement register = waitUpTo(15).until(d -> visible(d, By.id("register-button")));
        assertThat(browser.findElement(By.id("register-framework")).getText()).contains("Tiêu chí chuyển đổi số cấp xã đến năm 2025");
        axe("registration");
        register.click();
        waitUpTo(20).until(d -> d.findElements(By.cssSelector(".indicator")).size() == 30);
        assertThat(text("stage")).isEqualTo("Đã đăng ký");
        // the score as saved, from the platform's scoring, before anything is typed
        waitUpTo(10).until(d -> text("score").equals("0 điểm"));
        assertThat(text("missing")).contains("Chưa có giá trị: 30 chỉ tiêu");

        // a value the page refuses as it is typed: the reason beside the field, nothing sent
        type(input("num-1.1"), "40");
        type(input("den-1.1"), "31");
        waitUpTo(5).until(d -> text("err-1.1").contains("không được lớn hơn mẫu số"));
        assertThat(input("num-1.1").getAttribute("aria-invalid")).isEqualTo("true");
        // a value the server refuses (a bidirectional override in the document number): its Vietnamese reason there too
        type(input("num-1.1"), "31");
        type(input("doc-1.1"), "12/BC\u202EUBND");
        click(saveButton("1.1"));
        waitUpTo(10).until(d -> text("err-1.1").contains("ký tự"));
        assertThat(input("doc-1.1").getAttribute("aria-invalid")).isEqualTo("true");
        // a document date that is no date: refused beside its field before anything is sent
        type(input("doc-1.1"), "12/BC-UBND");
        type(input("docdate-1.1"), "31/02/" + YEAR);
        click(saveButton("1.1"));
        waitUpTo(10).until(d -> text("err-1.1").contains("dd/mm/yyyy"));
        assertThat(input("docdate-1.1").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(reported(code)).isZero();

        // every indicator by typing and clicking, but 4.8, left for later
        List<WebElement> blocks = browser.findElements(By.cssSelector(".indicator"));
        for (WebElement block : blocks) {
            String indicator = block.getAttribute("data-code");
            if (indicator.equals("4.8")) {
                continue;
            }
            fill(indicator, block.getAttribute("data-measure"), shot.equals("phone") && indicator.equals("1.6"));
        }
        // the score follows what is typed (the preview waits for a pause in the typing)
        waitUpTo(10).until(d -> text("missing").contains("Chưa có giá trị: 1 chỉ tiêu"));
        assertThat(text("score")).endsWith("điểm");
        // the value's own history: who saved it, when
        click(browser.findElement(By.cssSelector("button.history[data-code='1.1']")));
        waitUpTo(10).until(d -> d.findElement(By.cssSelector("#history tbody")).getText().contains(account));
        browser.findElement(By.id("history-close")).sendKeys(Keys.ENTER);
        waitUpTo(5).until(d -> !d.findElement(By.id("history")).isDisplayed());
        screenshot("bao-cao-" + shot + ".png");
        axe("filled");

        String base = "/api/communes/" + code + "/assessments/" + YEAR;
        // saving again what is saved records nothing
        click(saveButton("1.2"));
        waitUpTo(10).until(d -> text("saved-1.2").startsWith("Không có thay đổi"));
        // submitting with an indicator missing is refused, the missing one listed
        type(input("report-number"), "15/BC-UBND");
        type(input("report-date"), "20/11/" + YEAR);
        click(browser.findElement(By.id("submit-button")));
        waitUpTo(10).until(d -> text("submit-error").contains("4.8"));
        assertThat(text("submit-error")).contains("chưa có giá trị");
        fill("4.8", "BOOLEAN", false);
        click(browser.findElement(By.id("submit-button")));
        waitUpTo(15).until(d -> text("stage").equals("Đã nộp tự đánh giá"));
        assertThat(reported(code)).isEqualTo(30); // each save appended once: no double click or retry appended twice
        assertThat(get(base + "/comments", "bcd.tinh", "demo-bcd-2026").toString())
                .contains("Theo báo cáo của Công an xã về tài khoản định danh");

        // the appraiser returns it, naming two indicators (through the API: the appraisal pages are another issue's)
        assertThat(appraiser(HttpMethod.POST, base + "/appraisal", null).getStatusCode().value()).isEqualTo(204);
        ResponseEntity<String> returned = appraiser(HttpMethod.POST, base + "/return", Map.of(
                "reason", "Bổ sung minh chứng trước ngày 20",
                "document", Map.of("number", "88/SKHCN-CĐS", "date", LocalDate.now().toString()),
                "indicators", List.of(Map.of("indicatorCode", "1.1", "reason", "Thiếu danh sách cán bộ"),
                        Map.of("indicatorCode", "3.2", "reason", "Số liệu lệch với báo cáo của xã"))));
        assertThat(returned.getStatusCode().value()).as(returned.getBody()).isEqualTo(204);

        // the form follows: the reasons at their indicators; answered, a value corrected, resubmitted
        WebElement reason = waitUpTo(20).until(d -> visible(d, By.id("reason-1.1")));
        assertThat(reason.getText()).contains("Thiếu danh sách cán bộ");
        assertThat(text("returned-general")).contains("Bổ sung minh chứng trước ngày 20").contains("1.1, 3.2");
        screenshot("bao-cao-returned-" + shot + ".png");
        axe("returned");
        type(input("num-3.2"), "4850");
        type(input("den-3.2"), "7690");
        click(saveButton("3.2"));
        waitUpTo(10).until(d -> text("saved-3.2").startsWith("Đã lưu"));
        // resubmitted before the answers: refused, the unanswered listed
        type(input("report-number"), "16/BC-UBND");
        click(browser.findElement(By.id("submit-button")));
        waitUpTo(10).until(d -> text("submit-error").contains("giải trình"));
        answer("1.1", "Đã bổ sung danh sách 31 cán bộ");
        answer("3.2", "Đã sửa theo số liệu dân cư 4.850/7.690");
        answer("", "Đã bổ sung đủ minh chứng");
        click(browser.findElement(By.id("submit-button")));
        waitUpTo(15).until(d -> text("stage").equals("Đã nộp tự đánh giá"));

        // the card and the former district's dashboard show it (the dashboards read what the form recorded)
        JsonNode card = get(base, "bcd.tinh", "demo-bcd-2026");
        assertThat(card.path("stage").asText()).isEqualTo("SUBMITTED");
        assertThat(card.at("/selfScore/total").asInt()).isEqualTo(30);
        assertThat(card.at("/selfScore/notAssessed").asInt()).isZero();
        JsonNode district = get("/api/districts/" + formerDistrict + "/dashboard?year=" + YEAR, "bcd.tinh", "demo-bcd-2026");
        JsonNode row = null;
        for (JsonNode r : district.path("communeRows")) {
            if (r.path("code").asText().equals(code)) {
                row = r;
            }
        }
        assertThat(row).as("the commune on its former district's dashboard").isNotNull();
        assertThat(row.path("stage").asText()).isEqualTo("SUBMITTED");
        assertThat(district.at("/byStage/SUBMITTED").asInt()).isPositive();
        assertThat(Browsers.scriptErrors(browser)).as("what the page's scripts threw").isEmpty();
    }

    /** One indicator as an officer fills it: a figure that meets the target, or "Có"; evidence on the first ones. */
    private void fill(String indicator, String measure, boolean keyboard) {
        if (measure.equals("RATIO")) {
            type(input("num-" + indicator), "31");
            type(input("den-" + indicator), "31");
            waitUpTo(5).until(d -> text("pct-" + indicator).contains("100"));
        } else {
            WebElement yes = browser.findElement(By.cssSelector("input[name='kind-" + indicator + "'][value='YES']"));
            if (keyboard) {
                yes.sendKeys(Keys.SPACE); // focused and chosen with the keyboard
            } else {
                click(yes);
            }
        }
        if (indicator.equals("3.2")) {
            type(input("comment-" + indicator), "Theo báo cáo của Công an xã về tài khoản định danh");
        }
        if (indicator.startsWith("1.")) {
            type(input("doc-" + indicator), "31/BC-UBND");
            type(input("docdate-" + indicator), "15/11/" + YEAR);
        }
        WebElement save = saveButton(indicator);
        if (keyboard) {
            save.sendKeys(Keys.ENTER);
        } else {
            // a double click: one action, one key, one event (in the middle of the window first, as every click here)
            ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", save);
            new org.openqa.selenium.interactions.Actions(browser).moveToElement(save).doubleClick().perform();
        }
        // a loaded machine answers late; if it never does, say what the page showed
        waitUpTo(30).withMessage(() -> "save " + indicator + ": error '" + text("err-" + indicator) + "', saved '"
                        + text("saved-" + indicator) + "', button " + (save.isEnabled() ? "enabled" : "disabled")
                        + ", scripts " + Browsers.scriptErrors(browser))
                // (the second click of the double click may land after the first saved: "… (đã lưu lúc hh:mm)")
                .until(d -> text("saved-" + indicator).startsWith("Đã lưu") || text("saved-" + indicator).contains("đã lưu lúc"));
        assertThat(text("err-" + indicator)).isEmpty();
    }

    private void answer(String indicator, String text) {
        WebElement area = waitUpTo(10).until(d -> visible(d, By.id("answer-" + indicator)));
        type(area, text);
        click(browser.findElement(By.cssSelector("button.answer[data-code='" + indicator + "']")));
        waitUpTo(10).withMessage(() -> "answer " + indicator + ": " + text("answer-error-" + indicator))
                .until(d -> text("answered-" + indicator).startsWith("Đã gửi giải trình"));
    }

    private long reported(String code) {
        return jdbc.sql("select count(*) from domainevententry where aggregateidentifier like :id and payloadtype like '%IndicatorValueReported'")
                .param("id", code + "@%/" + YEAR).query(Long.class).single();
    }

    private ResponseEntity<String> appraiser(HttpMethod method, String path, Object body) throws Exception {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setBasicAuth("so.khcn", "demo-tinh-2026");
        return http.exchange(path, method, new HttpEntity<>(body == null ? null : json.writeValueAsString(body), headers), String.class);
    }

    private JsonNode get(String path, String user, String password) throws Exception {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth(user, password);
        return json.readTree(http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class).getBody());
    }

    private WebElement input(String id) {
        return browser.findElement(By.id(id));
    }

    private WebElement saveButton(String indicator) {
        return browser.findElement(By.cssSelector("button.save[data-code='" + indicator + "']"));
    }

    private JavascriptExecutor js() {
        return (JavascriptExecutor) browser;
    }
}
