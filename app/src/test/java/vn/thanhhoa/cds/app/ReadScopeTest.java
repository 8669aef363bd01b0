package vn.thanhhoa.cds.app;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A commune reads itself, a district its communes, the province, steering committee and auditors everything. */
class ReadScopeTest extends PlatformTest {
    @org.springframework.beans.factory.annotation.Autowired
    io.micrometer.core.instrument.MeterRegistry meters;
    private static final String HA_HAI = "15343";   // Xã Hà Hải, Huyện Hà Trung
    private static final As STEERING = new As("bcd", "STEERING", "38");
    private static final As AUDITOR = new As("thanh-tra", "AUDITOR", "38");

    private int status(String path, As actor) {
        return read(path, actor).getStatusCode().value();
    }

    @Test
    void eachReadEndpointAnswersOnlyWithinTheCallersScope() {
        assertThat(post("/api/communes/" + HA_HAI + "/assessments", Map.of("year", 2024, "frameworkId", "TH-XA-1829-2023"),
                As.commune(HA_HAI)).getStatusCode().value()).isEqualTo(201);
        String card = "/api/communes/" + HA_HAI + "/assessments/2024";
        eventually(() -> status(card, As.province()), s -> s == 200);

        assertThat(status(card, As.commune(HA_HAI))).isEqualTo(200);
        assertThat(status(card, As.commune("15274"))).as("a neighbour of the same district").isEqualTo(403);
        assertThat(status(card, As.commune("15298"))).as("Xã Lĩnh Toại, which absorbed Hà Hải on 01/07/2025").isEqualTo(200);
        assertThat(status(card, As.commune("14926"))).as("a commune of another district").isEqualTo(403);
        assertThat(status(card, As.district("392"))).isEqualTo(200);
        assertThat(status(card, As.district("386"))).isEqualTo(403);
        assertThat(status(card, STEERING)).isEqualTo(200);
        assertThat(status(card, AUDITOR)).isEqualTo(200);
        assertThat(status(card, null)).isEqualTo(401);

        String district = "/api/districts/392/dashboard?year=2024";
        assertThat(status(district, As.district("392"))).isEqualTo(200);
        assertThat(status(district, As.district("386"))).isEqualTo(403);
        assertThat(status(district, As.commune(HA_HAI))).isEqualTo(403);
        assertThat(status(district, STEERING)).isEqualTo(200);
        assertThat(status(district, AUDITOR)).isEqualTo(200);
        assertThat(status(district, As.province())).isEqualTo(200);
        assertThat(status(district, null)).isEqualTo(401);

        String province = "/api/province/dashboard?year=2024";
        assertThat(status(province, As.commune(HA_HAI))).isEqualTo(403);
        assertThat(status(province, As.district("392"))).isEqualTo(403);
        assertThat(status(province, STEERING)).isEqualTo(200);
        assertThat(status(province, AUDITOR)).isEqualTo(200);
        assertThat(status(province, As.province())).isEqualTo(200);
        assertThat(status(province, null)).isEqualTo(401);

        // the map is reference data: anyone signed in reads it
        for (String map : new String[]{"/api/map?date=2024-01-01", "/api/codes/14923", "/api/units/15271@2020-01-01/lineage"}) {
            assertThat(status(map, As.commune(HA_HAI))).as(map).isEqualTo(200);
            assertThat(status(map, null)).as(map).isEqualTo(401);
        }
        // public: the API description and health
        assertThat(status("/v3/api-docs", null)).isEqualTo(200);
        assertThat(status("/actuator/health", null)).isEqualTo(200);
    }

    @Test
    void refusalsAreCountedAndErrorBodiesCarryNoInternals() {
        double before = deniedCount();
        var response = read("/api/province/dashboard?year=2024", As.commune(HA_HAI));
        assertThat(response.getStatusCode().value()).isEqualTo(403);
        assertThat(response.getBody()).contains("OUT_OF_SCOPE").doesNotContain("Exception").doesNotContain("vn.thanhhoa");
        assertThat(response.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.getHeaders().getFirst("Content-Security-Policy")).contains("default-src 'self'");
        assertThat(deniedCount()).isEqualTo(before + 1);
    }

    /** Read from the registry itself: Spring Boot's tests switch metric export (the Prometheus page) off. */
    private double deniedCount() {
        return meters.find("cds.authorization.denied").counters().stream().mapToDouble(c -> c.count()).sum();
    }
}
