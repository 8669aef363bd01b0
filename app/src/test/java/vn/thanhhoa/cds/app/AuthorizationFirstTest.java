package vn.thanhhoa.cds.app;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may, before what: a person without the role learns nothing from how a request would be checked, and roles
 * are the documented names, compared exactly.
 */
class AuthorizationFirstTest extends PlatformTest {

    @Test
    void aRoleClaimIsComparedExactlyAsDocumented() {
        for (String role : List.of("province", "Province", "ROLE_PROVINCE", " PROVINCE")) {
            ResponseEntity<String> refused = sendWithToken(HttpMethod.GET, "/api/province/dashboard?year=2023", null,
                    TOKENS.token("so-tttt", List.of(role), "38"), null);
            assertThat(refused.getStatusCode().value()).as(role).isEqualTo(401);
        }
        assertThat(sendWithToken(HttpMethod.GET, "/api/province/dashboard?year=2023", null,
                TOKENS.token("so-tttt", List.of("PROVINCE"), "38"), null).getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void aProvinceOnlyEndpointRefusesEveryoneElseBeforeLookingAtTheBody() {
        Map<String, Object> bad = Map.of("provinceTarget", -5, "decisionNumber", "x".repeat(500));
        for (As caller : List.of(new As("bcd", "STEERING", "38"), new As("thanh-tra", "AUDITOR", "38"), As.district("392"), As.commune("15280"))) {
            long before = events();
            ResponseEntity<String> refused = put("/api/targets/2030", bad, caller);
            assertThat(refused.getStatusCode().value()).as(caller.role() + ": " + refused.getBody()).isEqualTo(403);
            assertThat(read(refused.getBody()).path("code").asText()).isEqualTo("PROVINCE_ONLY");
            assertThat(refused.getHeaders().getContentType()).hasToString("application/problem+json");
            assertThat(events()).isEqualTo(before);
        }
        assertThat(put("/api/targets/2030", bad, As.province()).getStatusCode().value()).isEqualTo(422);
        assertThat(put("/api/reporting-years/2030/framework", Map.of("frameworkId", "../x"), As.commune("15280"))
                .getStatusCode().value()).isEqualTo(403);
        assertThat(post("/api/frameworks", "{not json", new As("thanh-tra", "AUDITOR", "38")).getStatusCode().value()).isEqualTo(403);
    }
}
