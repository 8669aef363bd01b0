package vn.thanhhoa.cds.bench;

import org.HdrHistogram.Histogram;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;

/** The running platform the load is sent to, and the communes of the benchmark's year. */
final class Target {
    final String base;
    final Tokens tokens;
    final HttpClient http;
    final int year;
    final MapOnRecord map;
    final List<String> communes = new ArrayList<>();
    final List<String> ratioIndicators;
    final String frameworkId;

    Target(Map<String, String> options, int threads) throws Exception {
        base = options.getOrDefault("base", "http://127.0.0.1:8080");
        tokens = new Tokens(Path.of(options.getOrDefault("key", "bench-key.pem")));
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newFixedThreadPool(threads, runnable -> {
                    Thread thread = new Thread(runnable, "http-client");
                    thread.setDaemon(true);
                    return thread;
                })).build();
        year = Integer.parseInt(options.getOrDefault("year", "2024"));
        int limit = Integer.parseInt(options.getOrDefault("communes", "100"));
        try (Connection db = Db.connect(options.getOrDefault("db", "jdbc:postgresql://127.0.0.1:5432/bench"))) {
            map = new MapOnRecord(db);
            db.commit();
        }
        map.communesInForce(mapDate(year)).stream().limit(limit).forEach(u -> communes.add(u.code()));
        var framework = map.frameworkFor(year);
        frameworkId = framework.id();
        ratioIndicators = framework.indicators().stream()
                .filter(i -> i.measure() == vn.thanhhoa.cds.events.criteria.Measure.RATIO)
                .map(vn.thanhhoa.cds.events.criteria.Indicator::code).toList();
    }

    /** As the command API: a year's requests name communes on the year's last day, or today for the current year. */
    static LocalDate mapDate(int year) {
        return vn.thanhhoa.cds.events.common.ProvinceTime.mapDay(year, LocalDate.now(vn.thanhhoa.cds.events.common.ProvinceTime.ZONE));
    }

    HttpRequest register(String code) {
        return HttpRequest.newBuilder(URI.create(base + "/api/communes/" + code + "/assessments"))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + tokens.commune(code))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", "bench-" + UUID.randomUUID())
                .POST(HttpRequest.BodyPublishers.ofString("{\"year\":" + year + ",\"frameworkId\":\"" + frameworkId + "\"}"))
                .build();
    }

    /** The n-th indicator update of the run: communes in turn, each reporting its indicators in turn. */
    HttpRequest update(long n) {
        String code = communes.get((int) (n % communes.size()));
        String indicator = ratioIndicators.get((int) ((n / communes.size()) % ratioIndicators.size()));
        long denominator = 100 + (n * 7919) % 9000;
        long numerator = (n * 104729) % (denominator + 1);
        String body = "{\"measure\":\"RATIO\",\"numerator\":" + numerator + ",\"denominator\":" + denominator
                + ",\"evidence\":[{\"number\":\"" + (1 + n % 400) + "/BC-UBND\",\"date\":\"" + mapDate(year) + "\"}]}";
        return HttpRequest.newBuilder(URI.create(base + "/api/communes/" + code + "/assessments/" + year + "/indicators/" + indicator))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + tokens.commune(code))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", "bench-" + UUID.randomUUID())
                .PUT(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    String communeOf(long n) {
        return communes.get((int) (n % communes.size()));
    }

    static Histogram histogram() {
        return new Histogram(3_600_000_000L, 3); // microseconds, up to an hour
    }

    static String summary(Histogram h) {
        return String.format(Locale.ROOT, "p50 %.1f ms, p99 %.1f ms, max %.1f ms (n=%d)",
                h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0,
                h.getTotalCount());
    }

    static void put(Map<String, String> options, String prefix, Histogram h) {
        Results.put(options, prefix + ".p50", h.getValueAtPercentile(50) / 1000.0);
        Results.put(options, prefix + ".p99", h.getValueAtPercentile(99) / 1000.0);
        Results.put(options, prefix + ".max", h.getMaxValue() / 1000.0);
        Results.put(options, prefix + ".n", h.getTotalCount());
    }
}
