package vn.thanhhoa.cds.query.common;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCreator;
import org.springframework.jdbc.core.RowCallbackHandler;

import java.sql.PreparedStatement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows held for one table (values as JDBC takes them; instants too), written as one multi-row {@code insert}
 * (PostgreSQL; a few when there are many) with what to do on a conflict: nothing (a row that is there already stays),
 * or the columns updated.
 */
public final class HeldRows {
    /** PostgreSQL takes at most 65 535 parameters a statement; a few thousand keep the statements' text short. */
    private static final int PARAMETERS_PER_STATEMENT = 8_000;

    private final String table;
    private final String columns;
    private final int width;
    private final String onConflict;
    private final List<Object[]> rows = new ArrayList<>();

    /**
     * @param columns    the columns, comma separated
     * @param onConflict what follows the values ({@code on conflict …}), or an empty text
     */
    public HeldRows(String table, String columns, String onConflict) {
        this.table = table;
        this.columns = columns.replaceAll("\\s+", " ").trim();
        this.width = this.columns.split(",").length;
        this.onConflict = onConflict;
    }

    public void add(Object... values) {
        if (values.length != width) {
            throw new IllegalArgumentException(table + " has " + width + " columns, not " + values.length);
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
        int perStatement = Math.max(1, PARAMETERS_PER_STATEMENT / width);
        for (int from = 0; from < rows.size(); from += perStatement) {
            List<Object[]> chunk = rows.subList(from, Math.min(rows.size(), from + perStatement));
            String placeholders = "(" + "?, ".repeat(width - 1) + "?)";
            String sql = "insert into " + table + " (" + columns + ") values "
                    + String.join(", ", java.util.Collections.nCopies(chunk.size(), placeholders)) + " " + onConflict
                    + (returning == null ? "" : " returning " + returning);
            PreparedStatementCreator statements = connection -> {
                PreparedStatement statement = connection.prepareStatement(sql);
                int index = 1;
                for (Object[] row : chunk) {
                    for (Object value : row) {
                        if (value == null) {
                            statement.setNull(index++, Types.NULL); // typed by its column
                        } else if (value instanceof java.time.Instant instant) {
                            statement.setObject(index++, Stored.time(instant));
                        } else {
                            statement.setObject(index++, value);
                        }
                    }
                }
                return statement;
            };
            if (returning == null) {
                jdbc.update(statements);
            } else {
                jdbc.query(statements, written);
            }
        }
        rows.clear();
    }
}
