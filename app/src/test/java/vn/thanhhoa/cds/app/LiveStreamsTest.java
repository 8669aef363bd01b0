package vn.thanhhoa.cds.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.flipkart.zjsonpatch.JsonPatch;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import vn.thanhhoa.cds.query.live.LiveUpdates;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Live streams are long-lived: HEAD opens none, a person opens at most their cap (4 by default) and is refused with
 * 429 beyond it, and a stream whose client has gone is dropped by the second heartbeat's write. A page that asks for a
 * dashboard naming its stream is sent the dashboard's changes on it (LiveViews): patches that, applied to the answer it
 * holds, give exactly what a fetch answers; and only on its own stream: a request naming someone else's stream, or
 * none that exists, is answered as usual and follows nothing.
 */
class LiveStreamsTest extends PlatformTest {
    @Autowired
    LiveUpdates live;
    @Autowired
    MeterRegistry meters;
    @LocalServerPort
    int port;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<HttpResponse<InputStream>> open = new ArrayList<>();

    /** Closes the test's streams and waits until the server has dropped them, so the next test counts from zero. */
    @AfterEach
    void closeStreams() throws IOException {
        for (HttpResponse<InputStream> stream : open) {
            stream.body().close();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            live.heartbeat();
            return live.subscribers() == 0;
        });
    }

    private HttpRequest.Builder live(String subject, String accept) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/live")).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + TOKENS.token(subject, List.of("STEERING"), "38"))
                .header("Accept", accept);
    }

    /** A stream does not outlive the bearer token that opened it: it ends when the token expires. */
    @Test
    void aStreamEndsWhenItsTokenExpires() throws Exception {
        // a JWT's exp counts whole seconds: the token expires at the second, not at the nanosecond asked for
        java.time.Instant expiry = java.time.Instant.now().plusSeconds(3).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/live"))
                .header("Authorization", "Bearer " + TOKENS.expiringAt("short-lived", List.of("STEERING"), "38", expiry))
                .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        open.add(response);
        assertThat(response.statusCode()).isEqualTo(200);
        long started = System.nanoTime();
        try (InputStream body = response.body()) {
            while (body.read() >= 0) {
                // the hello, heartbeats: read until the server ends the stream
                assertThat(Duration.ofNanos(System.nanoTime() - started)).as("ended by the token's expiry").isLessThan(Duration.ofSeconds(20));
            }
        }
        assertThat(java.time.Instant.now()).isAfterOrEqualTo(expiry);
        await().atMost(Duration.ofSeconds(5)).until(() -> live.subscribers() == 0);
    }

    /** Opens a stream as a browser's EventSource does; the body stays open until the test closes it. */
    private HttpResponse<InputStream> stream(String subject) throws Exception {
        HttpResponse<InputStream> response = client.send(live(subject, "text/event-stream").GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        open.add(response);
        return response;
    }

    private double gauge() {
        Gauge gauge = meters.find("cds.live.streams").gauge();
        assertThat(gauge).as("gauge cds.live.streams").isNotNull();
        return gauge.value();
    }

    @Test
    void headOpensNoStream() throws Exception {
        for (int i = 0; i < 100; i++) {
            HttpResponse<Void> head = client.send(live("head-viewer", "text/event-stream").method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.discarding());
            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(head.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
        }
        assertThat(live.streams("head-viewer")).isZero();
        assertThat(gauge()).isZero();
    }

    @Test
    void aRequestThatDoesNotAcceptEventsOpensNoStream() throws Exception {
        HttpResponse<String> json = client.send(live("json-viewer", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
        // refused before the handler runs (406 once infra's problem mapping names it; no stream either way)
        assertThat(json.statusCode()).as(json.body()).isNotEqualTo(200);
        assertThat(live.streams("json-viewer")).isZero();
    }

    @Test
    void aPersonOpensAtMostFourStreamsAndIsToldWhenToRetry() throws Exception {
        for (int i = 0; i < 4; i++) {
            HttpResponse<InputStream> stream = stream("busy-viewer");
            assertThat(stream.statusCode()).isEqualTo(200);
            // a reverse proxy passes each event on at once
            assertThat(stream.headers().firstValue("X-Accel-Buffering")).hasValue("no");
        }
        assertThat(live.streams("busy-viewer")).isEqualTo(4);
        assertThat(gauge()).isEqualTo(4);

        HttpResponse<InputStream> fifth = stream("busy-viewer");
        assertThat(fifth.statusCode()).isEqualTo(429);
        assertThat(fifth.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(fifth.headers().firstValue("Retry-After")).hasValue(String.valueOf(LiveUpdates.RETRY_AFTER_SECONDS));
        JsonNode problem = json.readTree(fifth.body().readAllBytes());
        assertThat(problem.path("code").asText()).isEqualTo("TOO_MANY_LIVE_STREAMS");
        assertThat(problem.path("detail").asText()).contains("quá nhiều kết nối cập nhật trực tiếp (tối đa 4 mỗi người)");
        assertThat(problem.path("detailEn").asText()).contains("at most 4 per person");
        assertThat(live.streams("busy-viewer")).isEqualTo(4);

        // someone else is not held back by them
        assertThat(stream("other-viewer").statusCode()).isEqualTo(200);
        assertThat(gauge()).isEqualTo(5);

        // a browser closed: the person's next request finds its stream gone (a refusal first writes to their streams)
        open.get(0).body().close();
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200))
                .until(() -> stream("busy-viewer").statusCode() == 200);
        assertThat(live.streams("busy-viewer")).isEqualTo(4);
    }

    @Test
    void aStreamWhoseClientHasGoneIsDroppedByTheSecondHeartbeat() throws Exception {
        HttpResponse<InputStream> gone = stream("leaving-viewer");
        HttpResponse<InputStream> staying = stream("leaving-viewer");
        assertThat(gone.statusCode()).isEqualTo(200);
        assertThat(live.streams("leaving-viewer")).isEqualTo(2);

        gone.body().close();
        Thread.sleep(300); // the close reaches the server; nothing there notices until it writes
        live.heartbeat(); // still accepted: the client answers it with a reset
        live.heartbeat();

        assertThat(live.streams("leaving-viewer")).isEqualTo(1);
        assertThat(gauge()).isEqualTo(1);
        assertThat(staying.statusCode()).isEqualTo(200);
    }

    /** On a deadline day a page hears of a burst of changes once a second (then fetches once), and of the last one. */
    @Test
    void aBurstOfChangesReachesAPageAtMostOncePerSecond() throws Exception {
        HttpResponse<InputStream> stream = stream("deadline-viewer");
        assertThat(stream.statusCode()).isEqualTo(200);
        java.util.concurrent.BlockingQueue<Long> changes = new java.util.concurrent.LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(stream.body(), java.nio.charset.StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.equals("event:change")) {
                        changes.add(System.nanoTime());
                    }
                }
            } catch (IOException ignored) {
                // closed by the test
            }
        });
        reader.setDaemon(true);
        reader.start();

        As teNong = As.commune("16318"); // Xã Tế Nông, Huyện Nông Cống
        String base = "/api/communes/16318/assessments";
        assertThat(post(base, java.util.Map.of("year", 2023, "frameworkId", "TH-XA-1829-2023"), teNong).getStatusCode().value()).isEqualTo(201);
        long start = System.nanoTime();
        for (int i = 1; i <= 30; i++) {
            assertThat(put(base + "/2023/indicators/1.1", java.util.Map.of("measure", "RATIO", "numerator", i, "denominator", 31), teNong)
                    .getStatusCode().value()).isEqualTo(204);
        }
        long end = System.nanoTime();
        long burst = end - start;
        Thread.sleep(2500);
        List<Long> told = new ArrayList<>(changes);
        assertThat(told).isNotEmpty();
        // the last event was applied after its command answered: the page is told after that too
        assertThat(told.get(told.size() - 1)).as("told after the burst").isGreaterThan(end);
        for (int i = 1; i < told.size(); i++) {
            assertThat(told.get(i) - told.get(i - 1)).as("interval between messages").isGreaterThanOrEqualTo(Duration.ofMillis(950).toNanos());
        }
        assertThat(told.size()).as("31 events in %d ms", burst / 1_000_000).isLessThanOrEqualTo((int) (burst / 1_000_000_000L) + 3);
    }

    private static final String HOANG_SON = "16288"; // Xã Hoàng Sơn, Huyện Nông Cống (404)
    private static final String DASHBOARD = "/api/districts/404/dashboard?year=2023";

    /** A stream as a committee member's browser opens it: its hello, then each event's name and data. */
    private record Followed(String id, BlockingQueue<String[]> events) {
        /** The next event, or null when none comes before {@code deadline} (System.nanoTime). */
        String[] next(long deadline) throws InterruptedException {
            return events.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
    }

    private Followed following(String subject) throws Exception {
        HttpResponse<InputStream> response = stream(subject);
        assertThat(response.statusCode()).isEqualTo(200);
        BlockingQueue<String[]> events = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String name = null;
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.startsWith("event:")) {
                        name = line.substring(6);
                    } else if (line.startsWith("data:") && name != null) {
                        events.add(new String[]{name, line.substring(5)});
                    } else if (line.isEmpty()) {
                        name = null;
                    }
                }
            } catch (IOException ignored) {
                // closed by the test
            }
        });
        reader.setDaemon(true);
        reader.start();
        String[] hello = events.poll(10, TimeUnit.SECONDS);
        assertThat(hello).isNotNull();
        assertThat(hello[0]).isEqualTo("hello");
        return new Followed(json.readTree(hello[1]).path("stream").asText(), events);
    }

    private HttpResponse<String> dashboard(String subject, String stream) throws Exception {
        return dashboard(DASHBOARD, subject, stream);
    }

    private HttpResponse<String> dashboard(String path, String subject, String stream) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + TOKENS.token(subject, List.of("STEERING"), "38"));
        if (stream != null) {
            request.header("X-Live-Stream", stream);
        }
        return client.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private void reportValue(int numerator) {
        reportValue(HOANG_SON, numerator);
    }

    private void reportValue(String commune, int numerator) {
        assertThat(put("/api/communes/" + commune + "/assessments/2023/indicators/1.1",
                Map.of("measure", "RATIO", "numerator", numerator, "denominator", 31), As.commune(commune))
                .getStatusCode().value()).isEqualTo(204);
    }

    /** The commune registers for 2023 (201), unless a test before registered it (409). */
    private void registerFor2023(String commune) {
        assertThat(post("/api/communes/" + commune + "/assessments", Map.of("year", 2023, "frameworkId", "TH-XA-1829-2023"),
                As.commune(commune)).getStatusCode().value()).isIn(201, 409);
    }

    @Test
    void aFollowedDashboardArrivesAsPatchesThatGiveWhatAFetchAnswers() throws Exception {
        register();
        Followed stream = following("view-follower");
        HttpResponse<String> first = dashboard("view-follower", stream.id());
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("X-Live-View")).hasValue("district/404/2023");
        JsonNode held = json.readTree(first.body());
        String heldTag = first.headers().firstValue("ETag").orElseThrow();

        int patches = 0;
        for (int value = 11; value <= 13; value++) {
            String before = rowOf(held).path("lastUpdate").asText();
            reportValue(value);
            // a fetch shows the change (once the read models have it): the page must come to hold the same, by messages
            HttpResponse<String> fetched = eventually(() -> dashboard("view-follower", null),
                    answer -> !rowOf(read(answer.body())).path("lastUpdate").asText().equals(before));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!held.equals(read(fetched.body())) || !heldTag.equals(fetched.headers().firstValue("ETag").orElseThrow())) {
                String[] event = stream.next(deadline);
                assertThat(event).as("a view message bringing the page to what a fetch answers").isNotNull();
                if (!event[0].equals("view")) {
                    continue;
                }
                JsonNode message = json.readTree(event[1]);
                assertThat(message.path("view").asText()).isEqualTo("district/404/2023");
                assertThat(message.path("at").asText()).as("when the latest event it includes was recorded").isNotBlank();
                if (message.has("patch")) {
                    assertThat(message.path("base").asText()).as("patched from the answer held").isEqualTo(heldTag);
                    held = JsonPatch.apply(message.path("patch"), held);
                    patches++;
                } else if (message.has("body")) {
                    held = message.path("body");
                } else {
                    assertThat(message.path("etag").asText()).as("unchanged: the page holds it already").isEqualTo(heldTag);
                }
                heldTag = message.path("etag").asText();
                fetched = dashboard("view-follower", null); // a message may bring an answer newer than the fetch
            }
        }
        assertThat(patches).as("changes sent as patches, not whole answers").isPositive();

        // a commune of another district changes: Nông Cống's dashboard is not computed or sent again for it (the
        // messages still on their way about Hoàng Sơn first, until a second passes without any)
        while (stream.events().poll(1, TimeUnit.SECONDS) != null) {
            // drained
        }
        String hoangXuan = "15877"; // Xã Hoằng Xuân, Huyện Hoằng Hóa
        registerFor2023(hoangXuan);
        reportValue(hoangXuan, 3);
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        boolean applied = false;
        for (String[] event = stream.next(until); event != null; event = stream.next(until)) {
            assertThat(event[0]).as("no view of Nông Cống for a change in Hoằng Hóa").isNotEqualTo("view");
            if (!applied && event[0].equals("change") && json.readTree(event[1]).path("communeCode").asText().equals(hoangXuan)) {
                applied = true; // the views' next send comes within their interval: watch a moment longer
                until = System.nanoTime() + Duration.ofMillis(500).toNanos();
            }
        }
        assertThat(applied).as("the change in Hoằng Hóa was applied and told").isTrue();
    }

    /**
     * A transfer moves an assessment to a commune of another district; its id still names the commune it was opened
     * in. The board of the district it moved to, followed by a page, is sent the transfer and the assessment's later
     * changes all the same.
     */
    @Test
    void aFollowedBoardIsSentTheChangesOfAnAssessmentMovedIntoIt() throws Exception {
        // Xã Thọ Vực (15760), Huyện Triệu Sơn (397), registered for 2025 before the reform; merged into Xã Thọ Phú (15763)
        String old = "/api/communes/15760/assessments";
        assertThat(post(old, Map.of("year", 2025, "frameworkId", "TH-XA-1829-2023", "asOf", "2025-03-01"),
                As.commune("15760")).getStatusCode().value()).isEqualTo(201);
        eventually(() -> read(old + "/2025?asOf=2025-06-30", As.province()).getStatusCode().value(), status -> status == 200);

        String board = "/api/districts/397/dashboard?year=2025";
        Followed stream = following("transfer-follower");
        HttpResponse<String> first = dashboard(board, "transfer-follower", stream.id());
        assertThat(first.headers().firstValue("X-Live-View")).hasValue("district/397/2025");
        Board held = new Board(json.readTree(first.body()), first.headers().firstValue("ETag").orElseThrow());
        assertThat(movedRow(held.body).path("stage").asText()).isEqualTo("NOT_REGISTERED");

        assertThat(post(old + "/2025/transfer?asOf=2025-06-30", Map.of("toCommuneCode", "15763",
                "decision", Map.of("number", "2002/QĐ-UBND", "date", "2025-07-15")), As.province())
                .getStatusCode().value()).isEqualTo(204);
        held = held.following(stream, body -> !movedRow(body).path("stage").asText().equals("NOT_REGISTERED"),
                "the followed board sent the transfer");

        assertThat(put("/api/communes/15763/assessments/2025/indicators/1.1",
                Map.of("measure", "RATIO", "numerator", 20, "denominator", 20), As.commune("15763"))
                .getStatusCode().value()).isEqualTo(204);
        held.following(stream, body -> movedRow(body).path("selfMet").asInt() == 1,
                "the followed board sent the moved assessment's change");
    }

    /** A dashboard as a page holds it, brought up to date by the view messages of its stream. */
    private record Board(JsonNode body, String etag) {
        Board following(Followed stream, java.util.function.Predicate<JsonNode> until, String what) throws Exception {
            Board board = this;
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!until.test(board.body)) {
                String[] event = stream.next(deadline);
                assertThat(event).as(what).isNotNull();
                if (!event[0].equals("view")) {
                    continue;
                }
                JsonNode message = new com.fasterxml.jackson.databind.ObjectMapper().readTree(event[1]);
                if (message.has("patch")) {
                    assertThat(message.path("base").asText()).isEqualTo(board.etag);
                    board = new Board(JsonPatch.apply(message.path("patch"), board.body), message.path("etag").asText());
                } else if (message.has("body")) {
                    board = new Board(message.path("body"), message.path("etag").asText());
                }
            }
            return board;
        }
    }

    private static JsonNode movedRow(JsonNode board) {
        return rowOf(board, "15763");
    }

    @Test
    void aRequestNamingSomeoneElsesStreamOrNoneFollowsNothing() throws Exception {
        register();
        Followed owners = following("view-owner");
        // another person names the owner's stream: answered as usual, but the owner's stream follows nothing
        HttpResponse<String> intruder = dashboard("view-intruder", owners.id());
        assertThat(intruder.statusCode()).isEqualTo(200);
        // a stream that does not exist, and a malformed one: answered as usual
        assertThat(dashboard("view-owner", "no-such-stream").statusCode()).isEqualTo(200);
        assertThat(dashboard("view-owner", "x".repeat(2000)).statusCode()).isEqualTo(200);
        reportValue(21);
        reportValue(22);
        long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        for (String[] event = owners.next(until); event != null; event = owners.next(until)) {
            assertThat(event[0]).as("no view on the owner's stream").isNotEqualTo("view");
        }
    }

    private void register() {
        registerFor2023(HOANG_SON);
        reportValue(10);
        eventually(() -> get(DASHBOARD), answer -> !rowOf(answer).isMissingNode());
    }

    private static JsonNode rowOf(JsonNode dashboard) {
        return rowOf(dashboard, HOANG_SON);
    }

    private static JsonNode rowOf(JsonNode dashboard, String code) {
        for (JsonNode row : dashboard.path("communeRows")) {
            if (row.path("code").asText().equals(code)) {
                return row;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }
}
