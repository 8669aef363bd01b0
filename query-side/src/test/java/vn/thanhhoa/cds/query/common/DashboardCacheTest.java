package vn.thanhhoa.cds.query.common;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

import java.nio.charset.StandardCharsets;
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

/** One computation per change of the read models, however many ask at once; the same bytes and tag for everyone. */
class DashboardCacheTest {
    private final ReadModelVersion version = new ReadModelVersion();
    private final AtomicInteger computed = new AtomicInteger();

    private DashboardCache cache(long maxStalenessMs) {
        return new DashboardCache(version, new ObjectMapper(),
                Clock.fixed(Instant.parse("2026-11-30T03:00:00Z"), ZoneId.of("Asia/Ho_Chi_Minh")), maxStalenessMs,
                new org.springframework.beans.factory.support.StaticListableBeanFactory().getBeanProvider(vn.thanhhoa.cds.query.common.LiveFollowers.class));
    }

    private static String body(ResponseEntity<byte[]> answer) {
        return new String(answer.getBody(), StandardCharsets.UTF_8);
    }

    private ResponseEntity<byte[]> province(DashboardCache cache, Long atLeast, String etag) {
        return cache.serve(List.of("province", 2023), atLeast, etag, () -> "answer " + computed.incrementAndGet());
    }

    /** A district's answer: it shows Xã Thiệu Ngọc (no assessment yet) and Xã Thiệu Vũ's assessment of 2023. */
    private ResponseEntity<byte[]> district(DashboardCache cache, Long atLeast) {
        return cache.serve(List.of("district", "398", 2023), atLeast, null, () -> new DashboardCache.Scoped(
                "district " + computed.incrementAndGet(), java.util.Set.of(ReadModelVersion.commune(THIEU_NGOC, 2023),
                ReadModelVersion.commune(THIEU_VU, 2023), ReadModelVersion.assessment(THIEU_VU + "/2023"))));
    }

    private static final String THIEU_NGOC = "15775@2020-01-01";
    private static final String THIEU_VU = "15778@2020-01-01";

    @Test
    void anAnswerThatSaysWhatItShowsIsKeptThroughChangesOfOthersPastTheBound() {
        DashboardCache cache = cache(0);
        version.advance(10L);
        assertThat(body(district(cache, null))).isEqualTo("\"district 1\"");
        version.advance(11L, ReadModelVersion.assessment("16372@2020-01-01/2023")); // another district's commune
        version.advance(12L, ReadModelVersion.assessment(THIEU_VU + "/2024")); // another year
        version.advance(13L, ReadModelVersion.commune(THIEU_NGOC, 2024));
        assertThat(body(district(cache, null))).isEqualTo("\"district 1\"");
        assertThat(body(district(cache, 13L))).as("a page told of position 13: the answer is as it would be now")
                .isEqualTo("\"district 1\"");
        assertThat(body(province(cache, 13L, null))).as("an answer that does not say: computed again").isEqualTo("\"answer 2\"");
        assertThat(computed).hasValue(2);
    }

    @Test
    void anAnswerThatSaysWhatItShowsIsComputedAgainWhenOneOfThemChanges() {
        DashboardCache cache = cache(0);
        assertThat(body(district(cache, null))).isEqualTo("\"district 1\"");
        version.advance(20L, ReadModelVersion.assessment(THIEU_VU + "/2023"));
        assertThat(body(district(cache, null))).as("its assessment changed").isEqualTo("\"district 2\"");
        version.advance(21L, ReadModelVersion.commune(THIEU_NGOC, 2023));
        assertThat(body(district(cache, null))).as("a new assessment in one of its communes").isEqualTo("\"district 3\"");
        version.advance(22L);
        assertThat(body(district(cache, null))).as("a change that names nothing (the map, a framework)").isEqualTo("\"district 4\"");
        assertThat(body(district(cache, 23L))).as("told of a change not applied here yet").isEqualTo("\"district 5\"");
    }

    @Test
    void anAnswerIsServedUntilTheReadModelsMoveOn() {
        DashboardCache cache = cache(0);
        assertThat(body(province(cache, null, null))).isEqualTo("\"answer 1\"");
        assertThat(body(province(cache, null, null))).isEqualTo("\"answer 1\"");
        version.advance(7L);
        assertThat(body(province(cache, null, null))).isEqualTo("\"answer 2\"");
        assertThat(computed).hasValue(2);
    }

    @Test
    void aViewerWithTheSameBytesIsToldNothingChanged() {
        DashboardCache cache = cache(0);
        ResponseEntity<byte[]> first = province(cache, null, null);
        String etag = first.getHeaders().getETag();
        assertThat(etag).isNotBlank();
        ResponseEntity<byte[]> again = province(cache, null, etag);
        assertThat(again.getStatusCode().value()).isEqualTo(304);
        assertThat(again.getBody()).isNull();
        assertThat(province(cache, null, "\"another\"").getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void shortlyAfterAChangeAnAnswerServesThoseWhoAskNoNewerButNotAPageToldOfTheChange() {
        DashboardCache cache = cache(60_000);
        version.advance(10L);
        assertThat(body(province(cache, 10L, null))).isEqualTo("\"answer 1\"");
        version.advance(11L);
        assertThat(body(province(cache, null, null))).as("within the staleness bound").isEqualTo("\"answer 1\"");
        assertThat(body(province(cache, 10L, null))).as("it includes position 10").isEqualTo("\"answer 1\"");
        assertThat(body(province(cache, 11L, null))).as("told of position 11").isEqualTo("\"answer 2\"");
    }

    @Test
    void pastHalfItsBoundAnAnswerIsServedWhileTheNextIsComputedBehindIt() throws Exception {
        DashboardCache cache = cache(400);
        version.advance(10L);
        assertThat(body(province(cache, null, null))).isEqualTo("\"answer 1\"");
        version.advance(11L);
        assertThat(body(province(cache, null, null))).as("fresh: nothing computed").isEqualTo("\"answer 1\"");
        Thread.sleep(250); // past half the bound, within it
        assertThat(body(province(cache, null, null))).as("served at once, the next computed behind it").isEqualTo("\"answer 1\"");
        long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        while (computed.get() < 2 && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        assertThat(computed).hasValue(2);
        assertThat(body(province(cache, 11L, null))).as("the new answer, not computed again").isEqualTo("\"answer 2\"");
        assertThat(computed).hasValue(2);
    }

    @Test
    void viewersAskingAtOnceWaitForOneComputation() throws Exception {
        DashboardCache cache = cache(0);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService viewers = Executors.newFixedThreadPool(50);
        try {
            List<Future<ResponseEntity<byte[]>>> answers = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                answers.add(viewers.submit(() -> cache.serve(List.of("province", 2023), null, null, () -> {
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
            for (Future<ResponseEntity<byte[]>> answer : answers) {
                assertThat(body(answer.get())).isEqualTo("\"answer 1\"");
            }
            assertThat(computed).hasValue(1);
        } finally {
            viewers.shutdownNow();
        }
    }

    @Test
    void anAnswerComputedWhileAnEventCommittedIsNotKept() {
        DashboardCache cache = cache(0);
        String first = body(cache.serve(List.of("district", "392", 2023), null, null, () -> {
            version.advance(3L); // an event commits while the answer is being computed
            return "answer " + computed.incrementAndGet();
        }));
        assertThat(first).isEqualTo("\"answer 1\"");
        assertThat(body(cache.serve(List.of("district", "392", 2023), null, null, () -> "answer " + computed.incrementAndGet())))
                .isEqualTo("\"answer 2\"");
    }
}
