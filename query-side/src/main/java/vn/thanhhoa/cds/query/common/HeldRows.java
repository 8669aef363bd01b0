package vn.thanhhoa.cds.query.common;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCreator;
import org.springframework.jdbc.core.RowCallbackHandler;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rows held for one table (values as JDBC takes them; instants too), written as one {@code insert … select from
 * unnest(…)} (PostgreSQL) with what to do on a conflict: nothing (a row that is there already stays), or the columns
 * updated. Each column's values go as one array: the statement's text is the same whatever the number of rows, so
 * PostgreSQL and the driver parse and plan it once a connection (a multi-row {@code values} list made one text per row
 * count, each parsed and planned anew and held in the driver's statement cache until pushed out — under load, a large
 * part of what the young collections copied and scanned).
 */
public final class HeldRows {
    /** Each table's columns' types (without length or precision, which the insert itself checks), read once. */
    private static final Map<String, Map<String, String>> TYPES = new ConcurrentHashMap<>();

    private final String table;
    private final List<String> columns;
    private final String onConflict;
    private final List<Object[]> rows = new ArrayList<>();

    /**
     * @param columns    the columns, comma separated
     * @param onConflict what follows the values ({@code on conflict …}), or an empty text
     */
    public HeldRows(String table, String columns, String onConflict) {
        this.table = table;
        this.columns = List.of(columns.trim().split("\\s*,\\s*"));
        this.onConflict = onConflict;
    }

    public void add(Object... values) {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException(table + " has " + columns.size() + " columns, not " + values.length);
        }
        rows.add(values);
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    public void clear() {
        rows.clear();
    }

    /** Writes the rows held (in the order they were added) and holds none. */
    public void flush(JdbcTemplate jdbc) {
        flush(jdbc, null, null);
    }

    /** As {@link #flush(JdbcTemplate)}, each row written handed back with the columns {@code returning} names. */
    public void flush(JdbcTemplate jdbc, String returning, RowCallbackHandler written) {
        if (rows.isEmpty()) {
            return;
        }
        Map<String, String> types = TYPES.computeIfAbsent(table, t -> typesOf(jdbc, t));
        StringBuilder arrays = new StringBuilder();
        for (String column : columns) {
            String type = types.get(column);
            if (type == null) {
                throw new IllegalArgumentException(table + " has no column " + column);
            }
            arrays.append(arrays.isEmpty() ? "" : ", ").append("?::").append(type).append("[]");
        }
        String names = String.join(", ", columns);
        // with ordinality: inserted in the order held (an identity column numbers them as they came)
        String sql = "insert into " + table + " (" + names + ") select " + names + " from unnest(" + arrays
                + ") with ordinality as held (" + names + ", held_order) order by held_order " + onConflict
                + (returning == null ? "" : " returning " + returning);
        PreparedStatementCreator statement = connection -> {
            PreparedStatement insert = connection.prepareStatement(sql);
            for (int column = 0; column < columns.size(); column++) {
                String[] values = new String[rows.size()];
                for (int row = 0; row < values.length; row++) {
                    values[row] = text(rows.get(row)[column]);
                }
                insert.setArray(column + 1, connection.createArrayOf("text", values));
            }
            return insert;
        };
        if (returning == null) {
            jdbc.update(statement);
        } else {
            jdbc.query(statement, written);
        }
        rows.clear();
    }

    /** A value as PostgreSQL reads it from text: cast to its column's type in the statement. */
    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof java.time.Instant instant) {
            value = Stored.time(instant);
        }
        if (value instanceof java.time.OffsetDateTime time) {
            // to the microsecond as the driver sends a bound time (half up), not as PostgreSQL rounds text (half even)
            java.time.OffsetDateTime halfUp = time.getNano() % 1000 > 499 ? time.plusNanos(1000) : time;
            return halfUp.truncatedTo(java.time.temporal.ChronoUnit.MICROS).toString();
        }
        return value instanceof BigDecimal number ? number.toPlainString() : value.toString();
    }

    private static Map<String, String> typesOf(JdbcTemplate jdbc, String table) {
        Map<String, String> types = new HashMap<>();
        jdbc.query("select attname, format_type(atttypid, null) from pg_attribute "
                        + "where attrelid = cast(? as regclass) and attnum > 0 and not attisdropped",
                rs -> {
                    types.put(rs.getString(1), rs.getString(2));
                }, table);
        return Map.copyOf(types);
    }
}
