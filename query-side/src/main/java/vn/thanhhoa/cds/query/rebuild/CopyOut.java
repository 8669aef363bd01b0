package vn.thanhhoa.cds.query.rebuild;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Rows written to PostgreSQL in bulk ({@code COPY … FROM STDIN}) on a connection of their own, by a thread of their
 * own, while the rebuild goes on folding: the rows of a table are gathered in text form, and every megabyte or so is
 * handed to the writer (in order, so the identity columns number them as they came). A few chunks wait at most: a
 * writer slower than the fold holds the fold back rather than the heap filling up.
 */
final class CopyOut implements AutoCloseable {
    private static final int CHUNK = 1 << 20;
    private static final byte[] END = new byte[0];

    /** One table's rows being gathered. */
    final class Table {
        private final String name;
        private final String copy;
        private StringBuilder rows = new StringBuilder(CHUNK + CHUNK / 4);

        private Table(String table, String columns) {
            this.name = table;
            this.copy = "copy " + table + " (" + columns.replaceAll("\\s+", " ").trim() + ") from stdin";
        }

        /** A row, its values in the order of the columns: strings, numbers, booleans, instants, dates or nulls. */
        void row(Object... values) {
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    rows.append('\t');
                }
                append(values[i]);
            }
            rows.append('\n');
            if (rows.length() >= CHUNK) {
                send();
            }
        }

        private void append(Object value) {
            if (value == null) {
                rows.append("\\N");
            } else if (value instanceof Boolean b) {
                rows.append(b ? 't' : 'f');
            } else if (value instanceof BigDecimal number) {
                rows.append(number.toPlainString());
            } else if (value instanceof Instant instant) {
                // an event's instant is written four or five times (its versions, timeline, history): formatted once
                if (instant != lastInstant) {
                    lastInstant = instant;
                    lastInstantText = instant.toString();
                }
                rows.append(lastInstantText);
            } else if (value instanceof Number || value instanceof java.time.LocalDate) {
                rows.append(value);
            } else {
                String text = value.toString();
                if (plain(text)) {
                    rows.append(text);
                    return;
                }
                for (int i = 0; i < text.length(); i++) {
                    char c = text.charAt(i);
                    switch (c) {
                        case '\\' -> rows.append("\\\\");
                        case '\t' -> rows.append("\\t");
                        case '\n' -> rows.append("\\n");
                        case '\r' -> rows.append("\\r");
                        default -> rows.append(c);
                    }
                }
            }
        }

        /** No character COPY's text format escapes. */
        private static boolean plain(String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\\' || c == '\t' || c == '\n' || c == '\r') {
                    return false;
                }
            }
            return true;
        }

        private void send() {
            if (rows.isEmpty()) {
                return;
            }
            byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
            rows = new StringBuilder(CHUNK + CHUNK / 4);
            hand(new Chunk(copy, bytes));
        }
    }

    private Instant lastInstant;
    private String lastInstantText;

    private record Chunk(String copy, byte[] rows) {
    }

    private final Connection connection;
    private final CopyManager copies;
    private final BlockingQueue<Chunk> waiting = new ArrayBlockingQueue<>(8);
    private final List<Table> tables = new ArrayList<>();
    private final Thread writer;
    private volatile Exception failure;

    CopyOut(Connection connection, String name) throws SQLException {
        this.connection = connection;
        this.copies = connection.unwrap(PGConnection.class).getCopyAPI();
        this.writer = new Thread(this::write, "read-model-rebuild-copy-" + name);
        writer.setDaemon(true);
        writer.start();
    }

    Table table(String table, String columns) {
        Table created = new Table(table, columns);
        tables.add(created);
        return created;
    }

    /** The tables written to. */
    List<String> tables() {
        return tables.stream().map(table -> table.name).toList();
    }

    /** Every row gathered is written and committed (or the writer's failure thrown). */
    void finish() throws Exception {
        tables.forEach(Table::send);
        hand(new Chunk(null, END));
        writer.join();
        failed();
    }

    private void hand(Chunk chunk) {
        try {
            while (!waiting.offer(chunk, 1, TimeUnit.SECONDS)) {
                failed();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the rebuild was interrupted", e);
        } catch (Exception e) {
            throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
        }
    }

    private void failed() throws Exception {
        if (failure != null) {
            throw new IllegalStateException("the bulk write failed: " + failure.getMessage(), failure);
        }
    }

    private void write() {
        try {
            while (true) {
                Chunk chunk = waiting.take();
                if (chunk.rows() == END) {
                    connection.commit();
                    return;
                }
                copies.copyIn(chunk.copy(), new ByteArrayInputStream(chunk.rows()));
            }
        } catch (Exception e) {
            failure = e;
            waiting.clear(); // the fold is not held back by a writer that has stopped
        }
    }

    @Override
    public void close() {
        writer.interrupt();
    }
}
