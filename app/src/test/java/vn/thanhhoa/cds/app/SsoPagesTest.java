package vn.thanhhoa.cds.app;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A production start — profile {@code postgres}, no demo profile, an OIDC issuer set — serves the pages behind the
 * province's SSO: headless Chromium signs in on the provider's own login page (an in-process Spring Authorization
 * Server, {@link ProvinceSso}) as a steering-committee member, a district officer and a commune officer, and each sees
 * what their role and unit allow; signing out ends the provider's session too. The API accepts the same provider's
 * bearer tokens and refuses expired and tampered ones.
 */
// a context of its own schema, never used again: closed after the class, so its connections do not stay open
// while the rest of the suite runs (PostgreSQL's max_connections)
@org.springframework.test.annotation.DirtiesContext(classMode = org.springframework.test.annotation.DirtiesContext.ClassMode.AFTER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = {"cds.demo.enabled=false", "cds.simulator.enabled=false", "axoniq.update-checker.disabled=true"})
@ActiveProfiles("postgres")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SsoPagesTest {
    private static final String SCHEMA = "cds_sso";
    private static final int PORT = ProvinceSso.freePort();
    /** localhost for the platform, 127.0.0.1 for the provider: two sites, so their cookies stay apart */
    private static final String BASE = "http://localhost:" + PORT;
    private static final ProvinceSso SSO;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    static {
        PlatformTest.freshSchema(SCHEMA);
        SSO = new ProvinceSso(BASE);
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        PlatformTest.storeIn(registry, SCHEMA);
        registry.add("server.port", () -> PORT);
        // the issuer the API trusts, and the pages' client of it
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> SSO.issuer);
        registry.add("spring.security.oauth2.client.provider.sso.issuer-uri", () -> SSO.issuer);
        registry.add("spring.security.oauth2.client.registration.sso.client-id", () -> ProvinceSso.CLIENT_ID);
        registry.add("spring.security.oauth2.client.registration.sso.client-secret", () -> ProvinceSso.CLIENT_SECRET);
        registry.add("spring.security.oauth2.client.registration.sso.scope", () -> "openid,profile");
    }

    @AfterAll
    void stopProvider() {
        SSO.close();
    }

    @Test
    void withoutASessionEveryPageLeadsToTheSsoWithPkce() throws Exception {
        for (String page : new String[]{"/", "/district.html?code=392&year=2023", "/login.html"}) {
            HttpResponse<String> response = send(page, null);
            assertThat(response.statusCode()).as(page).isEqualTo(302);
            assertThat(response.headers().firstValue("Location").orElseThrow()).as(page).endsWith("/oauth2/authorization/sso");
        }
        HttpResponse<String> start = send("/oauth2/authorization/sso", null);
        String authorize = start.headers().firstValue("Location").orElseThrow();
        assertThat(authorize).startsWith(SSO.issuer + "/oauth2/authorize?").contains("response_type=code")
                .contains("code_challenge=").contains("code_challenge_method=S256").contains("scope=openid");
        // the API still answers problem+json, never a redirect
        HttpResponse<String> api = send("/api/province/dashboard?year=2023", null);
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
    }

    @Test
    void theProvidersTokensAreAcceptedByTheApiUnlessExpiredOrTampered() throws Exception {
        String valid = SSO.accessToken(ProvinceSso.STEERING, Instant.now().plusSeconds(600));
        assertThat(send("/api/province/dashboard?year=2023", valid).statusCode()).isEqualTo(200);
        String expired = SSO.accessToken(ProvinceSso.STEERING, Instant.now().minusSeconds(3600));
        assertThat(send("/api/province/dashboard?year=2023", expired).statusCode()).isEqualTo(401);
        // the same signature over claims that say another unit
        String[] parts = SSO.accessToken(ProvinceSso.HA_TRUNG, Instant.now().plusSeconds(600)).split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1])).replace("\"392\"", "\"386\"");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(claims.getBytes()) + "." + parts[2];
        HttpResponse<String> refused = send("/api/districts/386/dashboard?year=2023", tampered);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("INVALID_CREDENTIALS");
    }

    @Test
    void eachPersonSignsInThroughTheSsoAndSeesWhatTheirRoleAndUnitAllow() throws Exception {
        // the commune officer's commune and its neighbour have cards for 2023 (registered through the API with the
        // provider's tokens)
        for (var officer : new ProvinceSso.Person[]{ProvinceSso.COMMUNE, new ProvinceSso.Person("xa.15277", java.util.List.of("COMMUNE"), "15277")}) {
            HttpResponse<String> registered = http.send(HttpRequest.newBuilder(URI.create(BASE + "/api/communes/" + officer.unit() + "/assessments"))
                    .header("Authorization", "Bearer " + SSO.accessToken(officer, Instant.now().plusSeconds(600)))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"year\":2023,\"frameworkId\":\"TH-XA-1829-2023\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(registered.statusCode()).as(registered.body()).isIn(201, 409);
        }

        WebDriver browser = Browsers.headlessChromium();
        try {
            signIn(browser, "/?year=2023", ProvinceSso.STEERING);
            wait(browser).until(d -> d.findElements(By.cssSelector("#district-table tbody tr")).size() > 20);
            assertThat(browser.findElement(By.id("who")).getText()).isEqualTo("bcd.nguyen (STEERING · 38)");
            Cookie session = browser.manage().getCookieNamed("JSESSIONID");
            assertThat(session.isSecure()).as("the session cookie goes over HTTPS only").isTrue();
            assertThat(session.isHttpOnly()).isTrue();
            assertThat(status(browser, "/api/districts/386/dashboard?year=2023")).isEqualTo(200);

            // signing out ends the provider's session too: the next page asks for the password again
            browser.findElement(By.cssSelector("#sign-out button")).click();
            wait(browser).until(d -> d.getCurrentUrl().equals(BASE + "/signed-out.html"));
            browser.get(BASE + "/?year=2023");
            wait(browser).until(d -> d.getCurrentUrl().startsWith(SSO.issuer + "/login"));
        } finally {
            browser.quit();
        }

        browser = Browsers.headlessChromium();
        try {
            signIn(browser, "/district.html?code=392&year=2023", ProvinceSso.HA_TRUNG);
            wait(browser).until(d -> d.findElements(By.cssSelector("#commune-table tbody tr")).size() > 10);
            assertThat(browser.findElement(By.id("who")).getText()).isEqualTo("huyen.hatrung.le (DISTRICT · 392)");
            assertThat(status(browser, "/api/districts/392/dashboard?year=2023")).isEqualTo(200);
            assertThat(status(browser, "/api/districts/386/dashboard?year=2023")).isEqualTo(403);
            assertThat(status(browser, "/api/province/dashboard?year=2023")).isEqualTo(403);
        } finally {
            browser.quit();
        }

        browser = Browsers.headlessChromium();
        try {
            signIn(browser, "/commune.html?code=15274&year=2023", ProvinceSso.COMMUNE);
            wait(browser).until(d -> !d.findElement(By.id("commune-stage")).getText().equals("—"));
            assertThat(browser.findElement(By.id("commune-stage")).getText()).isEqualTo("Đã đăng ký");
            assertThat(status(browser, "/api/communes/15274/assessments/2023")).isEqualTo(200);
            assertThat(status(browser, "/api/communes/15277/assessments/2023")).isEqualTo(403);
            assertThat(status(browser, "/api/districts/392/dashboard?year=2023")).isEqualTo(403);
        } finally {
            browser.quit();
        }

        // a person the SSO gives no role or unit of the platform is not signed in
        browser = Browsers.headlessChromium();
        try {
            signIn(browser, "/?year=2023", ProvinceSso.WITHOUT_ROLE);
            assertThat(browser.getPageSource()).contains("NO_ROLE_OR_UNIT").contains("chưa được cấp vai trò hoặc đơn vị");
            // and asking again, while the provider still knows them, gives the same answer, never a dashboard
            browser.get(BASE + "/?year=2023");
            wait(browser).until(d -> d.getCurrentUrl().startsWith(BASE + "/login/oauth2/code/sso"));
            assertThat(browser.getPageSource()).contains("NO_ROLE_OR_UNIT");
            assertThat(status(browser, "/api/me")).isEqualTo(401);
        } finally {
            browser.quit();
        }
    }

    /** Opens a page of the platform, lands on the provider's login page, signs in there and comes back. */
    private void signIn(WebDriver browser, String page, ProvinceSso.Person person) {
        browser.get(BASE + page);
        wait(browser).until(d -> d.getCurrentUrl().startsWith(SSO.issuer + "/login"));
        browser.findElement(By.id("username")).sendKeys(person.username());
        browser.findElement(By.id("password")).sendKeys(ProvinceSso.PASSWORD);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        wait(browser).until(d -> d.getCurrentUrl().startsWith(BASE));
    }

    /** The status the page's own session gets from the API (the page's fetch, with its cookie). */
    private static long status(WebDriver browser, String path) {
        return (Long) ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1]; fetch(arguments[0], {credentials: 'same-origin'}).then(r => done(r.status));", path);
    }

    private static WebDriverWait wait(WebDriver browser) {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        wait.withMessage(() -> "at " + browser.getCurrentUrl() + ": "
                + browser.getPageSource().substring(0, Math.min(600, browser.getPageSource().length())));
        return wait;
    }

    private HttpResponse<String> send(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(BASE + path)).header("Accept", "text/html,application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
