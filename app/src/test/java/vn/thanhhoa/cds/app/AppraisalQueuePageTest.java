package vn.thanhhoa.cds.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The appraiser's queue page (issue 27), in headless Chromium on PostgreSQL with the demo accounts: a commune submits
 * this year's self-assessment (through the API: the commune's form is another test's), and the appraiser — since the
 * 2025 reform the body the province designated, `so.khcn` — signs in, opens the queue and finds it with its self-score
 * and days waited, filters by former district and by stage with the keyboard, and sees a bad filter refused in
 * Vietnamese beside the table. At desktop width and at 390 px, with axe-core finding no serious or critical violation.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"cds.demo.enabled=true", "cds.simulator.enabled=false", "axoniq.update-checker.disabled=true"})
@ActiveProfiles({"postgres", "demo"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AppraisalQueuePageTest {
    private static final String SCHEMA = "cds_queue";
    private static final Path AXE = Path.of("..", "target", "browser-tools", "node_modules", "axe-core", "axe.min.js");
    private static final int YEAR = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).getYear();

    static {
        PlatformTest.freshSchema(SCHEMA);
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PlatformTest.storeIn(registry, SCHEMA);
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", new Tokens()::publicKeyLocation);
    }

    @LocalServerPort
    int port;
    @Autowired
    TestRestTemplate http;
    @Autowired
    ObjectMapper json;
    @Autowired
    JdbcClient jdbc;
    WebDriver browser;
    private boolean submitted;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theAppraiserFindsASubmittedCommuneInTheQueueAtDesktopWidth() throws Exception {
        browser = Browsers.headlessChromium();
        appraisersQueue("desktop");
    }

    @Test
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
        Browsers.screenshot(browser, "tham-dinh-" + shot + ".png");

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

    /** The commune fills every indicator of the year's framework and submits, through the API (not this test's steps). */
    private void submitOnce(String account, String code) throws Exception {
        if (submitted) {
            return;
        }
        String base = "/api/communes/" + code + "/assessments";
        ResponseEntity<String> registered = send(HttpMethod.POST, base, Map.of("year", YEAR), account);
        assertThat(registered.getStatusCode().value()).as(registered.getBody()).isIn(201, 409);
        JsonNode rules = json.readTree(send(HttpMethod.GET, "/api/reporting-years/" + YEAR, null, account).getBody());
        JsonNode framework = json.readTree(jdbc.sql("select definition from q_framework where framework_id = :id")
                .param("id", rules.path("frameworkId").asText()).query(String.class).single());
        Map<String, Object> values = new HashMap<>();
        framework.path("pillars").forEach(p -> p.path("indicators").forEach(i -> values.put(i.path("code").asText(),
                "RATIO".equals(i.path("measure").asText()) ? Map.of("measure", "RATIO", "numerator", 9, "denominator", 10)
                        : Map.of("measure", "BOOLEAN", "value", true))));
        for (Map.Entry<String, Object> value : values.entrySet()) {
            assertThat(send(HttpMethod.PUT, base + "/" + YEAR + "/indicators/" + value.getKey(), value.getValue(), account)
                    .getStatusCode().value()).isEqualTo(204);
        }
        ResponseEntity<String> submission = send(HttpMethod.POST, base + "/" + YEAR + "/submission",
                Map.of("reportNumber", "21/BC-UBND"), account);
        assertThat(submission.getStatusCode().value()).as(submission.getBody()).isEqualTo(204);
        submitted = true;
    }

    private ResponseEntity<String> send(HttpMethod method, String path, Object body, String account) throws Exception {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setBasicAuth(account, "demo-xa-2026");
        return http.exchange(path, method, new HttpEntity<>(body == null ? null : json.writeValueAsString(body), headers), String.class);
    }

    /** axe-core, injected into the page: no serious or critical violation. */
    private void axe(String state) throws Exception {
        ((JavascriptExecutor) browser).executeScript(Files.readString(AXE));
        Object result = ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "axe.run(document, { resultTypes: ['violations'] }).then(r => done(JSON.stringify(r.violations"
                        + ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
                        + ".map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target) })))))"
                        + ".catch(e => done('error: ' + e));");
        assertThat(result.toString()).as("axe-core on the queue (" + state + ")").isEqualTo("[]");
    }

    private String text(String id) {
        return browser.findElements(By.id(id)).stream().findFirst().map(e -> e.getText().trim()).orElse("");
    }

    private WebDriverWait waitUpTo(int seconds) {
        return new WebDriverWait(browser, Duration.ofSeconds(seconds), Duration.ofMillis(100));
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
