package vn.thanhhoa.cds.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chromium.ChromiumDriver;
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
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboards in Debian's headless Chromium (installed by infra/scripts/ensure-chromium.sh), on PostgreSQL with
 * the demo accounts: sign in, compare the pages with the query API, send a command and watch the page change without
 * a reload, and save a screenshot of each page (target/screenshots; docs/screenshots with -Dcds.update-screenshots=true);
 * twelve tabs of one browser share one live stream and all follow an event.
 */
// a context of its own schema, never used again: closed after the class, so its connections do not stay open
// while the rest of the suite runs (PostgreSQL's max_connections)
@org.springframework.test.annotation.DirtiesContext(classMode = org.springframework.test.annotation.DirtiesContext.ClassMode.AFTER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"cds.demo.enabled=true", "cds.simulator.enabled=false", "axoniq.update-checker.disabled=true"})
@ActiveProfiles({"postgres", "demo"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardPagesTest {
    private static final String SCHEMA = "cds_ui";
    private static final Tokens TOKENS = new Tokens();
    /** the subject of the demo account bcd.tinh */
    private static final String COMMITTEE = "demo:bcd.tinh";

    static {
        PlatformTest.freshSchema(SCHEMA);
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PlatformTest.storeIn(registry, SCHEMA);
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", TOKENS::publicKeyLocation);
    }

    @LocalServerPort
    int port;
    @Autowired
    TestRestTemplate http;
    @Autowired
    ObjectMapper json;
    @Autowired
    vn.thanhhoa.cds.query.live.LiveUpdates live;
    WebDriver browser;

    @BeforeAll
    void openBrowser() {
        browser = Browsers.headlessChromium();
    }

    @AfterAll
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private WebDriverWait waitUpTo(int seconds) {
        return new WebDriverWait(browser, Duration.ofSeconds(seconds), Duration.ofMillis(100));
    }

    private JsonNode api(String path) throws Exception {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(TOKENS.token("so-tttt", List.of("PROVINCE"), "38"));
        return json.readTree(http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class).getBody());
    }

    private ResponseEntity<String> command(HttpMethod method, String path, Object body, String subject, String role, String unit) throws Exception {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setBearerAuth(TOKENS.token(subject, List.of(role), unit));
        return http.exchange(path, method, new HttpEntity<>(body == null ? null : json.writeValueAsString(body), headers), String.class);
    }

    private void screenshot(String name) throws Exception {
        Browsers.screenshot(browser, name);
    }

    @Test
    void theThreePagesShowWhatTheApiSaysAndChangeLiveWithoutReload() throws Exception {
        // reference data and the demo report have been projected
        waitUntil(() -> api("/api/province/dashboard?year=2023").path("target").asInt() == 132);
        Browsers.signIn(browser, url(""), "bcd.tinh", "demo-bcd-2026");

        // province page
        browser.get(url("/?year=2023"));
        JsonNode province = api("/api/province/dashboard?year=2023");
        waitUpTo(15).until(d -> d.findElement(By.id("headline")).getText().equals(province.path("recognised").asInt() + " / 132"));
        List<WebElement> rows = browser.findElements(By.cssSelector("#district-table tbody tr"));
        assertThat(rows).hasSize(27);
        for (JsonNode district : province.path("districtRows")) {
            WebElement row = browser.findElement(By.cssSelector("#district-table tbody tr[data-code='" + district.path("code").asText() + "']"));
            assertThat(row.getText()).contains(district.path("name").asText());
            assertThat(row.findElement(By.cssSelector("td.recognised")).getText()).isEqualTo(district.path("recognised").asText());
        }
        assertThat(browser.findElements(By.cssSelector("#heatmap tr"))).hasSizeGreaterThan(1);
        assertThat(browser.findElement(By.id("updated-at")).getText()).matches("\\d{2}:\\d{2}:\\d{2}");
        waitUpTo(10).until(d -> d.findElement(By.id("live-dot")).getAttribute("class").contains("on"));

        // the reader sorts the districts by communes recognised, with the keyboard alone (Tab to the header, Enter)
        WebElement recognisedHeader = browser.findElements(By.cssSelector("#district-table th.sortable")).get(5);
        assertThat(recognisedHeader.getAttribute("tabindex")).isEqualTo("0");
        recognisedHeader.sendKeys(Keys.ENTER);
        assertThat(recognisedColumn()).isSorted();

        // a commune of Hà Trung goes all the way to recognition through the API; the open page follows without reload,
        // and without fetching its dashboards again: their changes come on the live stream (LiveViews)
        ((JavascriptExecutor) browser).executeScript("""
                window.__notReloaded = true;
                window.__fetched = [];
                const fetchAsBefore = window.fetch;
                window.fetch = (resource, init) => { window.__fetched.push(String(resource)); return fetchAsBefore(resource, init); };""");
        appraisedPassHaTrungCommune("15322");
        long sent = System.nanoTime();
        recognise("15322");
        waitUpTo(10).until(d -> d.findElement(By.id("headline")).getText().equals((province.path("recognised").asInt() + 1) + " / 132"));
        // measured, not asserted (BENCHMARKS.md): from the command's answer to the open page showing it
        System.out.printf("LIVE province page changed %d ms after the recognition was accepted%n", (System.nanoTime() - sent) / 1_000_000);
        assertThat(((JavascriptExecutor) browser).executeScript("return window.__notReloaded === true;")).isEqualTo(true);
        JsonNode recognisedNow = api("/api/province/dashboard?year=2023");
        String haTrung = districtRow(recognisedNow, "392").path("recognised").asText();
        waitUpTo(10).until(d -> d.findElement(By.cssSelector("#district-table tbody tr[data-code='392'] td.recognised")).getText().equals(haTrung));
        assertThat(browser.findElement(By.id("appraised")).getText()).isEqualTo(recognisedNow.path("appraisedPass").asText());
        // drawn again with the change, the table keeps the order its reader chose
        assertThat(recognisedColumn()).isSorted();
        assertThat(browser.findElements(By.cssSelector("#district-table th.sortable")).get(5).getAttribute("aria-sort")).isEqualTo("ascending");
        @SuppressWarnings("unchecked")
        List<String> fetched = (List<String>) ((JavascriptExecutor) browser).executeScript("return window.__fetched;");
        assertThat(fetched).as("the dashboards came on the stream, not fetched again")
                .noneMatch(path -> path.contains("/api/province/dashboard") || path.contains("/api/province/heatmap"));
        screenshot("province.png");

        // the server drops every live connection, as a restart does: the page reconnects by itself and keeps following
        live.closeAll();
        waitUpTo(15).until(d -> live.subscribers() > 0 && d.findElement(By.id("live-dot")).getAttribute("class").contains("on"));
        appraisedPassHaTrungCommune("15325");
        recognise("15325");
        waitUpTo(10).until(d -> d.findElement(By.id("headline")).getText().equals((province.path("recognised").asInt() + 2) + " / 132"));
        assertThat(((JavascriptExecutor) browser).executeScript("return window.__notReloaded === true;")).isEqualTo(true);

        // district page
        browser.get(url("/district.html?code=392&year=2023"));
        JsonNode district = api("/api/districts/392/dashboard?year=2023");
        waitUpTo(15).until(d -> d.findElements(By.cssSelector("#commune-table tbody tr")).size() == district.path("communes").asInt());
        assertThat(browser.findElement(By.id("headline")).getText()).isEqualTo(district.path("recognised").asInt() + " / " + district.path("target").asInt());
        assertThat(browser.findElement(By.cssSelector("#commune-table tbody tr[data-code='15322']")).getText()).contains("Đã công nhận");
        browser.findElement(By.id("filter")).sendKeys("Hà Tân");
        assertThat(browser.findElements(By.cssSelector("#commune-table tbody tr"))).hasSize(1);
        browser.findElement(By.id("filter")).clear();
        browser.findElement(By.id("filter")).sendKeys(" ");
        browser.findElement(By.id("filter")).clear();
        screenshot("district.png");
        // where the recognised count comes from: each recognised commune with its proposal and its decision
        browser.findElement(By.id("recognised-explain")).click();
        waitUpTo(10).until(d -> d.findElement(By.id("explain")).isDisplayed()
                && d.findElements(By.cssSelector("#explain tbody tr[data-code='15322']")).size() == 2);
        assertThat(browser.findElement(By.id("explain")).getText()).contains("Tờ trình").contains("Quyết định 79/QĐ-UBND");
        browser.findElement(By.id("explain-close")).click();
        waitUpTo(5).until(d -> !d.findElement(By.id("explain")).isDisplayed());

        // commune page: Cành Nàng's 2022 report, 27 of 30 met
        browser.get(url("/commune.html?code=14923&year=2022"));
        waitUpTo(15).until(d -> d.findElement(By.id("self-score")).getText().startsWith("27/30"));
        assertThat(browser.findElement(By.id("commune-label")).getText()).contains("Thị trấn Cành Nàng");
        assertThat(browser.findElements(By.cssSelector("table.pillar"))).hasSize(4);
        assertThat(browser.findElement(By.cssSelector("tr[data-indicator='3.2']")).getText()).contains("4.850/7.690").contains("Đạt");
        assertThat(browser.findElements(By.cssSelector("#timeline li"))).hasSize(32);
        screenshot("commune.png");
        // where an indicator's value comes from: who reported it, when, before → after
        browser.findElement(By.cssSelector("tr[data-indicator='3.2'] a.explain")).click();
        waitUpTo(10).until(d -> d.findElement(By.id("explain")).isDisplayed()
                && !d.findElements(By.cssSelector("#explain tbody tr")).isEmpty());
        assertThat(browser.findElement(By.cssSelector("#explain tbody")).getText()).contains("IndicatorValueReported").contains("4850/7690");
        browser.findElement(By.id("explain-close")).click();
        waitUpTo(5).until(d -> !d.findElement(By.id("explain")).isDisplayed());

        // English is one click away
        browser.findElement(By.id("lang-switch")).click();
        waitUpTo(10).until(d -> d.getTitle().startsWith("Commune digital transformation"));
        waitUpTo(10).until(d -> d.findElement(By.cssSelector("tr[data-indicator='3.2']")).getText().contains("Met"));
        browser.get(url("/?lang=vi"));
    }

    /**
     * An auditor opens Cành Nàng's 2022 card, follows "Lịch sử từng bước" and steps through the year: each step shows
     * its event, the card after it and what it changed, as the API says.
     */
    @Test
    void theAuditorStepsThroughAYearEventByEvent() throws Exception {
        WebDriver auditor = Browsers.headlessChromium();
        try {
            Browsers.signIn(auditor, url(""), "thanh.tra", "demo-thanhtra-2026");
            auditor.get(url("/commune.html?code=14923&year=2022"));
            WebDriverWait wait = new WebDriverWait(auditor, Duration.ofSeconds(15), Duration.ofMillis(100));
            wait.until(d -> d.findElement(By.id("audit-link")).isDisplayed());
            auditor.findElement(By.cssSelector("#audit-link a")).click();

            String steps = "/api/audit/communes/14923/assessments/2022/steps";
            int last = api(steps).path("steps").asInt();
            wait.until(d -> d.findElement(By.id("step")).getAttribute("value").equals(String.valueOf(last)));
            assertThat(auditor.findElement(By.id("steps")).getText()).isEqualTo(String.valueOf(last));
            auditor.findElement(By.tagName("body")).sendKeys(org.openqa.selenium.Keys.ARROW_LEFT);
            wait.until(d -> d.findElement(By.id("step")).getAttribute("value").equals(String.valueOf(last - 1)));

            JsonNode third = api(steps + "?step=3");
            WebElement step = auditor.findElement(By.id("step"));
            step.clear();
            step.sendKeys("3", org.openqa.selenium.Keys.TAB);
            wait.until(d -> d.getCurrentUrl().endsWith("step=3") && d.findElement(By.id("event-at")).getText()
                    .startsWith(third.path("event").path("atDisplay").asText()));
            assertThat(auditor.findElement(By.id("event-name")).getText()).isEqualTo("Cập nhật giá trị chỉ tiêu");
            String changes = auditor.findElement(By.id("changes")).getText();
            for (JsonNode change : third.path("changes")) {
                assertThat(changes).contains(change.path("what").asText());
            }
            assertThat(auditor.findElements(By.cssSelector("#indicators tr.changed"))).hasSize(1);
            Path screenshots = Path.of("target", "screenshots");
            Files.createDirectories(screenshots);
            Files.copy(((TakesScreenshot) auditor).getScreenshotAs(OutputType.FILE).toPath(), screenshots.resolve("audit.png"),
                    StandardCopyOption.REPLACE_EXISTING);

            // the province page: a district's recognised count opens the decisions behind it
            auditor.get(url("/?year=2023"));
            wait.until(d -> !d.findElements(By.cssSelector("#district-table a.explain[data-code='392']")).isEmpty());
            auditor.findElement(By.cssSelector("#district-table a.explain[data-code='392']")).click();
            wait.until(d -> d.findElement(By.id("explain")).isDisplayed());
            assertThat(auditor.findElement(By.id("explain-title")).getText()).contains("Hà Trung");
            auditor.findElement(By.id("explain-close")).click();
            // and travels in time: the decisions in force on a day, the page as shown at an instant
            JsonNode before2023 = api("/api/province/dashboard?year=2023&inForceOn=2022-12-31");
            ((JavascriptExecutor) auditor).executeScript("const i = document.getElementById('in-force-on');"
                    + "i.value = '2022-12-31'; i.dispatchEvent(new Event('change'));");
            wait.until(d -> d.getCurrentUrl().contains("inForceOn=2022-12-31")
                    && d.findElement(By.id("headline")).getText().equals(before2023.path("recognised").asInt() + " / " + before2023.path("target").asInt()));
            // 2022 as the platform showed it before anything was recorded: Cành Nàng's report not yet there (a link
            // with the instant in it opens the page so)
            assertThat(api("/api/province/dashboard?year=2022").path("registered").asInt()).isPositive();
            auditor.get(url("/?year=2022&knownAtLocal=2000-01-01T07:00"));
            wait.until(d -> d.findElement(By.id("known-at")).getAttribute("value").equals("2000-01-01T07:00")
                    && d.findElement(By.id("registered")).getText().equals("0"));
        } finally {
            auditor.quit();
        }
    }

    /**
     * A committee member opens a tab per district: twelve tabs of one browser (the province page and eleven district
     * pages) share one live stream, so each loads, and each shows an event that changes them all (the year's targets).
     * When someone else signs in, the stream is reopened as them; signing out sends every tab to the sign-in page.
     */
    @Test
    void twelveTabsOfOneBrowserShareOneStreamAndAllFollowAnEvent() throws Exception {
        tabsFollowOneEvent(Streams.SHARED_WORKER, 12);
    }

    /** The same without shared workers: one tab, elected with a Web Lock, holds the stream for the others. */
    @Test
    void withoutSharedWorkersOneTabLeadsTheOthers() throws Exception {
        tabsFollowOneEvent(Streams.LEADER_TAB, 12);
    }

    /** With neither, each page holds a stream of its own, as before: two tabs. */
    @Test
    void withNeitherEachPageHasItsOwnStream() throws Exception {
        tabsFollowOneEvent(Streams.EACH_PAGE, 2);
    }

    /** How the tabs of a browser get their live stream, by what the browser has. */
    private enum Streams {
        SHARED_WORKER(1, ""),
        LEADER_TAB(1, "delete window.SharedWorker;"),
        EACH_PAGE(Integer.MAX_VALUE, "delete window.SharedWorker; delete window.BroadcastChannel; delete Navigator.prototype.locks;");

        final int streamsPerBrowser;
        /** run before each page's own scripts: takes away what this browser lacks */
        final String without;

        Streams(int streamsPerBrowser, String without) {
            this.streamsPerBrowser = streamsPerBrowser;
            this.without = without;
        }
    }

    private void tabsFollowOneEvent(Streams streams, int tabCount) throws Exception {
        waitUntil(() -> api("/api/province/dashboard?year=2024").path("target").asInt() > 0);
        int before = live.streams(COMMITTEE);
        WebDriver tabs = Browsers.headlessChromium();
        try {
            // a tab that cannot get a connection hangs in its first load: fail then, not after five minutes
            tabs.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            takeAway(tabs, streams);
            Browsers.signIn(tabs, url(""), "bcd.tinh", "demo-bcd-2026");
            JsonNode province = api("/api/province/dashboard?year=2024");
            List<String> districts = new ArrayList<>();
            province.path("districtRows").forEach(d -> districts.add(d.path("code").asText()));

            List<String> paths = new ArrayList<>(List.of("/?year=2024"));
            districts.subList(0, tabCount - 1).forEach(code -> paths.add("/district.html?code=" + code + "&year=2024"));
            List<String> handles = new ArrayList<>();
            for (String path : paths) {
                if (!handles.isEmpty()) {
                    tabs.switchTo().newWindow(WindowType.TAB);
                    takeAway(tabs, streams);
                }
                tabs.get(url(path));
                handles.add(tabs.getWindowHandle());
            }
            for (String handle : handles) {
                tabs.switchTo().window(handle);
                new WebDriverWait(tabs, Duration.ofSeconds(30), Duration.ofMillis(100)).until(d ->
                        d.findElement(By.id("headline")).getText().contains(" / ")
                                && d.findElement(By.id("live-dot")).getAttribute("class").contains("on"));
                // when the headline changes, in ms since the epoch, as the page saw it
                ((JavascriptExecutor) tabs).executeScript("""
                        const headline = document.getElementById('headline'), before = headline.textContent;
                        window.__changedAt = null;
                        new MutationObserver(() => {
                          if (window.__changedAt === null && headline.textContent !== before) window.__changedAt = Date.now();
                        }).observe(headline, { childList: true, characterData: true, subtree: true });""");
            }
            // (a page left for the next one may have held a stream the heartbeat has not yet found gone)
            waitUntil(() -> live.streams(COMMITTEE) <= before + Math.min(tabCount, streams.streamsPerBrowser));

            // one more commune to complete in each shown district: every tab's headline changes
            List<Map<String, Object>> shares = new ArrayList<>();
            Map<String, Integer> expected = new HashMap<>();
            int total = 0;
            for (JsonNode row : province.path("districtRows")) {
                String code = row.path("code").asText();
                int target = row.path("target").asInt() + (districts.indexOf(code) < tabCount - 1 ? 1 : 0);
                shares.add(Map.of("districtCode", code, "communes", target));
                expected.put(code, target);
                total += target;
            }
            expect(command(HttpMethod.PUT, "/api/targets/2024", Map.of("provinceTarget", total, "districtTargets", shares,
                    "decisionNumber", "969/QĐ-UBND-" + streams), "so-tttt", "PROVINCE", "38"));
            long accepted = System.currentTimeMillis();

            List<Long> latencies = new ArrayList<>();
            for (int i = 0; i < handles.size(); i++) {
                tabs.switchTo().window(handles.get(i));
                String headline = i == 0 ? province.path("recognised").asInt() + " / " + total
                        : api("/api/districts/" + districts.get(i - 1) + "/dashboard?year=2024").path("recognised").asInt()
                        + " / " + expected.get(districts.get(i - 1));
                new WebDriverWait(tabs, Duration.ofSeconds(30), Duration.ofMillis(100))
                        .until(d -> d.findElement(By.id("headline")).getText().equals(headline));
                Number changedAt = (Number) ((JavascriptExecutor) tabs).executeScript("return window.__changedAt;");
                latencies.add(changedAt.longValue() - accepted);
            }
            // measured, not asserted (BENCHMARKS.md): from the command's answer to each tab showing it
            // (a followed dashboard is drawn in an animation frame: a tab in the background draws when the test brings
            // it to the front, one after the other)
            System.out.printf("LIVE %d tabs of one browser (%s) changed %s ms after the targets were accepted%n",
                    handles.size(), streams, latencies);

            if (streams != Streams.EACH_PAGE) {
                // someone else signs in in the last tab: the browser's stream is reopened as them, and the other tabs,
                // which showed what the committee may read, load again as the new person
                Browsers.signIn(tabs, url(""), "huyen.hatrung", "demo-huyen-2026");
                for (String handle : handles) {
                    tabs.switchTo().window(handle);
                    // the tab reloads itself as the new person: an element found before the reload goes stale
                    new WebDriverWait(tabs, Duration.ofSeconds(30), Duration.ofMillis(100))
                            .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                            .until(d -> d.findElement(By.id("who")).getText().startsWith("demo:huyen.hatrung"));
                }
                waitUntil(() -> live.streams("demo:huyen.hatrung") == 1 && live.streams(COMMITTEE) <= before);
            }

            // signing out in one tab ends the browser's stream, and every tab leaves the dashboards
            ((JavascriptExecutor) tabs).executeScript("""
                    const token = document.cookie.split('; ').find(c => c.startsWith('XSRF-TOKEN=')).split('=')[1];
                    fetch('/logout', { method: 'POST', headers: { 'X-XSRF-TOKEN': decodeURIComponent(token) } });""");
            for (String handle : handles) {
                tabs.switchTo().window(handle);
                new WebDriverWait(tabs, Duration.ofSeconds(30), Duration.ofMillis(100)).until(d -> d.getCurrentUrl().contains("/signed-out.html"));
            }
            assertThat(live.streams(COMMITTEE)).isLessThanOrEqualTo(before);
            assertThat(live.streams("demo:huyen.hatrung")).isZero();
        } finally {
            tabs.quit();
        }
    }

    /** Makes the tab's pages run as in a browser without shared workers (or also without channels and locks). */
    private static void takeAway(WebDriver tab, Streams streams) {
        if (!streams.without.isEmpty()) {
            ((ChromiumDriver) tab).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument",
                    Map.of("source", streams.without));
        }
    }

    private void appraisedPassHaTrungCommune(String code) throws Exception {
        String base = "/api/communes/" + code + "/assessments";
        expect(command(HttpMethod.POST, base, Map.of("year", 2023, "frameworkId", "TH-XA-1829-2023"), "can-bo", "COMMUNE", code));
        for (String indicator : indicatorCodes()) {
            boolean yesNo = List.of("1.6", "1.7", "1.9", "1.10", "1.11", "2.1", "3.3", "4.2", "4.4", "4.5", "4.6", "4.7", "4.8").contains(indicator);
            expect(command(HttpMethod.PUT, base + "/2023/indicators/" + indicator, yesNo
                    ? Map.of("measure", "BOOLEAN", "value", true) : Map.of("measure", "RATIO", "numerator", 9, "denominator", 9), "can-bo", "COMMUNE", code));
        }
        expect(command(HttpMethod.POST, base + "/2023/submission", Map.of("reportNumber", "77/BC-UBND"), "can-bo", "COMMUNE", code));
        expect(command(HttpMethod.POST, base + "/2023/appraisal", null, "tham-dinh", "DISTRICT", "392"));
        expect(command(HttpMethod.POST, base + "/2023/appraisal/conclusion", Map.of("document", Map.of("number", "78/BC-UBND")), "tham-dinh", "DISTRICT", "392"));
        waitUntil(() -> "APPRAISED_PASS".equals(api(base + "/2023").path("stage").asText()));
    }

    private void recognise(String code) throws Exception {
        expect(command(HttpMethod.POST, "/api/communes/" + code + "/assessments/2023/review", Map.of("note", ""),
                "so-tttt-xem-xet", "DEPARTMENT", "38"));
        expect(command(HttpMethod.POST, "/api/recognition-proposals", Map.of("year", 2023,
                "document", Map.of("number", "80/TTr-STTTT-" + code), "communes", List.of(code)), "so-tttt-xem-xet", "DEPARTMENT", "38"));
        expect(command(HttpMethod.POST, "/api/communes/" + code + "/assessments/2023/recognition",
                Map.of("document", Map.of("number", "79/QĐ-UBND")), "so-tttt", "PROVINCE", "38"));
    }

    private static List<String> indicatorCodes() {
        return List.of("1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7", "1.8", "1.9", "1.10", "1.11", "2.1", "2.2", "2.3",
                "2.4", "2.5", "2.6", "3.1", "3.2", "3.3", "3.4", "3.5", "4.1", "4.2", "4.3", "4.4", "4.5", "4.6", "4.7", "4.8");
    }

    private static void expect(ResponseEntity<String> response) {
        assertThat(response.getStatusCode().is2xxSuccessful()).as(response.getBody()).isTrue();
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    /** The province table's recognised counts, top to bottom as shown. */
    private List<Integer> recognisedColumn() {
        return browser.findElements(By.cssSelector("#district-table tbody td.recognised")).stream()
                .map(cell -> Integer.parseInt(cell.getAttribute("data-value"))).toList();
    }

    private static JsonNode districtRow(JsonNode province, String code) {
        for (JsonNode row : province.path("districtRows")) {
            if (row.path("code").asText().equals(code)) {
                return row;
            }
        }
        throw new AssertionError("no district " + code);
    }

    private static void waitUntil(Check check) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!check.holds()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out");
            }
            Thread.sleep(100);
        }
    }
}
