package vn.thanhhoa.cds.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The read ceiling: every stored event read in global order over one JDBC connection (streamed, 1,000 rows a fetch)
 * and its payload and metadata parsed by Jackson into the event classes — what any replay has to do at least. Read
 * twice: the first pass warms the JIT and the page cache, as in a platform that has been running; the second counts.
 */
final class ReadCeiling {
    private final Map<String, Class<?>> types = new HashMap<>();

    private record Pass(long events, long chars, double seconds) {
    }

    private ReadCeiling() {
    }

    static void main(Map<String, String> options) throws Exception {
        try (Connection db = Db.connect(options.getOrDefault("db", "jdbc:postgresql://127.0.0.1:5432/bench"))) {
            ReadCeiling reader = new ReadCeiling();
            reader.pass(db);
            Pass pass = reader.pass(db);
            long tableBytes = Db.count(db, "select pg_total_relation_size('domainevententry')");
            db.commit();
            long events = Math.max(1, pass.events());
            System.out.printf(Locale.ROOT, "read and parsed %d events in %.2f s: %.0f events/s; stored %.0f bytes/event "
                    + "(table with indexes), payload+metadata %.0f chars/event%n", pass.events(), pass.seconds(),
                    pass.events() / pass.seconds(), (double) tableBytes / events, (double) pass.chars() / events);
            Results.put(options, "read.events", pass.events());
            Results.put(options, "read.seconds", pass.seconds());
            Results.put(options, "read.rate", pass.events() / pass.seconds());
            Results.put(options, "store.bytes-per-event", (double) tableBytes / events);
        }
    }

    private Pass pass(Connection db) throws SQLException, java.io.IOException {
        long events = 0;
        long chars = 0;
        long started = System.nanoTime();
        try (PreparedStatement st = db.prepareStatement(
                "select globalindex, payloadtype, payload, metadata from domainevententry order by globalindex")) {
            st.setFetchSize(1000);
            try (var rs = st.executeQuery()) {
                while (rs.next()) {
                    Class<?> payloadClass = types.computeIfAbsent(rs.getString(2), ReadCeiling::load);
                    String payload = rs.getString(3);
                    String metadata = rs.getString(4);
                    Object event = Json.MAPPER.readValue(payload, payloadClass);
                    Map<?, ?> meta = metadata == null ? Map.of() : Json.MAPPER.readValue(metadata, Map.class);
                    if (event == null || meta == null) {
                        throw new IllegalStateException("unreadable event " + rs.getLong(1));
                    }
                    chars += payload.length() + (metadata == null ? 0 : metadata.length());
                    events++;
                }
            }
        }
        db.commit();
        return new Pass(events, chars, (System.nanoTime() - started) / 1e9);
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("no event class " + name, e);
        }
    }
}
