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
class DemoIdentityTest {
    @Autowired
    TestRestTemplate http;

    private int get(String path, String user, String password) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth(user, password);
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class).getStatusCode().value();
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
        assertThatThrownBy(() -> new SpringApplicationBuilder(CdsApplication.class).profiles("production")
                .properties("spring.datasource.url=jdbc:h2:mem:guard;DB_CLOSE_DELAY=-1;NON_KEYWORDS=YEAR,VALUE",
                        "server.port=0", "cds.reference-data.load=false", "axoniq.update-checker.disabled=true",
                        "cds.security.demo-accounts[0].username=x", "cds.security.demo-accounts[0].password-hash=x",
                        "cds.security.demo-accounts[0].roles[0]=PROVINCE", "cds.security.demo-accounts[0].unit=38")
                .run().close())
                .rootCause().hasMessageContaining("demo-accounts are configured but the 'demo' profile is not active");
    }
}
