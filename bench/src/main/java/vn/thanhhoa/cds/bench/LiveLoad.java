package vn.thanhhoa.cds.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.HdrHistogram.Histogram;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * Open-loop load (a fixed arrival rate: a request is sent at its intended time whether or not the earlier ones were
 * answered, and its latency counts from that intended time, so queueing cannot hide): a steady rate of indicator
 * updates, and at the same time viewers each reloading a dashboard on a fixed period. One live stream (/api/live, a
 * steering-committee member) gives the freshness: from a command's 2xx to the first server-sent change that
 * includes it. The platform coalesces changes (a page hears at most one a second, naming the latest event applied),
 * so a command counts as told by the first message whose event was recorded after the command was answered: that
 * event comes later in the store than the command's own, and the read models apply the store in order. It is an
 * upper bound (it can wait for the next command's event); the commands of the run's last moments, after which no
 * event came, are counted as "without an event".
 * <p>
 * The same stream follows the province dashboard and heat map as the province page does (it asks for them naming the
 * stream): a command counts as shown by the first 'view' message of the province dashboard whose latest event was
 * recorded after the command was answered — the page then holds an answer that includes it, without fetching.
 * And one commune officer follows their own commune on a stream of their own: told by the first change message of
 * their commune recorded after their command was answered.
 */
final class LiveLoad {
    private LiveLoad() {
    }

    /** One command in flight: its intended send time, its answer, its event on the stream. */
    private static final class Pending {
        final long intended;
        long answered = -1;
        /** when answered, on the wall clock (µs since the epoch), to compare with the events' recorded times */
        long answeredWall = Long.MAX_VALUE;
        long streamed = -1;
        /** when sent, on the wall clock (µs since the epoch) */
        long sentWall;
        /** when the followed province dashboard first included it, and the officer's own stream first told of it */
        long shown = -1;
        long officerTold = -1;

        Pending(long intended) {
            this.intended = intended;
        }
    }

    static void main(Map<String, String> options) throws Exception {
        Target target = new Target(options, 8);
        double rate = Double.parseDouble(options.getOrDefault("rate", "50"));
        double seconds = Double.parseDouble(options.getOrDefault("seconds", "30"));
        int viewers = Integer.parseInt(options.getOrDefault("viewers", "50"));
        long interval = Long.parseLong(options.getOrDefault("view-interval-ms", "1000"));
        String dashboard = options.getOrDefault("dashboard", "province");
        int dashboardYear = Integer.parseInt(options.getOrDefault("dashboard-year", String.valueOf(target.year)));
        String label = options.getOrDefault("label", dashboard);
        // where the pages read (the live stream and the dashboards): the platform itself, or a query role that the
        // commands reach through Kafka
        String readBase = options.getOrDefault("read-base", target.base);
        List<String> districts = target.map.communesInForce(LocalDate.of(dashboardYear, 12, 31)).isEmpty() ? List.of()
                : districts(target, dashboardYear);

        // each viewer's token signed before anything is timed: a viewer's browser holds its token, it does not sign it
        for (int i = 0; i < Math.max(30, viewers); i++) {
            view(target, readBase, dashboard, dashboardYear, districts, i);
        }
        // a dashboard with one viewer and nothing else going on: the floor the loaded figure is compared with
        Histogram alone = Target.histogram();
        for (int i = 0; i < 30; i++) {
            HttpRequest request = view(target, readBase, dashboard, dashboardYear, districts, i);
            long sent = System.nanoTime();
            HttpResponse<Void> response = target.http.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("dashboard answered " + response.statusCode());
            }
            if (i >= 5) {
                alone.recordValue(Math.max(1, (System.nanoTime() - sent) / 1000));
            }
        }
        System.out.printf(Locale.ROOT, "%s dashboard, one viewer, no load: %s%n", dashboard, Target.summary(alone));
        Target.put(options, "view." + label + ".alone", alone);

        Map<String, ArrayDeque<Pending>> pending = new ConcurrentHashMap<>();
        Histogram freshness = Target.histogram();
        Histogram intendedToEvent = Target.histogram();
        Histogram commands = Target.histogram();
        Histogram views = Target.histogram();
        AtomicLong commandErrors = new AtomicLong();
        AtomicLong viewErrors = new AtomicLong();
        AtomicLong changes = new AtomicLong();
        String[] firstError = new String[1];

        Histogram shown = Target.histogram();
        Histogram officer = Target.histogram();
        Histogram viewAge = Target.histogram();
        // the live stream of a steering-committee member, following the province's dashboards as its page does
        String steering = target.tokens.steering("bcd-bench-live");
        String[] streamId = new String[1];
        CountDownLatch hello = new CountDownLatch(1);
        var stream = listen(target, readBase, steering, (event, data, now) -> {
            if (event.equals("hello")) {
                streamId[0] = data.path("stream").asText();
                hello.countDown();
            } else if (event.equals("change")) {
                changes.incrementAndGet();
                told(pending.values(), data, now, p -> p.streamed < 0, p -> p.answeredWall, p -> {
                    p.streamed = now;
                    record(p, p.streamed, freshness, intendedToEvent);
                });
            } else if (event.equals("view") && data.path("view").asText().startsWith("province/")) {
                // how old the latest event a message includes is when it arrives (same machine, same clock)
                Instant recorded = Instant.parse(data.path("at").asText());
                synchronized (viewAge) {
                    viewAge.recordValue(Math.max(1, java.time.Duration.between(recorded, Instant.now()).toNanos() / 1000));
                }
                told(pending.values(), data, now, p -> p.shown < 0, p -> p.answeredWall, p -> {
                    p.shown = now;
                    record(p, p.shown, shown, null);
                });
            }
        });
        if (!hello.await(20, TimeUnit.SECONDS)) {
            throw new IllegalStateException("no hello on /api/live within 20 s");
        }
        for (String path : List.of("/api/province/dashboard?year=" + dashboardYear, "/api/province/heatmap?year=" + dashboardYear)) {
            HttpResponse<Void> followed = target.http.send(HttpRequest.newBuilder(URI.create(readBase + path))
                    .header("Authorization", "Bearer " + steering).header("X-Live-Stream", streamId[0]).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            if (followed.statusCode() != 200) {
                throw new IllegalStateException(path + " answered " + followed.statusCode());
            }
            if (followed.headers().firstValue("X-Live-View").isEmpty()) {
                System.out.println(path + ": not followed (a server before issue 30's live views): nothing shown without a fetch");
            }
        }
        // a commune officer's own stream: told of their own commune's changes only
        String officerCommune = target.communeOf(0);
        CountDownLatch officerHello = new CountDownLatch(1);
        var officerStream = listen(target, readBase, target.tokens.commune(officerCommune), (event, data, now) -> {
            if (event.equals("hello")) {
                officerHello.countDown();
            } else if (event.equals("change") && officerCommune.equals(data.path("communeCode").asText())) {
                ArrayDeque<Pending> own = pending.get(officerCommune);
                // their commune's commands come seconds apart: its first change recorded after the command was sent
                // is the command's own event (the steering stream, told of every commune, waits for a later one)
                told(own == null ? List.of() : List.of(own), data, now, p -> p.officerTold < 0, p -> p.sentWall, p -> {
                    p.officerTold = now;
                    record(p, p.officerTold, officer, null);
                });
            }
        });
        if (!officerHello.await(20, TimeUnit.SECONDS)) {
            throw new IllegalStateException("no hello on the officer's /api/live within 20 s");
        }

        Semaphore inFlight = new Semaphore(5000);
        long start = System.nanoTime() + 200_000_000L;
        long end = start + (long) (seconds * 1e9);

        // commands at a fixed rate
        Thread commander = new Thread(() -> {
            long period = (long) (1e9 / rate);
            for (long n = 0; ; n++) {
                long intended = start + n * period;
                if (intended >= end) {
                    return;
                }
                waitUntil(intended);
                String commune = target.communeOf(n);
                Pending p = new Pending(intended);
                Instant sent = Instant.now();
                p.sentWall = sent.getEpochSecond() * 1_000_000L + sent.getNano() / 1000;
                ArrayDeque<Pending> queue = pending.computeIfAbsent(commune, c -> new ArrayDeque<>());
                synchronized (queue) {
                    queue.add(p);
                }
                inFlight.acquireUninterruptibly();
                target.http.sendAsync(target.update(n), HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
                    long now = System.nanoTime();
                    inFlight.release();
                    synchronized (commands) {
                        commands.recordValue(Math.max(1, (now - intended) / 1000));
                    }
                    if (failure != null || response.statusCode() >= 300) {
                        commandErrors.incrementAndGet();
                        if (firstError[0] == null) {
                            firstError[0] = failure != null ? failure.toString() : response.statusCode() + " " + response.body();
                        }
                        synchronized (queue) {
                            queue.remove(p);
                        }
                        return;
                    }
                    Instant wall = Instant.now();
                    synchronized (queue) {
                        p.answered = now;
                        p.answeredWall = wall.getEpochSecond() * 1_000_000L + wall.getNano() / 1000;
                        if (p.officerTold >= 0) {
                            record(p, p.answered, officer, null); // the officer was told before the answer came
                        }
                    }
                });
            }
        }, "commands");

        // viewers, each on its own phase of the period
        Thread viewing = new Thread(() -> {
            if (viewers <= 0) {
                return;
            }
            long step = interval * 1_000_000L / viewers;
            for (long m = 0; ; m++) {
                long intended = start + m * step;
                if (intended >= end) {
                    return;
                }
                waitUntil(intended);
                int viewer = (int) (m % viewers);
                inFlight.acquireUninterruptibly();
                target.http.sendAsync(view(target, readBase, dashboard, dashboardYear, districts, viewer), HttpResponse.BodyHandlers.discarding())
                        .whenComplete((response, failure) -> {
                            long now = System.nanoTime();
                            inFlight.release();
                            if (failure != null || response.statusCode() != 200) {
                                viewErrors.incrementAndGet();
                                return;
                            }
                            synchronized (views) {
                                views.recordValue(Math.max(1, (now - intended) / 1000));
                            }
                        });
            }
        }, "viewers");
        commander.start();
        viewing.start();
        commander.join();
        viewing.join();
        // answers and events still on their way
        long drain = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < drain && inFlight.availablePermits() < 5000) {
            Thread.sleep(100);
        }
        // the last commands are told only by a later event: the viewers' refreshes and a moment more
        long settle = System.nanoTime() + 3_000_000_000L;
        while (System.nanoTime() < settle && unmatched(pending) > 0) {
            Thread.sleep(100);
        }
        long sent = (long) (seconds * rate);
        long missing = unmatched(pending);
        System.out.printf(Locale.ROOT, "%s: %.0f commands/s sent for %.0f s (%d), %d refused; commands (from intended send): %s%n",
                label, rate, seconds, sent, commandErrors.get(), Target.summary(commands));
        System.out.printf(Locale.ROOT, "%s: freshness, 2xx -> server-sent event: %s; intended send -> event: %s; %d without an event%n",
                label, Target.summary(freshness), Target.summary(intendedToEvent), missing);
        System.out.printf(Locale.ROOT, "%s: 2xx -> the followed province dashboard includes it (a 'view' message): %s%n",
                label, Target.summary(shown));
        System.out.printf(Locale.ROOT, "%s: a province 'view' message's arrival - its latest event's recorded time: %s%n",
                label, Target.summary(viewAge));
        System.out.printf(Locale.ROOT, "%s: 2xx -> the officer of %s told on their own stream: %s%n",
                label, officerCommune, Target.summary(officer));
        System.out.printf(Locale.ROOT, "%s: %d viewers of the %s dashboard, each every %d ms: %s; %d failed%n",
                label, viewers, dashboard, interval, Target.summary(views), viewErrors.get());
        if (firstError[0] != null) {
            System.out.println("  first refusal: " + firstError[0].substring(0, Math.min(300, firstError[0].length())));
        }
        Target.put(options, "live." + label + ".cmd", commands);
        Target.put(options, "live." + label + ".fresh", freshness);
        Target.put(options, "live." + label + ".shown", shown);
        Target.put(options, "live." + label + ".officer", officer);
        Target.put(options, "live." + label + ".view-age", viewAge);
        Target.put(options, "live." + label + ".e2e", intendedToEvent);
        Results.put(options, "live." + label + ".missing", missing);
        Results.put(options, "live." + label + ".cmd-errors", commandErrors.get());
        Target.put(options, "view." + label + ".loaded", views);
        Results.put(options, "view." + label + ".errors", viewErrors.get());
        Results.put(options, "view." + label + ".viewers", viewers);
        stream.cancel(true);
        officerStream.cancel(true);
    }

    /** What a stream's reader does with each event: its name, its data (JSON), when it arrived. */
    private interface OnEvent {
        void on(String event, JsonNode data, long now) throws Exception;
    }

    /** Opens a live stream with the token and hands each event to {@code on} on a thread of its own. */
    private static java.util.concurrent.CompletableFuture<HttpResponse<Stream<String>>> listen(Target target, String base,
                                                                                             String token, OnEvent on) {
        HttpRequest live = HttpRequest.newBuilder(URI.create(base + "/api/live"))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").GET().build();
        var stream = target.http.sendAsync(live, HttpResponse.BodyHandlers.ofLines());
        Thread reader = new Thread(() -> {
            try {
                HttpResponse<Stream<String>> response = stream.get();
                if (response.statusCode() != 200) {
                    System.err.println("live stream answered " + response.statusCode());
                    return;
                }
                String event = null;
                var lines = response.body().iterator();
                while (lines.hasNext()) {
                    String line = lines.next();
                    long now = System.nanoTime();
                    if (line.startsWith("event:")) {
                        event = line.substring(6).trim();
                    } else if (line.startsWith("data:") && event != null) {
                        on.on(event, Json.MAPPER.readTree(line.substring(5)), now);
                    } else if (line.isEmpty()) {
                        event = null;
                    }
                }
            } catch (Exception e) {
                if (!(e instanceof InterruptedException)) {
                    System.err.println("live stream ended: " + e);
                }
            }
        }, "live-stream");
        reader.setDaemon(true);
        reader.start();
        return stream;
    }

    /**
     * The commands a message tells of: those not yet told ({@code open}) whose {@code since} (when answered, or sent)
     * came before the latest event the message includes was recorded ({@code at}).
     */
    private static void told(Iterable<ArrayDeque<Pending>> queues, JsonNode message, long now,
                             java.util.function.Predicate<Pending> open, java.util.function.ToLongFunction<Pending> since,
                             java.util.function.Consumer<Pending> tell) {
        Instant recorded = Instant.parse(message.path("at").asText());
        long recordedMicros = recorded.getEpochSecond() * 1_000_000L + recorded.getNano() / 1000;
        for (ArrayDeque<Pending> queue : queues) {
            synchronized (queue) {
                for (Pending p : queue) {
                    if (open.test(p) && since.applyAsLong(p) <= recordedMicros) {
                        tell.accept(p);
                    }
                }
            }
        }
    }

    private static void record(Pending p, long at, Histogram freshness, Histogram intendedToEvent) {
        if (p.answered < 0 || at < 0) {
            return;
        }
        synchronized (freshness) {
            // the event may overtake the answer on its way to the client: no staleness then
            freshness.recordValue(Math.max(1, (at - p.answered) / 1000));
            if (intendedToEvent != null) {
                intendedToEvent.recordValue(Math.max(1, (at - p.intended) / 1000));
            }
        }
    }

    private static long unmatched(Map<String, ArrayDeque<Pending>> pending) {
        long n = 0;
        for (ArrayDeque<Pending> queue : pending.values()) {
            synchronized (queue) {
                n += queue.stream().filter(p -> p.streamed < 0).count();
            }
        }
        return n;
    }

    private static void waitUntil(long nanoTime) {
        for (long wait = nanoTime - System.nanoTime(); wait > 0; wait = nanoTime - System.nanoTime()) {
            LockSupport.parkNanos(wait);
        }
    }

    static List<String> districts(Target target, int year) {
        LocalDate day = LocalDate.of(year, 12, 31).isAfter(LocalDate.now()) ? LocalDate.now() : LocalDate.of(year, 12, 31);
        List<String> codes = new ArrayList<>();
        for (var commune : target.map.communesInForce(day)) {
            target.map.appraiserOf(commune.id(), day).flatMap(target.map::unit)
                    .filter(u -> u.level().equals("DISTRICT")).map(MapOnRecord.Unit::code)
                    .filter(c -> !codes.contains(c)).ifPresent(codes::add);
        }
        return codes;
    }

    private static HttpRequest view(Target target, String base, String dashboard, int year, List<String> districts, int viewer) {
        // "me": the cheapest authenticated endpoint, read the same way under the same load (the floor of a dashboard)
        String path = dashboard.equals("district")
                ? "/api/districts/" + districts.get(viewer % districts.size()) + "/dashboard?year=" + year
                : dashboard.equals("me") ? "/api/me" : "/api/province/dashboard?year=" + year;
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + target.tokens.steering("bcd-viewer-" + viewer)).GET().build();
    }
}
