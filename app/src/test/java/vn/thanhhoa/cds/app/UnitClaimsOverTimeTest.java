package vn.thanhhoa.cds.app;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A unit claim names the unit bearing the code today, which acts and reads for itself and the predecessors it
 * stepped in for. Thị trấn Hà Trung (15271 until 30/06/2025) was split: Xã Hà Trung reuses the code 15271 but took
 * only a part; Xã Hoạt Giang (15286) kept the remainder. So 15286's officer answers for Thị trấn Hà Trung's records
 * and 15271's does not — in writing, in reading, and on the live stream.
 */
class UnitClaimsOverTimeTest extends PlatformTest {
    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    @org.springframework.beans.factory.annotation.Autowired
    vn.thanhhoa.cds.query.live.LiveUpdates live;
    private final List<InputStream> open = new java.util.ArrayList<>();

    /** Closes the streams and waits until the server has dropped them: the other tests count streams from zero. */
    @org.junit.jupiter.api.AfterEach
    void closeStreams() throws Exception {
        for (InputStream stream : open) {
            stream.close();
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            live.heartbeat();
            return live.subscribers() == 0;
        });
    }

    private static final As XA_HA_TRUNG = As.commune("15271");
    private static final As HOAT_GIANG = As.commune("15286");
    private static final String BASE = "/api/communes/15271/assessments";

    @Test
    void theSuccessorThatKeptTheRemainderAnswersForASplitCommuneNotTheOneReusingItsCode() throws Exception {
        long before = events();
        var refused = post(BASE, Map.of("year", 2024, "frameworkId", "TH-XA-1829-2023"), XA_HA_TRUNG);
        assertThat(refused.getStatusCode().value()).as(refused.getBody()).isEqualTo(403);
        assertThat(read(refused.getBody()).path("code").asText()).isEqualTo("NOT_THIS_COMMUNE");
        assertThat(events()).as("nothing appended").isEqualTo(before);

        var registered = post(BASE, Map.of("year", 2024, "frameworkId", "TH-XA-1829-2023"), HOAT_GIANG);
        assertThat(registered.getStatusCode().value()).as(registered.getBody()).isEqualTo(201);
        String card = BASE + "/2024";
        eventually(() -> read(card, As.province()).getStatusCode().value(), s -> s == 200);
        assertThat(get(card, As.province()).at("/commune/unitId").asText()).isEqualTo("15271@2020-01-01");

        assertThat(read(card, HOAT_GIANG).getStatusCode().value()).isEqualTo(200);
        assertThat(read(card, XA_HA_TRUNG).getStatusCode().value()).isEqualTo(403);

        BlockingQueue<String> hoatGiang = stream(HOAT_GIANG);
        BlockingQueue<String> xaHaTrung = stream(XA_HA_TRUNG);
        var reported = put(card + "/indicators/1.1", Map.of("measure", "RATIO", "numerator", 9, "denominator", 10), HOAT_GIANG);
        assertThat(reported.getStatusCode().value()).as(reported.getBody()).isEqualTo(204);
        assertThat(put(card + "/indicators/1.2", Map.of("measure", "RATIO", "numerator", 9, "denominator", 10), XA_HA_TRUNG)
                .getStatusCode().value()).isEqualTo(403);

        String change = next(hoatGiang, "\"communeId\":\"15271@2020-01-01\"", 10);
        assertThat(change).as("the successor's page hears of the change").isNotNull();
        assertThat(next(xaHaTrung, "\"communeId\":\"15271@2020-01-01\"", 2)).as("the code's new bearer hears nothing").isNull();
    }

    /** The data lines of a live stream, read on a thread of their own. */
    private BlockingQueue<String> stream(As actor) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/live"))
                .header("Authorization", "Bearer " + TOKENS.token(actor.subject(), List.of(actor.role()), actor.unit()))
                .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        open.add(response.body());
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (Exception ignored) {
                // the stream ends with the test
            }
        });
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    private static String next(BlockingQueue<String> lines, String containing, int seconds) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < until) {
            String line = lines.poll(200, TimeUnit.MILLISECONDS);
            if (line != null && line.contains(containing)) {
                return line;
            }
        }
        return null;
    }
}
