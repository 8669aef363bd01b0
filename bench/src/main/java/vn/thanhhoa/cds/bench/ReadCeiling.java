package vn.thanhhoa.cds.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The read ceiling: every stored event read in global order over one JDBC connection (streamed, 1,000 rows a fetch)
 * and its payload and metadata parsed by Jackson into the event classes — what any replay has to do at least.
 */
final class ReadCeiling {
    private ReadCeiling() {
    }

    static void main(Map<String, String> options) throws Exception {
        try (Connection db = Db.connect(options.getOrDefault("db", "jdbc:postgresql://127.0.0.1:5432/bench"))) {
            Map<String, Class<?>> types = new HashMap<>();
            long events = 0;
            long bytes = 0;
            long started = System.nanoTime();
            try (PreparedStatement st = db.prepareStatement(
                    "select globalindex, payloadtype, payload, metadata from domainevententry order by globalindex")) {
                st.setFetchSize(1000);
                try (var rs = st.executeQuery()) {
                    while (rs.next()) {
                        String type = rs.getString(2);
                        Class<?> payloadClass = types.computeIfAbsent(type, ReadCeiling::load);
                        String payload = rs.getString(3);
                        String metadata = rs.getString(4);
                        Object event = Json.MAPPER.readValue(payload, payloadClass);
                        Map<?, ?> meta = metadata == null ? Map.of() : Json.MAPPER.readValue(metadata, Map.class);
                        if (event == null || meta == null) {
                            throw new IllegalStateException("unreadable event " + rs.getLong(1));
                        }
                        bytes += payload.length() + (metadata == null ? 0 : metadata.length());
                        events++;
                    }
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            long tableBytes = Db.count(db, "select pg_total_relation_size('domainevententry')");
            db.commit();
            System.out.printf(Locale.ROOT, "read and parsed %d events in %.2f s: %.0f events/s; stored %.0f bytes/event "
                    + "(table with indexes), payload+metadata %.0f chars/event%n", events, seconds, events / seconds,
                    (double) tableBytes / Math.max(1, events), (double) bytes / Math.max(1, events));
            Results.put(options, "read.events", events);
            Results.put(options, "read.seconds", seconds);
            Results.put(options, "read.rate", events / seconds);
            Results.put(options, "store.bytes-per-event", (double) tableBytes / Math.max(1, events));
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("no event class " + name, e);
        }
    }
}
