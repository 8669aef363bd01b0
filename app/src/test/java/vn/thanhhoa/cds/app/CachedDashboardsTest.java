package vn.thanhhoa.cds.app;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cached dashboards say exactly what a fresh computation says (the same code computes both: with {@code asOf}
 * it is computed for the request, without it once per change), and a viewer holding the answer is told 304.
 */
class CachedDashboardsTest extends PlatformTest {
    private static final String[] ASKED = {
            "/api/province/dashboard?year=2023", "/api/province/dashboard?year=2023&view=restated",
            "/api/province/heatmap?year=2023", "/api/districts/404/dashboard?year=2023"};

    @Test
    void aCachedAnswerIsTheFreshOneAndAnUnchangedOneIsNotSentAgain() {
        // some history of Nông Cống's communes in 2023, so the answers have figures in them
        for (String code : List.of("16279", "16285")) {
            assertThat(post("/api/communes/" + code + "/assessments", Map.of("year", 2023, "frameworkId", "TH-XA-1829-2023"),
                    As.commune(code)).getStatusCode().value()).isIn(201, 409);
            assertThat(put("/api/communes/" + code + "/assessments/2023/indicators/1.1",
                    Map.of("measure", "RATIO", "numerator", 20, "denominator", 31), As.commune(code)).getStatusCode().value()).isEqualTo(204);
        }
        eventually(() -> get("/api/districts/404/dashboard?year=2023"), d -> d.toString().contains("16285"));
        await();
        for (String path : ASKED) {
            JsonNode cached = get(path);
            JsonNode fresh = get(path + "&asOf=2023-12-31"); // the year's map date, computed for this request
            assertThat(cached).as(path).isEqualTo(fresh);

            ResponseEntity<String> first = exchange(path, null);
            String etag = first.getHeaders().getETag();
            assertThat(etag).as(path).isNotBlank();
            ResponseEntity<String> again = exchange(path, etag);
            assertThat(again.getStatusCode().value()).as(path).isEqualTo(304);
            assertThat(again.getBody()).isNull();
        }
    }

    /** Nothing left for the processor to apply: the answers compared are of the same read models. */
    private void await() {
        var lag = meters.find("cds.projection.lag.seconds").tag("processor", "dashboards").gauge();
        eventually(lag::value, value -> value == 0);
    }

    private ResponseEntity<String> exchange(String path, String ifNoneMatch) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(TOKENS.token("so-tttt", List.of("PROVINCE"), "38"));
        if (ifNoneMatch != null) {
            headers.setIfNoneMatch(ifNoneMatch);
        }
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
    }

    @org.springframework.beans.factory.annotation.Autowired
    io.micrometer.core.instrument.MeterRegistry meters;
}
