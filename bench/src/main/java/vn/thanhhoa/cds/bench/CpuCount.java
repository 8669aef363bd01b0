package vn.thanhhoa.cds.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The CPU a measured stretch of commands cost, from Linux's own count (/proc): the server's process (its HTTP threads,
 * its processors, its collector) and every PostgreSQL process, per accepted command. On a machine whose two cores are
 * shared by the client, the server and the database, a command's CPU is what bounds the commands per second.
 */
final class CpuCount {
    /** Clock ticks a second, as /proc counts them (USER_HZ; 100 on every Linux the benchmark runs on). */
    private static final double TICKS = 100;

    private final String pid;
    private long serverBefore;
    private long postgresBefore;
    private Map<String, Long> threadsBefore;

    private CpuCount(String pid) {
        this.pid = pid;
    }

    /** Null without --pid (the server's process) or without /proc. */
    static CpuCount of(Map<String, String> options) {
        String pid = options.get("pid");
        return pid == null || !Files.isReadable(Path.of("/proc", pid, "stat")) ? null : new CpuCount(pid);
    }

    void start() {
        serverBefore = ticks(Path.of("/proc", pid, "stat"));
        postgresBefore = postgres();
        threadsBefore = threads();
    }

    void stop(Map<String, String> options, String label, long accepted) {
        double server = (ticks(Path.of("/proc", pid, "stat")) - serverBefore) / TICKS * 1000 / Math.max(1, accepted);
        double database = (postgres() - postgresBefore) / TICKS * 1000 / Math.max(1, accepted);
        Map<String, Long> threads = threads();
        threads.replaceAll((name, t) -> t - threadsBefore.getOrDefault(name, 0L));
        String byThread = threads.entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(6)
                .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue() / TICKS * 1000 / Math.max(1, accepted)))
                .collect(java.util.stream.Collectors.joining(", "));
        System.out.printf(Locale.ROOT, "  CPU per command: %.2f ms in the server's JVM (%s), %.2f ms in PostgreSQL%n",
                server, byThread, database);
        Results.put(options, "cmd." + label + ".cpu-ms.jvm", server);
        Results.put(options, "cmd." + label + ".cpu-ms.postgres", database);
    }

    /** The server's threads' CPU by name (Linux keeps 15 characters of it), numbers folded: "http-nio-#-exec" etc. */
    private Map<String, Long> threads() {
        Map<String, Long> byName = new java.util.TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", pid, "task"))) {
            tasks.map(t -> t.resolve("stat")).forEach(stat ->
                    byName.merge(comm(stat).replaceAll("\\d+", "#"), ticks(stat), Long::sum));
        } catch (IOException e) {
            // the server ended
        }
        return byName;
    }

    private static long postgres() {
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            return processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .map(p -> p.resolve("stat"))
                    .filter(stat -> comm(stat).equals("postgres"))
                    .mapToLong(CpuCount::ticks).sum();
        } catch (IOException e) {
            return 0;
        }
    }

    private static String comm(Path stat) {
        try {
            String line = Files.readString(stat);
            return line.substring(line.indexOf('(') + 1, line.lastIndexOf(')'));
        } catch (IOException | RuntimeException gone) {
            return "";
        }
    }

    /** utime + stime of one process (fields 14 and 15, counted after the command name, which may hold spaces). */
    private static long ticks(Path stat) {
        try {
            String line = Files.readString(stat);
            String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException gone) {
            return 0; // a process that ended meanwhile
        }
    }
}
