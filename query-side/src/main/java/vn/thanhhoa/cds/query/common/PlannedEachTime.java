package vn.thanhhoa.cds.query.common;

import org.postgresql.PGStatement;
import org.springframework.jdbc.core.PreparedStatementCreator;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;

/**
 * A read of a table that grows under it, planned by PostgreSQL each time it runs rather than once for all.
 * <p>
 * A statement the driver prepares on the server (from its fifth run) is planned for good by PostgreSQL five runs
 * later (a generic plan), with the table as it was then. The read side's tables start empty (a new year, a new
 * install) and are analysed only by autovacuum — which some servers run late or not at all: a lookup planned on an
 * empty table keeps its sequential scan as the table grows (seen: every batch of the live processor read all of the
 * auditors' last values and all the indicators, 0,7 to 6,5 ms a read, on a server without autovacuum). Planned
 * each time, PostgreSQL sees the table's size as it is and takes the index; planning the read costs a small
 * fraction of that.
 */
public final class PlannedEachTime {
    private PlannedEachTime() {
    }

    public static PreparedStatement prepare(Connection connection, String sql) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        if (statement.isWrapperFor(PGStatement.class)) {
            statement.unwrap(PGStatement.class).setPrepareThreshold(0);
        }
        return statement;
    }

    /** A statement whose one parameter ({@code = any(?)}) is {@code ids}, as one array: the same text for any number. */
    public static PreparedStatementCreator byIds(String sql, Collection<String> ids) {
        return connection -> {
            PreparedStatement statement = prepare(connection, sql);
            statement.setArray(1, connection.createArrayOf("varchar", ids.toArray()));
            return statement;
        };
    }
}
