package vn.thanhhoa.cds.bench;

import org.HdrHistogram.Histogram;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Evidence uploads through the HTTP API (issue 28): N clients each sending files of a given size as fast as answers
 * come back, every file different (random content behind a PDF's signature, so each is hashed, checked and kept), to
 * the registered communes' indicators in turn with a commune officer's bearer token; then one large file alone.
 */
final class EvidenceLoad {
    private EvidenceLoad() {
    }

    static void main(Map<String, String> options) throws Exception {
        int clients = Integer.parseInt(options.getOrDefault("clients", "20"));
        int bytes = Integer.parseInt(options.getOrDefault("bytes", String.valueOf(2 * 1024 * 1024)));
        double seconds = Double.parseDouble(options.getOrDefault("seconds", "20"));
        double warmup = Double.parseDouble(options.getOrDefault("warmup", "3"));
        Target target = new Target(options, Math.max(4, clients));
        AtomicLong sequence = new AtomicLong();
        Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        Histogram latencies = Target.histogram();
        AtomicLong ok = new AtomicLong();
        String[] firstError = new String[1];
        long start = System.nanoTime();
        long measureFrom = start + (long) (warmup * 1e9);
        long end = measureFrom + (long) (seconds * 1e9);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Thread thread = new Thread(() -> {
                while (true) {
                    long n = sequence.getAndIncrement();
                    HttpRequest request = upload(target, n, file(bytes));
                    long sent = System.nanoTime();
                    if (sent >= end) {
                        return;
                    }
                    int status = send(target, request, firstError);
                    long done = System.nanoTime();
                    if (sent >= measureFrom && done <= end) {
                        statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
                        if (status >= 200 && status < 300) {
                            ok.incrementAndGet();
                            synchronized (latencies) {
                                latencies.recordValue(Math.max(1, (done - sent) / 1000));
                            }
                        }
                    }
                }
            }, "uploader-" + c);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double filesPerSecond = ok.get() / seconds;
        double megabytesPerSecond = filesPerSecond * bytes / (1024.0 * 1024);
        System.out.printf(Locale.ROOT, "evidence uploads, %d clients, %d KiB each, %.0f s: %.1f files/s, %.1f MiB/s, %s, answers %s%s%n",
                clients, bytes / 1024, seconds, filesPerSecond, megabytesPerSecond, Target.summary(latencies), statuses,
                firstError[0] == null ? "" : ", first refusal: " + firstError[0]);
        String label = "evidence.c" + clients;
        Results.put(options, label + ".files-per-s", String.format(Locale.ROOT, "%.1f", filesPerSecond));
        Results.put(options, label + ".mib-per-s", String.format(Locale.ROOT, "%.1f", megabytesPerSecond));
        Target.put(options, label, latencies);

        int big = Integer.parseInt(options.getOrDefault("big-mb", "50")) * 1024 * 1024 - 64;
        long sent = System.nanoTime();
        int status = send(target, upload(target, sequence.getAndIncrement(), file(big)), firstError);
        double took = (System.nanoTime() - sent) / 1e9;
        System.out.printf(Locale.ROOT, "one %d MiB file: %d in %.1f s%n", (big + 64) / (1024 * 1024), status, took);
        Results.put(options, "evidence.big.status", status);
        Results.put(options, "evidence.big.seconds", String.format(Locale.ROOT, "%.1f", took));
    }

    private static int send(Target target, HttpRequest request, String[] firstError) {
        try {
            HttpResponse<String> response = target.http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300 && firstError[0] == null) {
                firstError[0] = response.statusCode() + " " + response.body();
            }
            return response.statusCode();
        } catch (Exception e) {
            if (firstError[0] == null) {
                firstError[0] = e.toString();
            }
            return -1;
        }
    }

    /** Random bytes behind a PDF's signature: a file never seen before, which Tika tells as a PDF. */
    private static byte[] file(int size) {
        byte[] bytes = new byte[size];
        ThreadLocalRandom.current().nextBytes(bytes);
        byte[] head = "%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, bytes, 0, head.length);
        return bytes;
    }

    private static HttpRequest upload(Target target, long n, byte[] body) {
        String code = target.communeOf(n);
        String indicator = target.ratioIndicators.get((int) ((n / target.communes.size()) % target.ratioIndicators.size()));
        return HttpRequest.newBuilder(URI.create(target.base + "/api/communes/" + code + "/assessments/" + target.year
                        + "/indicators/" + indicator + "/evidence-files?name=minh-chung-" + n + ".pdf"))
                .timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + target.tokens.commune(code))
                .header("Content-Type", "application/octet-stream")
                .header("Idempotency-Key", "bench-" + UUID.randomUUID())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }
}
