package vn.thanhhoa.cds.app;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Requests that arrive at the same moment. Xã Đông Thanh. */
class ConcurrentRequestsTest extends PlatformTest {
    private static final String COMMUNE = "16402";

    @Test
    void requestsWithOneIdempotencyKeyAtTheSameMomentGetOneAnswerAndAppendOnce() throws Exception {
        String base = "/api/communes/" + COMMUNE + "/assessments";
        assertThat(post(base, Map.of("year", 2023, "frameworkId", "TH-XA-1829-2023"), As.commune(COMMUNE))
                .getStatusCode().value()).isEqualTo(201);
        long before = events();
        Map<String, Object> value = Map.of("measure", "RATIO", "numerator", 12, "denominator", 31);
        ExecutorService clients = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ResponseEntity<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            answers.add(clients.submit(() -> {
                start.await();
                return send(HttpMethod.PUT, base + "/2023/indicators/1.1", value, As.commune(COMMUNE), "same-moment");
            }));
        }
        start.countDown();
        for (Future<ResponseEntity<String>> answer : answers) {
            ResponseEntity<String> response = answer.get();
            assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(204);
        }
        clients.shutdown();
        assertThat(events()).isEqualTo(before + 1);
    }
}
