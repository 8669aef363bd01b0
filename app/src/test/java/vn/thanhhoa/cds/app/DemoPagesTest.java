package vn.thanhhoa.cds.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.LocalDate;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the browser tests of the pages people work in share: the platform with the demo accounts on a schema of the
 * test's own (each subclass names it), one headless Chromium per test, and the steps a person takes — type, click,
 * read — with axe-core at each state.
 */
// a context of its own schema, never used again: closed after the class, so its connections do not stay open
// while the rest of the suite runs (PostgreSQL's max_connections)
@org.springframework.test.annotation.DirtiesContext(classMode = org.springframework.test.annotation.DirtiesContext.ClassMode.AFTER_CLASS)
abstract class DemoPagesTest {
    /** This year, as the demo opens its reporting period. */
    static final int YEAR = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).getYear();

    @LocalServerPort
    int port;
    @Autowired
    TestRestTemplate http;
    @Autowired
    ObjectMapper json;
    @Autowired
    JdbcClient jdbc;
    WebDriver browser;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    /** Cành Nàng (the demo's commune officer, xa.canhnang) registered for this year, through the API. */
    void canhNangRegistered() throws Exception {
        org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
        headers.setContentType(org.springframework.http.MediaType.APPLICATION_JSON);
        headers.setBasicAuth("xa.canhnang", "demo-xa-2026");
        org.springframework.http.ResponseEntity<String> registered = http.exchange("/api/communes/14923/assessments",
                org.springframework.http.HttpMethod.POST,
                new org.springframework.http.HttpEntity<>(json.writeValueAsString(java.util.Map.of("year", YEAR)), headers), String.class);
        assertThat(registered.getStatusCode().value()).as(registered.getBody()).isIn(201, 409);
    }

    /** A file the browser downloads, once it has finished writing it. */
    java.nio.file.Path downloaded(java.nio.file.Path directory, String name) {
        java.nio.file.Path file = directory.resolve(name);
        waitUpTo(20).until(d -> {
            try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(directory)) {
                return java.nio.file.Files.exists(file) && files.noneMatch(p -> p.toString().endsWith(".crdownload"));
            } catch (java.io.IOException e) {
                return false;
            }
        });
        return file;
    }

    /** axe-core on the page: no serious or critical violation. */
    void axe(String state) throws Exception {
        assertThat(Browsers.seriousViolations(browser)).as("axe-core on the page (" + state + ")").isEqualTo("[]");
    }

    void type(WebElement field, String text) {
        Browsers.type(browser, field, text);
    }

    void click(WebElement element) {
        Browsers.click(browser, element);
    }

    String text(String id) {
        return Browsers.text(browser, id);
    }

    static WebElement visible(WebDriver d, By by) {
        return Browsers.visible(d, by);
    }

    WebDriverWait waitUpTo(int seconds) {
        return Browsers.waitUpTo(browser, seconds);
    }

    /** The page from its top, saved as the README shows it (Browsers.screenshot). */
    void screenshot(String name) throws Exception {
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0)");
        Browsers.screenshot(browser, name);
    }

    String url(String path) {
        return "http://localhost:" + port + path;
    }
}
