package vn.thanhhoa.cds.bench;

import org.postgresql.PGConnection;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The write ceiling of a fill: the rows the read models hold now, written again by PostgreSQL alone — each table's
 * rows copied out as text, then {@code COPY … FROM STDIN} into an empty table of the same shape (its indexes,
 * constraints and defaults: {@code like … including all}) on two connections at once, the auditors' history on one and
 * the rest on the other, each committing once, as the fill writes them. Nothing is parsed, scored or folded: what is
 * left is PostgreSQL's own ingest of those rows on this machine, counted in events of the store a second. The read
 * models themselves are not touched (the copies are dropped after), so it may run beside a platform.
 */
final class WriteCeiling {
    private static final String PREFIX = "wc_";

    private WriteCeiling() {
    }

    static void main(Map<String, String> options) throws Exception {
        String url = options.getOrDefault("db", "jdbc:postgresql://127.0.0.1:5432/bench");
        Path dir = Files.createTempDirectory(Path.of(options.getOrDefault("dir", System.getProperty("java.io.tmpdir"))), "write-ceiling");
        Map<String, Path> files = new LinkedHashMap<>();
        long rows = 0;
        long bytes = 0;
        long events;
        try (Connection db = Db.connect(url)) {
            List<String> tables = new ArrayList<>();
            try (var st = db.createStatement(); var rs = st.executeQuery("select tablename from pg_tables "
                    + "where schemaname = current_schema() and tablename like 'q\\_%' order by tablename")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            var copies = db.unwrap(PGConnection.class).getCopyAPI();
            for (String table : tables) {
                Path file = dir.resolve(table + ".txt");
                long copied;
                try (OutputStream out = Files.newOutputStream(file)) {
                    copied = copies.copyOut("copy " + table + " to stdout", out);
                }
                if (copied == 0) {
                    Files.delete(file);
                    continue;
                }
                rows += copied;
                bytes += Files.size(file);
                files.put(table, file);
                System.out.printf(Locale.ROOT, "  %-24s %,10d rows %7.1f MB%n", table, copied, Files.size(file) / 1e6);
                try (var st = db.createStatement()) {
                    st.execute("drop table if exists " + PREFIX + table);
                    st.execute("create table " + PREFIX + table + " (like " + table + " including all)");
                }
            }
            events = Db.count(db, "select count(*) from domainevententry");
            db.commit();
        }
        double seconds;
        try {
            Map<String, Path> history = new LinkedHashMap<>();
            Map<String, Path> rest = new LinkedHashMap<>();
            files.forEach((table, file) -> (table.startsWith("q_audit") ? history : rest).put(table, file));
            ExecutorService lanes = Executors.newFixedThreadPool(2);
            long started = System.nanoTime();
            try {
                Future<Double> historyLane = lanes.submit(() -> copyIn(url, history, started));
                Future<Double> restLane = lanes.submit(() -> copyIn(url, rest, started));
                System.out.printf(Locale.ROOT, "  the auditors' history done after %.2f s, the rest after %.2f s%n",
                        historyLane.get(), restLane.get());
            } finally {
                lanes.shutdown();
            }
            seconds = (System.nanoTime() - started) / 1e9;
        } finally {
            try (Connection db = Db.connect(url); var st = db.createStatement()) {
                for (String table : files.keySet()) {
                    st.execute("drop table if exists " + PREFIX + table);
                }
                db.commit();
            }
            for (Path file : files.values()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(dir);
        }
        System.out.printf(Locale.ROOT, "PostgreSQL wrote the read models' %d rows (%d tables, %.0f MB of COPY text) in %.2f s: "
                        + "%.0f rows/s, %.0f events/s of the store's %d%n", rows, files.size(), bytes / 1e6, seconds,
                rows / seconds, events / seconds, events);
        Results.put(options, "write.rows", rows);
        Results.put(options, "write.seconds", seconds);
        Results.put(options, "write.rate", events / seconds);
    }

    /** The tables' rows into their empty copies, on a connection of its own, committed once at the end: seconds taken. */
    private static double copyIn(String url, Map<String, Path> tables, long started) throws Exception {
        try (Connection db = Db.connect(url)) {
            var copies = db.unwrap(PGConnection.class).getCopyAPI();
            for (Map.Entry<String, Path> table : tables.entrySet()) {
                try (InputStream in = Files.newInputStream(table.getValue())) {
                    copies.copyIn("copy " + PREFIX + table.getKey() + " from stdin", in, 1 << 20);
                }
            }
            db.commit();
        }
        return (System.nanoTime() - started) / 1e9;
    }
}
