package vn.thanhhoa.cds.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
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

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The province's reference work in its page (issue 27, item 4), in headless Chromium on PostgreSQL, signed in as the
 * province (`so.tttt`), by typing and clicking: the targets of a year (refused by the page without the decision's
 * number), the framework a year is assessed under, an amendment of points previewed before it is signed — the preview
 * lists the concluded verdict it would flip, computed by the platform on the current data, and signing without a
 * preview of those very points is refused — and a new framework published from its JSON file. axe-core on the page,
 * and at 390 px.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"cds.demo.enabled=true", "cds.simulator.enabled=false", "axoniq.update-checker.disabled=true"})
@ActiveProfiles({"postgres", "demo"})
class ProvinceReferencePageTest extends DemoPagesTest {
    private static final String SCHEMA = "cds_reference";
    private static final Tokens TOKENS = new Tokens();
    private static final String HA_LINH = "15316";
    private static final List<String> LOWERED = List.of("1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4", "4.1");

    static {
        PlatformTest.freshSchema(SCHEMA);
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PlatformTest.storeIn(registry, SCHEMA);
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", TOKENS::publicKeyLocation);
    }

    @Test
    void theProvinceAssignsTargetsAndAFrameworkAmendsPointsAfterAPreviewAndPublishesAFramework() throws Exception {
        concludedPassIn2024(); // the verdict the amendment would flip: through the API, not this test's steps
        browser = Browsers.headlessChromium();
        Browsers.signIn(browser, url(""), "so.tttt", "demo-tinh-2026");
        browser.get(url("/tinh.html?year=2031"));
        waitUpTo(20).until(d -> !text("targets-now").isEmpty() && !d.findElements(By.cssSelector(".new-points")).isEmpty());
        axe("the reference page");

        // the year's targets: the decision's number first refused by the page
        type(browser.findElement(By.id("province-target")), "120");
        click(browser.findElement(By.id("targets-button")));
        waitUpTo(5).until(d -> text("targets-error").contains("Cần số quyết định"));
        type(browser.findElement(By.id("targets-number")), "31/QĐ-UBND");
        type(browser.findElement(By.id("targets-date")), "05/01/2031");
        click(browser.findElement(By.id("targets-button")));
        waitUpTo(10).until(d -> text("targets-done").contains("31/QĐ-UBND"));
        assertThat(eventuallyJson("/api/province/dashboard?year=2031", d -> d.path("target").asInt() == 120)).isNotNull();

        // the framework 2031 is assessed under
        new Select(browser.findElement(By.id("year-framework"))).selectByValue("TH-XA-1829-2023");
        type(browser.findElement(By.id("year-framework-number")), "32/QĐ-UBND");
        click(browser.findElement(By.id("year-framework-button")));
        waitUpTo(10).until(d -> text("year-framework-done").contains("TH-XA-1829-2023"));

        // an amendment: signing before a preview is refused; the preview names the verdict it would flip
        new Select(browser.findElement(By.id("amend-framework"))).selectByValue("TH-XA-1829-2023");
        for (String indicator : LOWERED) {
            type(waitUpTo(10).until(d -> visible(d, By.id("points-" + indicator))), "0");
        }
        type(browser.findElement(By.id("amend-number")), "33/QĐ-UBND");
        click(browser.findElement(By.id("amend-button")));
        waitUpTo(5).until(d -> text("amend-error").contains("Xem trước"));
        click(browser.findElement(By.id("amend-preview-button")));
        WebElement flipped = waitUpTo(15).until(d -> d.findElements(By.cssSelector("#flips tr[data-code='" + HA_LINH + "']"))
                .stream().findFirst().orElse(null));
        assertThat(flipped.getText()).contains("Đạt").contains("Không đạt").contains("2024");
        assertThat(text("amend-preview")).contains("thay đổi 1 kết luận");
        axe("the amendment previewed");
        screenshot("tinh-desktop.png");
        type(browser.findElement(By.id("amend-reason")), "Đính chính theo ý kiến các sở");
        click(browser.findElement(By.id("amend-button")));
        waitUpTo(10).until(d -> text("amend-done").contains("33/QĐ-UBND"));
        assertThat(eventuallyJson("/api/communes/" + HA_LINH + "/assessments/2024", c -> c.path("verdictInQuestion").asBoolean()))
                .as("the verdict the preview named is put in question").isNotNull();

        // a new framework from its file
        Path file = Files.createTempFile("bo-tieu-chi", ".json");
        try (InputStream in = getClass().getResourceAsStream("/reference-data/TH-XA-1829-2023.json")) {
            ObjectNode framework = (ObjectNode) json.readTree(in);
            framework.put("id", "TH-XA-THU-2031").put("title", "Bộ tiêu chí thử nghiệm 2031");
            Files.writeString(file, json.writeValueAsString(framework));
        }
        browser.findElement(By.id("publish-file")).sendKeys(file.toAbsolutePath().toString());
        waitUpTo(5).until(d -> text("publish-preview").contains("TH-XA-THU-2031"));
        click(browser.findElement(By.id("publish-button")));
        waitUpTo(10).until(d -> text("publish-done").contains("TH-XA-THU-2031"));
        assertThat(Browsers.scriptErrors(browser)).as("what the page's scripts threw").isEmpty();

        browser.manage().window().setSize(new Dimension(390, 844));
        browser.navigate().refresh();
        waitUpTo(20).until(d -> !d.findElements(By.cssSelector(".new-points")).isEmpty());
        Number overflow = (Number) ((JavascriptExecutor) browser)
                .executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertThat(overflow.intValue()).as("the page scrolls down, never sideways").isLessThanOrEqualTo(0);
        axe("the reference page on a phone");
    }

    /** Hà Lĩnh's 2024 under Decision 1829, every indicator met, appraised Đạt by Huyện Hà Trung. */
    private void concludedPassIn2024() throws Exception {
        String base = "/api/communes/" + HA_LINH + "/assessments";
        String commune = TOKENS.token("can-bo-" + HA_LINH, List.of("COMMUNE"), HA_LINH);
        String district = TOKENS.token("tham-dinh-392", List.of("DISTRICT"), "392");
        await(() -> jdbc.sql("select count(*) from q_framework").query(Long.class).single() > 0);
        ok(send(HttpMethod.POST, base, Map.of("year", 2024, "frameworkId", "TH-XA-1829-2023"), commune));
        JsonNode framework = json.readTree(jdbc.sql("select definition from q_framework where framework_id = 'TH-XA-1829-2023'")
                .query(String.class).single());
        for (Map.Entry<String, Object> value : PlatformTest.everyIndicator(framework, 10, 10).entrySet()) {
            ok(send(HttpMethod.PUT, base + "/2024/indicators/" + value.getKey(), value.getValue(), commune));
        }
        ok(send(HttpMethod.POST, base + "/2024/submission", Map.of("reportNumber", "9/BC-UBND"), commune));
        ok(send(HttpMethod.POST, base + "/2024/appraisal", null, district));
        ok(send(HttpMethod.POST, base + "/2024/appraisal/conclusion", Map.of("document", Map.of("number", "10/BC-UBND")), district));
        eventuallyJson(base + "/2024", c -> "APPRAISED_PASS".equals(c.path("stage").asText()));
    }

    private ResponseEntity<String> send(HttpMethod method, String path, Object body, String token) throws Exception {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setBearerAuth(token);
        return http.exchange(path, method, new HttpEntity<>(body == null ? null : json.writeValueAsString(body), headers), String.class);
    }

    private static void ok(ResponseEntity<String> response) {
        assertThat(response.getStatusCode().is2xxSuccessful()).as(response.getBody()).isTrue();
    }

    private JsonNode eventuallyJson(String path, java.util.function.Predicate<JsonNode> expected) {
        String province = TOKENS.token("so-tttt", List.of("PROVINCE"), "38");
        JsonNode[] last = new JsonNode[1];
        await(() -> {
            ResponseEntity<String> response = send(HttpMethod.GET, path, null, province);
            last[0] = response.getStatusCode().is2xxSuccessful() ? json.readTree(response.getBody()) : null;
            return last[0] != null && expected.test(last[0]);
        });
        return last[0];
    }

    private static void await(java.util.concurrent.Callable<Boolean> condition) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).pollInterval(java.time.Duration.ofMillis(100))
                .until(condition);
    }
}
