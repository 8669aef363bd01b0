package vn.thanhhoa.cds.bench;

import org.HdrHistogram.Histogram;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Many viewers (issue 30, item 6): as many live streams as the platform allows ({@code --streams}, its cap
 * {@code cds.live.max-streams} by default), each a different steering-committee member, opened at once and held; the
 * platform's heap after a full collection before and after they open gives the memory per open stream; then one
 * commune's indicator update, and for each stream the time from the command's 2xx to the change reaching it.
 * {@code --pid} names the platform's process for the heap (jcmd and jstat, as bench.sh samples it); with
 * {@code --histogram=file} the heap's classes while the streams are open are written there.
 */
final class StreamsLoad {
    private StreamsLoad() {
    }

    /** One open stream: its hello, and the first change after the command was answered. */
    private static final class Viewer implements Flow.Subscriber<String> {
        private final CountDownLatch opened;
        private final AtomicLong answeredAt;
        private final CountDownLatch told;
        private Flow.Subscription subscription;
        private String event;
        private volatile long changeAt = -1;
        private volatile boolean greeted;

        Viewer(CountDownLatch opened, AtomicLong answeredAt, CountDownLatch told) {
            this.opened = opened;
            this.answeredAt = answeredAt;
            this.told = told;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (line.startsWith("event:")) {
                event = line.substring(6).trim();
                if (event.equals("hello") && !greeted) {
                    greeted = true;
                    opened.countDown();
                }
            } else if (line.startsWith("data:") && "change".equals(event) && answeredAt.get() > 0 && changeAt < 0) {
                changeAt = System.nanoTime();
                told.countDown();
            } else if (line.isEmpty()) {
                event = null;
            }
        }

        @Override
        public void onError(Throwable throwable) {
        }

        @Override
        public void onComplete() {
        }

        void close() {
            if (subscription != null) {
                subscription.cancel();
            }
        }
    }

    static void main(Map<String, String> options) throws Exception {
        int streams = Integer.parseInt(options.getOrDefault("streams", "2000"));
        String pid = options.get("pid");
        Target target = new Target(options, 4);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(30))
                .executor(Executors.newFixedThreadPool(4, runnable -> {
                    Thread thread = new Thread(runnable, "stream-client");
                    thread.setDaemon(true);
                    return thread;
                })).build();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < streams; i++) {
            tokens.add(target.tokens.steering("bcd-stream-" + i)); // a person has at most 4 streams
        }
        double heapBefore = pid == null ? Double.NaN : heapAfterFullCollection(pid);

        CountDownLatch opened = new CountDownLatch(streams);
        AtomicLong answeredAt = new AtomicLong();
        CountDownLatch told = new CountDownLatch(streams);
        AtomicInteger refused = new AtomicInteger();
        List<Viewer> viewers = new ArrayList<>();
        long openStart = System.nanoTime();
        for (String token : tokens) {
            Viewer viewer = new Viewer(opened, answeredAt, told);
            viewers.add(viewer);
            http.sendAsync(HttpRequest.newBuilder(URI.create(target.base + "/api/live"))
                            .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").GET().build(),
                    HttpResponse.BodyHandlers.fromLineSubscriber(viewer))
                    .whenComplete((response, failure) -> { // a 200 completes when its stream ends
                        if (!viewer.greeted) {
                            refused.incrementAndGet();
                            opened.countDown();
                            told.countDown();
                        }
                    });
        }
        boolean allOpened = opened.await(180, TimeUnit.SECONDS);
        double openSeconds = (System.nanoTime() - openStart) / 1e9;
        int open = streams - refused.get() - (int) opened.getCount();
        System.out.printf(Locale.ROOT, "%d live streams open in %.1f s (%d refused%s)%n", open, openSeconds, refused.get(),
                allOpened ? "" : ", " + opened.getCount() + " without a hello after 180 s");
        double heapAfter = pid == null ? Double.NaN : heapAfterFullCollection(pid);
        double perStream = (heapAfter - heapBefore) * 1024 / Math.max(1, open);
        if (pid != null && options.containsKey("histogram")) { // what the open streams hold, class by class
            new ProcessBuilder("jcmd", pid, "GC.class_histogram").redirectErrorStream(true)
                    .redirectOutput(java.nio.file.Path.of(options.get("histogram")).toFile()).start().waitFor(120, TimeUnit.SECONDS);
        }
        if (pid != null) {
            System.out.printf(Locale.ROOT, "heap after a full collection: %.1f MB before, %.1f MB with the streams open: %.1f KB a stream%n",
                    heapBefore, heapAfter, perStream);
        }

        // one change, told to every open stream
        Thread.sleep(1500); // past the streams' minimum interval, so the change is sent at once
        HttpResponse<String> answer = http.send(target.update(0), HttpResponse.BodyHandlers.ofString());
        long answered = System.nanoTime();
        answeredAt.set(answered);
        if (answer.statusCode() >= 300) {
            throw new IllegalStateException("the command was refused: " + answer.statusCode() + " " + answer.body());
        }
        told.await(30, TimeUnit.SECONDS);
        Histogram reached = Target.histogram();
        int withinASecond = 0;
        for (Viewer viewer : viewers) {
            if (viewer.changeAt > 0) {
                long micros = Math.max(1, (viewer.changeAt - answered) / 1000);
                reached.recordValue(micros);
                if (micros <= 1_000_000) {
                    withinASecond++;
                }
            }
        }
        System.out.printf(Locale.ROOT, "one change: reached %d of %d open streams (%d within 1 s) — 2xx -> change %s%n",
                reached.getTotalCount(), open, withinASecond, Target.summary(reached));
        viewers.forEach(Viewer::close);

        Results.put(options, "streams.asked", streams);
        Results.put(options, "streams.open", open);
        Results.put(options, "streams.refused", refused.get());
        Results.put(options, "streams.open-seconds", openSeconds);
        Results.put(options, "streams.within-1s", withinASecond);
        Results.put(options, "streams.reached", reached.getTotalCount());
        if (pid != null) {
            Results.put(options, "streams.heap-before-mb", heapBefore);
            Results.put(options, "streams.heap-after-mb", heapAfter);
            Results.put(options, "streams.kb-per-stream", perStream);
        }
        Target.put(options, "streams.change", reached);
    }

    /** The platform's heap in use (MB) after a full collection: jcmd GC.run, then jstat's young and old generations. */
    private static double heapAfterFullCollection(String pid) throws Exception {
        new ProcessBuilder("jcmd", pid, "GC.run").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start().waitFor(60, TimeUnit.SECONDS);
        Process jstat = new ProcessBuilder("jstat", "-gc", pid).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(jstat.getInputStream()))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                lines.add(line.trim());
            }
        }
        jstat.waitFor(60, TimeUnit.SECONDS);
        String[] names = lines.get(0).split("\\s+");
        String[] values = lines.get(1).split("\\s+");
        double usedKb = 0;
        for (int i = 0; i < names.length; i++) {
            if (List.of("S0U", "S1U", "EU", "OU").contains(names[i])) {
                usedKb += Double.parseDouble(values[i]);
            }
        }
        return usedKb / 1024;
    }
}
