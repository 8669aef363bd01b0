package vn.thanhhoa.cds.app;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The standalone demo's accounts (profile "demo", embedded H2): they sign in with their documented passwords, a
 * guessed password is throttled, and no other profile starts while demo accounts are configured.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:demo-identity;DB_CLOSE_DELAY=-1;NON_KEYWORDS=YEAR,VALUE",
        "cds.reference-data.load=false", "cds.demo.enabled=false", "cds.simulator.enabled=false", "cds.security.max-failed-logins=3",
        "axoniq.update-checker.disabled=true"})
@ActiveProfiles("demo")
@org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability // the metrics' endpoint, as in production
class DemoIdentityTest {
    @Autowired
    TestRestTemplate http;

    private int get(String path, String user, String password) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth(user, password);
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class).getStatusCode().value();
    }

    @Autowired
    org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext server;

    /** Its passwords are published: the demo serves this machine only, unless the operator names another address. */
    @Test
    void theDemoListensOnTheLoopbackOnly() throws Exception {
        var connector = ((org.springframework.boot.web.embedded.tomcat.TomcatWebServer) server.getWebServer()).getTomcat().getConnector();
        assertThat(((java.net.InetAddress) connector.getProperty("address")).isLoopbackAddress()).isTrue();
        int port = server.getWebServer().getPort();
        java.util.Optional<java.net.InetAddress> other = java.net.NetworkInterface.networkInterfaces()
                .flatMap(java.net.NetworkInterface::inetAddresses)
                .filter(a -> a instanceof java.net.Inet4Address && !a.isLoopbackAddress()).findFirst();
        if (other.isPresent()) { // this machine's other address: refused there
            assertThatThrownBy(() -> new java.net.Socket(other.get(), port).close()).isInstanceOf(java.net.ConnectException.class);
        }
    }

    /** The metrics tell who is refused and how the platform is used: an identity reads them. */
    @Test
    void theMetricsNeedAnIdentity() {
        assertThat(http.getForEntity("/actuator/prometheus", String.class).getStatusCode().value()).isEqualTo(401);
        assertThat(get("/actuator/prometheus", "thanh.tra", "demo-thanhtra-2026")).isEqualTo(200);
        assertThat(http.getForEntity("/actuator/health", String.class).getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void demoAccountsSignInWithTheirDocumentedPasswords() {
        assertThat(get("/api/map?date=2024-01-01", "xa.canhnang", "demo-xa-2026")).isEqualTo(200);
        assertThat(get("/api/map?date=2024-01-01", "huyen.hatrung", "demo-huyen-2026")).isEqualTo(200);
        assertThat(get("/api/map?date=2024-01-01", "so.tttt", "demo-tinh-2026")).isEqualTo(200);
        assertThat(get("/api/map?date=2024-01-01", "bcd.tinh", "demo-bcd-2026")).isEqualTo(200);
        assertThat(get("/api/map?date=2024-01-01", "thanh.tra", "demo-thanhtra-2026")).isEqualTo(200);
        assertThat(get("/api/map?date=2024-01-01", "xa.canhnang", "sai-mat-khau")).isEqualTo(401);
    }

    @Test
    void repeatedFailedSignInsAreThrottled() {
        for (int i = 0; i < 3; i++) {
            assertThat(get("/api/map?date=2024-01-01", "huyen.bathuoc", "doan-" + i)).isEqualTo(401);
        }
        assertThat(get("/api/map?date=2024-01-01", "huyen.bathuoc", "demo-huyen-2026")).as("locked even with the right password")
                .isEqualTo(429);
        assertThat(get("/api/map?date=2024-01-01", "xa.halinh", "demo-xa-2026")).as("other accounts unaffected").isEqualTo(200);
    }

    @Test
    void noOtherProfileStartsWhileDemoAccountsAreConfigured() {
        // as command-line arguments, which win over application.yml (default properties would not)
        assertThatThrownBy(() -> new SpringApplicationBuilder(CdsApplication.class).profiles("production")
                .run("--spring.datasource.url=jdbc:h2:mem:guard;DB_CLOSE_DELAY=-1;NON_KEYWORDS=YEAR,VALUE",
                        "--server.port=0", "--cds.reference-data.load=false", "--axoniq.update-checker.disabled=true",
                        "--cds.security.demo-accounts[0].username=x", "--cds.security.demo-accounts[0].password-hash=x",
                        "--cds.security.demo-accounts[0].roles[0]=PROVINCE", "--cds.security.demo-accounts[0].unit=38")
                .close())
                .rootCause().hasMessageContaining("demo-accounts are configured but the 'demo' profile is not active");
    }

    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    /** A client that follows no redirects, as a browser's form post is seen on the wire. */
    private final java.net.http.HttpClient wire = java.net.http.HttpClient.newHttpClient();

    private java.net.http.HttpResponse<String> call(String method, String path, String contentType, String body,
                                                    String... headers) throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + path))
                .method(method, body == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return wire.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aCookieSessionWritesOnlyWithItsCsrfToken() throws Exception {
        // the login page hands out the CSRF token as a cookie; the form sends it back
        String xsrf = cookie(call("GET", "/login.html", null, null), "XSRF-TOKEN");
        assertThat(xsrf).isNotBlank();
        String form = "application/x-www-form-urlencoded";
        assertThat(call("POST", "/login", form, "username=so.tttt&password=demo-tinh-2026", "Cookie", "XSRF-TOKEN=" + xsrf)
                .statusCode()).as("sign-in without the token").isEqualTo(403);
        var signedIn = call("POST", "/login", form, "username=so.tttt&password=demo-tinh-2026&_csrf=" + xsrf,
                "Cookie", "XSRF-TOKEN=" + xsrf);
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location").orElse("")).doesNotContain("error");
        String session = cookie(signedIn, "JSESSIONID");
        String token = cookie(signedIn, "XSRF-TOKEN") != null ? cookie(signedIn, "XSRF-TOKEN") : xsrf;
        String cookies = "JSESSIONID=" + session + "; XSRF-TOKEN=" + token;

        assertThat(call("GET", "/api/map?date=2024-01-01", null, null, "Cookie", cookies).statusCode())
                .as("the session reads").isEqualTo(200);
        String body = "{\"provinceTarget\": 5, \"decisionNumber\": \"14/QĐ-UBND\"}";
        assertThat(call("PUT", "/api/targets/2031", "application/json", body, "Cookie", cookies).statusCode())
                .as("a write riding on the cookie alone is refused").isEqualTo(403);
        assertThat(call("PUT", "/api/targets/2031", "application/json", body, "Cookie", cookies, "X-XSRF-TOKEN", token).statusCode())
                .as("with its token it goes through").isEqualTo(204);
    }

    private static String cookie(java.net.http.HttpResponse<?> response, String name) {
        return response.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(name + "=")).map(c -> c.substring(name.length() + 1, c.indexOf(';')))
                .filter(v -> !v.isEmpty()).findFirst().orElse(null);
    }
}
