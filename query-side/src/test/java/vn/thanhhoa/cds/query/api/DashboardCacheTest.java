package vn.thanhhoa.cds.query.api;

import org.junit.jupiter.api.Test;
import vn.thanhhoa.cds.query.projection.ReadModelVersion;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** One computation per version of the read models, however many ask at once. */
class DashboardCacheTest {
    private final ReadModelVersion version = new ReadModelVersion();
    private final DashboardCache cache = new DashboardCache(version,
            Clock.fixed(Instant.parse("2026-11-30T03:00:00Z"), ZoneId.of("Asia/Ho_Chi_Minh")));
    private final AtomicInteger computed = new AtomicInteger();

    private String province() {
        return cache.get(List.of("province", 2023), () -> "answer " + computed.incrementAndGet());
    }

    @Test
    void anAnswerIsServedUntilTheReadModelsMoveOn() {
        assertThat(province()).isEqualTo("answer 1");
        assertThat(province()).isEqualTo("answer 1");
        assertThat(cache.get(List.of("province", 2024), () -> "other")).as("another question").isEqualTo("other");
        version.advance();
        assertThat(province()).isEqualTo("answer 2");
        assertThat(computed).hasValue(2);
    }

    @Test
    void viewersAskingAtOnceWaitForOneComputation() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService viewers = Executors.newFixedThreadPool(50);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                answers.add(viewers.submit(() -> cache.get(List.of("province", 2023), () -> {
                    started.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return "answer " + computed.incrementAndGet();
                })));
            }
            started.await();
            Thread.sleep(200); // the other 49 are queued behind the first by now
            release.countDown();
            for (Future<String> answer : answers) {
                assertThat(answer.get()).isEqualTo("answer 1");
            }
            assertThat(computed).hasValue(1);
        } finally {
            viewers.shutdownNow();
        }
    }

    @Test
    void anAnswerComputedWhileAnEventCommittedIsNotKept() {
        String first = cache.get(List.of("district", "392", 2023), () -> {
            version.advance(); // an event commits while the answer is being computed
            return "answer " + computed.incrementAndGet();
        });
        assertThat(first).isEqualTo("answer 1");
        assertThat(cache.get(List.of("district", "392", 2023), () -> "answer " + computed.incrementAndGet())).isEqualTo("answer 2");
    }
}
