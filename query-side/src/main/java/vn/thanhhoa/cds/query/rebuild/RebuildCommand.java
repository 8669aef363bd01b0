package vn.thanhhoa.cds.query.rebuild;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The rebuild from the command line, for operators: asks the running platform to rebuild its read models and follows
 * the progress until it has switched over. The platform does the work (it alone can stop and restart its processors);
 * this names who asks: a bearer token in {@code CDS_TOKEN} (the province's: auditors follow the progress, they do
 * not start a rebuild), or, on the demo, {@code CDS_USER} and {@code CDS_PASSWORD}. Exit code 0 when switched over,
 * 1 when refused or failed.
 */
public final class RebuildCommand {
    private RebuildCommand() {
    }

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0].replaceAll("/$", "") : "http://localhost:8080";
        String credentials = System.getenv("CDS_TOKEN") != null ? "Bearer " + System.getenv("CDS_TOKEN")
                : "Basic " + Base64.getEncoder().encodeToString((System.getenv().getOrDefault("CDS_USER", "") + ":"
                + System.getenv().getOrDefault("CDS_PASSWORD", "")).getBytes(StandardCharsets.UTF_8));
        HttpClient http = HttpClient.newHttpClient();
        ObjectMapper json = new ObjectMapper();
        URI rebuild = URI.create(base + "/api/read-models/rebuild");
        HttpResponse<String> started = http.send(HttpRequest.newBuilder(rebuild).header("Authorization", credentials)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (started.statusCode() == 409 && started.body().contains("REBUILD_RUNNING")) {
            System.out.println("Đang có một lần dựng lại; theo dõi tiến độ / a rebuild is running; following it");
        } else if (started.statusCode() != 202) {
            System.err.println("Bị từ chối / refused: " + started.statusCode() + " " + started.body());
            System.exit(1);
        }
        while (true) {
            JsonNode progress = json.readTree(http.send(HttpRequest.newBuilder(rebuild).header("Authorization", credentials)
                    .GET().build(), HttpResponse.BodyHandlers.ofString()).body());
            String state = progress.path("state").asText();
            System.out.printf("%s: %d / %d sự kiện / events, %.0f/s%s%n", state, progress.path("eventsDone").asLong(),
                    progress.path("eventsTotal").asLong(), progress.path("eventsPerSecond").asDouble(),
                    progress.path("secondsLeft").isNumber() ? ", còn / left ~" + progress.path("secondsLeft").asLong() + " s" : "");
            if (state.equals("DONE") || state.equals("FAILED")) {
                if (!progress.path("message").isNull()) {
                    System.out.println(progress.path("message").asText());
                }
                System.exit(state.equals("DONE") ? 0 : 1);
            }
            Thread.sleep(2000);
        }
    }
}
