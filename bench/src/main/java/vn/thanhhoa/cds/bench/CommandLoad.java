package vn.thanhhoa.cds.bench;

import org.HdrHistogram.Histogram;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Commands through the HTTP API as fast as N clients can send them (each client waits for its answer before sending
 * the next: the number of clients is the concurrency, the figure is the throughput the platform sustains with it).
 * Indicator updates of the year's registered communes, each with a commune officer's bearer token and an
 * Idempotency-Key. {@code --register=true} registers the communes for the year first. With {@code --statements-db}
 * the SQL each command cost ({@link StatementCount}), with {@code --pid} (the server's process) the CPU
 * ({@link CpuCount}).
 */
final class CommandLoad {
    private CommandLoad() {
    }

    static void main(Map<String, String> options) throws Exception {
        int clients = Integer.parseInt(options.getOrDefault("clients", "8"));
        Target target = new Target(options, Math.max(4, clients));
        if (Boolean.parseBoolean(options.getOrDefault("register", "false"))) {
            register(target, clients);
            return;
        }
        double seconds = Double.parseDouble(options.getOrDefault("seconds", "20"));
        double warmup = Double.parseDouble(options.getOrDefault("warmup", "3"));
        String label = options.getOrDefault("label", "c" + clients);
        AtomicLong sequence = new AtomicLong(Long.parseLong(options.getOrDefault("offset", "0")));
        Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        Histogram latencies = Target.histogram();
        long start = System.nanoTime();
        long measureFrom = start + (long) (warmup * 1e9);
        long end = measureFrom + (long) (seconds * 1e9);
        AtomicLong ok = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        String[] firstError = new String[1];
        for (int c = 0; c < clients; c++) {
            Thread thread = new Thread(() -> {
                while (true) {
                    long sent = System.nanoTime();
                    if (sent >= end) {
                        return;
                    }
                    HttpRequest request = target.update(sequence.getAndIncrement());
                    int status;
                    try {
                        HttpResponse<String> response = target.http.send(request, HttpResponse.BodyHandlers.ofString());
                        status = response.statusCode();
                        if (status >= 300 && firstError[0] == null) {
                            firstError[0] = status + " " + response.body();
                        }
                    } catch (Exception e) {
                        status = -1;
                        if (firstError[0] == null) {
                            firstError[0] = e.toString();
                        }
                    }
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
            }, "client-" + c);
            thread.start();
            threads.add(thread);
        }
        StatementCount statements = StatementCount.of(options);
        CpuCount cpu = CpuCount.of(options);
        if (statements != null || cpu != null) {
            Thread.sleep(Math.max(0, (measureFrom - System.nanoTime()) / 1_000_000));
        }
        if (statements != null) {
            statements.start();
        }
        if (cpu != null) {
            cpu.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (cpu != null) {
            cpu.stop(options, label, ok.get());
        }
        if (statements != null) {
            statements.stop(options, label, ok.get());
        }
        double rate = ok.get() / seconds;
        long errors = statuses.entrySet().stream().filter(e -> e.getKey() < 200 || e.getKey() >= 300)
                .mapToLong(e -> e.getValue().get()).sum();
        System.out.printf(Locale.ROOT, "%s: %d clients, %.1f commands/s accepted over %.0f s; %s; answers %s%n",
                label, clients, rate, seconds, Target.summary(latencies), statuses);
        if (firstError[0] != null) {
            System.out.println("  first refusal: " + firstError[0].substring(0, Math.min(300, firstError[0].length())));
        }
        Results.put(options, "cmd." + label + ".rate", rate);
        Results.put(options, "cmd." + label + ".errors", errors);
        Target.put(options, "cmd." + label, latencies);
    }

    private static void register(Target target, int clients) throws Exception {
        AtomicLong next = new AtomicLong();
        Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Thread thread = new Thread(() -> {
                for (long n = next.getAndIncrement(); n < target.communes.size(); n = next.getAndIncrement()) {
                    int status;
                    try {
                        status = target.http.send(target.register(target.communes.get((int) n)), HttpResponse.BodyHandlers.discarding()).statusCode();
                    } catch (Exception e) {
                        status = -1;
                    }
                    statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        System.out.printf(Locale.ROOT, "registered %d communes for %d under %s in %.1f s: answers %s%n", target.communes.size(),
                target.year, target.frameworkId, (System.nanoTime() - start) / 1e9, statuses);
        if (statuses.keySet().stream().anyMatch(s -> s != 201 && s != 409)) {
            throw new IllegalStateException("registration refused: " + statuses);
        }
    }
}
