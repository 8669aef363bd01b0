package vn.thanhhoa.cds.bench;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A full rebuild of every read model, as an operator does it with the platform stopped: the read-side processors'
 * tokens removed and their tables emptied (and the dead letters), so the next start rebuilds from the whole store —
 * filled in bulk by the rebuild's fold at start (the platform's {@code cds.rebuild.fill-at-start-from}), or replayed
 * by the processors event by event; then the time until both processors' committed tokens have reached the last event.
 */
final class Rebuild {
    /** The read side's processors: the dashboards and the auditors' history. */
    static final List<String> GROUPS = List.of("dashboards", "audit-trail");

    private Rebuild() {
    }

    static void reset(Map<String, String> options) throws Exception {
        try (Connection db = Db.connect(options.getOrDefault("db", "jdbc:postgresql://127.0.0.1:5432/bench"))) {
            List<String> tables = new ArrayList<>();
            try (var st = db.createStatement(); var rs = st.executeQuery(
                    "select tablename from pg_tables where schemaname = current_schema() and (tablename like 'q\\_%' or tablename = 'deadletterentry')")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            try (var st = db.createStatement()) {
                st.executeUpdate("truncate " + String.join(", ", tables));
                st.executeUpdate("delete from tokenentry where processorname in ('" + String.join("', '", GROUPS) + "')");
            }
            db.commit();
            System.out.println("read models emptied (" + String.join(", ", tables) + ") and the tokens of " + GROUPS + " removed");
        }
    }

    /**
     * Waits until the processor has applied every event stored now. {@code --since=<epoch ms>} is when the platform was
     * launched; the rate is counted from the first committed token (the processor's own speed, without start-up).
     */
    static void waitCaughtUp(Map<String, String> options) throws Exception {
        long since = Long.parseLong(options.getOrDefault("since", String.valueOf(System.currentTimeMillis())));
        long timeout = Long.parseLong(options.getOrDefault("timeout", "3600")) * 1000;
        String prefix = options.getOrDefault("key", "rebuild");
        try (Connection db = Db.connect(options.getOrDefault("db", "jdbc:postgresql://127.0.0.1:5432/bench"))) {
            db.setAutoCommit(true);
            long last = Db.count(db, "select coalesce(max(globalindex), 0) from domainevententry");
            long events = Db.count(db, "select count(*) from domainevententry");
            long firstProgressAt = -1;
            long firstIndex = 0;
            long fillSeenAt = -1;
            long lastPrint = System.currentTimeMillis();
            while (true) {
                // a platform that fills its empty read store at start sets the tokens at the head first and marks
                // the fill until it is done; its rate is counted from the mark (the fold's own speed)
                boolean filling = filling(db);
                long index = filling ? -1 : position(db);
                long now = System.currentTimeMillis();
                if (filling && fillSeenAt < 0) {
                    fillSeenAt = now;
                }
                if (index >= 0 && firstProgressAt < 0) {
                    firstProgressAt = now;
                    firstIndex = index;
                }
                if (index >= last) {
                    double total = (now - since) / 1000.0;
                    double applying = fillSeenAt >= 0 ? (now - fillSeenAt) / 1000.0
                            : firstProgressAt < 0 ? total : (now - firstProgressAt) / 1000.0;
                    long applied = fillSeenAt >= 0 ? events
                            : Db.count(db, "select count(*) from domainevententry where globalindex > " + firstIndex);
                    double rate = applying > 0 ? applied / applying : events / total;
                    System.out.printf(Locale.ROOT, "caught up with %d events: %.1f s since launch, %.0f events/s while applying%s%n",
                            events, total, rate, fillSeenAt >= 0 ? " (filled at start, in bulk)" : "");
                    Results.put(options, prefix + ".events", events);
                    Results.put(options, prefix + ".seconds", total);
                    Results.put(options, prefix + ".rate", rate);
                    if (fillSeenAt >= 0) {
                        Results.put(options, prefix + ".filled", true);
                    }
                    return;
                }
                if (now - since > timeout) {
                    long done = Db.count(db, "select count(*) from domainevententry where globalindex <= " + Math.max(0, index));
                    double seconds = (now - since) / 1000.0;
                    System.out.printf(Locale.ROOT, "NOT caught up after %.0f s: %d of %d events applied (%.0f events/s)%n",
                            seconds, done, events, done / seconds);
                    Results.put(options, prefix + ".events", events);
                    Results.put(options, prefix + ".done", done);
                    Results.put(options, prefix + ".seconds", seconds);
                    Results.put(options, prefix + ".rate", done / seconds);
                    Results.put(options, prefix + ".timeout", true);
                    return;
                }
                if (now - lastPrint > 15000 && index >= 0) {
                    lastPrint = now;
                    long done = Db.count(db, "select count(*) from domainevententry where globalindex <= " + index);
                    System.out.printf(Locale.ROOT, "  ... %d of %d events applied (%.0f s)%n", done, events, (now - since) / 1000.0);
                }
                Thread.sleep(200);
            }
        }
    }

    /**
     * The rebuild an operator starts while the platform serves (POST /api/read-models/rebuild, as the province): new
     * tables fed from the store, then the switch; timed from the request to the switch, and at the platform's own
     * count (events applied while replaying).
     */
    static void online(Map<String, String> options) throws Exception {
        String base = options.getOrDefault("base", "http://127.0.0.1:8080");
        String token = new Tokens(java.nio.file.Path.of(options.getOrDefault("key", "bench-key.pem")))
                .token("so-tttt", List.of("PROVINCE"), "38");
        var http = java.net.http.HttpClient.newHttpClient();
        var uri = java.net.URI.create(base + "/api/read-models/rebuild");
        long started = System.currentTimeMillis();
        var answer = http.send(java.net.http.HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 202) {
            throw new IllegalStateException("the rebuild was refused: " + answer.statusCode() + " " + answer.body());
        }
        while (true) {
            Thread.sleep(500);
            var progress = Json.MAPPER.readTree(http.send(java.net.http.HttpRequest.newBuilder(uri)
                    .header("Authorization", "Bearer " + token).GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body());
            String state = progress.path("state").asText();
            if (state.equals("DONE") || state.equals("FAILED")) {
                double seconds = (System.currentTimeMillis() - started) / 1000.0;
                long events = progress.path("eventsDone").asLong();
                System.out.printf(Locale.ROOT, "rebuild while serving: %s, %d events in %.1f s (%.0f events/s as the platform counts)%n",
                        state, events, seconds, progress.path("eventsPerSecond").asDouble());
                if (!state.equals("DONE")) {
                    throw new IllegalStateException("the rebuild failed: " + progress.path("message").asText());
                }
                Results.put(options, "rebuild.online.events", events);
                Results.put(options, "rebuild.online.seconds", seconds);
                Results.put(options, "rebuild.online.rate", events / seconds);
                return;
            }
        }
    }

    /** Whether the platform is filling its read store at start (the mark of V3_16's table). */
    static boolean filling(Connection db) throws Exception {
        try (var st = db.createStatement(); var rs = st.executeQuery(
                "select count(*) from pg_tables where schemaname = current_schema() and tablename = 'q_read_store_fill'")) {
            rs.next();
            if (rs.getLong(1) == 0) {
                return false;
            }
        }
        return Db.count(db, "select count(*) from q_read_store_fill") > 0;
    }

    /** The committed position of the slowest processor (the lowest over their segments), -1 before all have committed. */
    static long position(Connection db) throws Exception {
        long min = Long.MAX_VALUE;
        java.util.Set<String> seen = new java.util.HashSet<>();
        try (var st = db.createStatement(); var rs = st.executeQuery(
                "select processorname, convert_from(token, 'UTF8') from tokenentry where processorname in ('"
                        + String.join("', '", GROUPS) + "') and token is not null")) {
            while (rs.next()) {
                var node = Json.MAPPER.readTree(rs.getString(2));
                var token = node.has("currentToken") ? node.path("currentToken") : node;
                long index = token.path("index").asLong(-1);
                min = Math.min(min, index);
                seen.add(rs.getString(1));
            }
        }
        return seen.size() == GROUPS.size() ? min : -1;
    }
}
