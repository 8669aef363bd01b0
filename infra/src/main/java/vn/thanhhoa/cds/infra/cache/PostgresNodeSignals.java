package vn.thanhhoa.cds.infra.cache;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * {@link NodeSignals} between the nodes of one store. On PostgreSQL a signal is a {@code NOTIFY} sent in the transaction of the change: the other nodes hear it when, and
 * only if, that transaction commits, in commit order. Each node listens on a connection of its own; after losing it,
 * it counts every topic as changed (what was said meanwhile is lost). The node that sent a signal ignores its echo: it
 * has already applied the change after its own commit. On H2 (the one-node demo) there is no other node to tell.
 */
@Component
public class PostgresNodeSignals implements NodeSignals, SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(PostgresNodeSignals.class);
    /** A channel per store (schema): NOTIFY reaches every session of the database, other stores' nodes included. */
    private final String channel;
    /** PostgreSQL refuses a payload of 8000 bytes or more; longer details are sent in parts. */
    static final int MAX_PAYLOAD_BYTES = 7900;

    private final String node = UUID.randomUUID().toString();
    private final JdbcClient jdbc;
    private final DataSourceProperties connection;
    private final boolean postgres;
    private final long pollMs;
    private final Map<String, List<Consumer<String>>> listeners = new ConcurrentHashMap<>();
    private volatile boolean running;
    private volatile Thread listener;

    public PostgresNodeSignals(JdbcClient jdbc, DataSource dataSource, DataSourceProperties connection,
                       @Value("${cds.node-signals.poll-ms:100}") long pollMs) {
        this.jdbc = jdbc;
        this.connection = connection;
        this.pollMs = pollMs;
        this.postgres = isPostgres(dataSource);
        this.channel = postgres ? "cds_changes_" + jdbc.sql("select current_schema()").query(String.class).single()
                .replaceAll("[^A-Za-z0-9_]", "_").toLowerCase(java.util.Locale.ROOT) : null;
    }

    private static boolean isPostgres(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            return "PostgreSQL".equals(c.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            throw new IllegalStateException("the database cannot be reached", e);
        }
    }

    @Override
    public void listen(String topic, Consumer<String> listener) {
        listeners.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(listener);
    }

    @Override
    public void send(String topic, String detail) {
        if (!postgres) {
            return;
        }
        String head = node + "|" + topic + "|";
        String text = detail == null ? "" : detail;
        // in parts, each whole (details are lines, and a line never comes near the limit)
        StringBuilder part = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (!part.isEmpty() && bytes(head) + bytes(part.toString()) + 1 + bytes(line) > MAX_PAYLOAD_BYTES) {
                notify(head + part);
                part.setLength(0);
            }
            if (!part.isEmpty()) {
                part.append('\n');
            }
            part.append(line);
        }
        notify(head + part);
    }

    private static int bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private void notify(String payload) {
        jdbc.sql("select pg_notify(:channel, :payload)").param("channel", channel).param("payload", payload)
                .query().singleRow();
    }

    private void deliver(String topic, String detail) {
        for (Consumer<String> target : listeners.getOrDefault(topic, List.of())) {
            try {
                target.accept(detail);
            } catch (RuntimeException e) {
                log.warn("A signal of {} could not be applied on this node", topic, e);
            }
        }
    }

    private void listenLoop() {
        while (running) {
            try (Connection c = DriverManager.getConnection(connection.determineUrl(),
                    connection.determineUsername(), connection.determinePassword())) {
                try (Statement listen = c.createStatement()) {
                    listen.execute("LISTEN " + channel);
                }
                // whatever was said before this connection listened is not heard: count every topic as changed
                listeners.keySet().forEach(topic -> deliver(topic, null));
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] heard = pg.getNotifications((int) pollMs);
                    if (heard == null) {
                        continue;
                    }
                    for (PGNotification signal : heard) {
                        String[] parts = signal.getParameter().split("\\|", 3);
                        if (parts.length == 3 && !parts[0].equals(node)) {
                            deliver(parts[1], parts[2]);
                        }
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    log.warn("Listening for the other nodes' changes failed; listening again in a second", e);
                    sleep();
                }
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void start() {
        running = true;
        if (postgres) {
            Thread t = new Thread(this::listenLoop, "node-signals");
            t.setDaemon(true);
            t.start();
            listener = t;
        }
    }

    @Override
    public void stop() {
        running = false;
        Thread t = listener;
        if (t != null) {
            t.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
