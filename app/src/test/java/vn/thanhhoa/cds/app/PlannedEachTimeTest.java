package vn.thanhhoa.cds.app;

import org.junit.jupiter.api.Test;
import vn.thanhhoa.cds.query.common.PlannedEachTime;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The read side's lookups in a table that grows without being analysed (a new year's tables, on a server whose
 * autovacuum is off or late — the machine's own PostgreSQL runs without it): prepared as the driver does by default,
 * the lookup keeps the sequential scan it was planned with on the empty table; planned each time, it takes the index.
 * Counted in the transaction's own statistics (pg_stat_xact_user_tables), on PostgreSQL.
 */
class PlannedEachTimeTest {
    private static final String LOOKUP = """
            select assessment_id, indicator_code, kind, value from growing_values
            where (assessment_id, indicator_code, kind) in
                  (select * from unnest(cast(? as varchar[]), cast(? as varchar[]), cast(? as varchar[])))""";

    @Test
    void aLookupPlannedEachTimeTakesTheIndexOnceTheTableHasGrown() throws SQLException {
        assertThat(sequentialScansAfterGrowth(true)).isZero();
    }

    /** The fault it mends, shown: without it the same lookup reads the whole grown table. */
    @Test
    void theSameLookupPreparedOnceKeepsItsScanOfTheEmptyTable() throws SQLException {
        assertThat(sequentialScansAfterGrowth(false)).isEqualTo(1);
    }

    /**
     * The sequential scans of one lookup, run on the table grown to 30 000 rows after twelve runs on it empty (the
     * driver prepares it on the server at the fifth, the server plans it for good five runs later).
     */
    private static long sequentialScansAfterGrowth(boolean plannedEachTime) throws SQLException {
        String schema = PlatformTest.schemaName("cds_planned");
        try (Connection c = DriverManager.getConnection(PlatformTest.SERVER, "postgres", "")) {
            try (Statement s = c.createStatement()) {
                s.execute("drop schema if exists " + schema + " cascade");
                s.execute("create schema " + schema);
                s.execute("set search_path to " + schema);
                s.execute("""
                        create table growing_values (assessment_id varchar(96) not null, indicator_code varchar(16) not null,
                            kind varchar(16) not null, value varchar(1000) not null, primary key (assessment_id, indicator_code, kind))""");
            }
            c.setAutoCommit(false);
            try (PreparedStatement lookup = plannedEachTime ? PlannedEachTime.prepare(c, LOOKUP) : c.prepareStatement(LOOKUP)) {
                for (int run = 0; run < 12; run++) {
                    find(c, lookup, "15508@2024");
                }
                try (Statement s = c.createStatement()) {
                    s.execute("""
                            insert into growing_values select commune || '@2024', 'i' || indicator, 'REPORTED', '"1"'
                            from generate_series(1, 500) commune, generate_series(1, 60) indicator""");
                }
                long before = sequentialScans(c);
                assertThat(find(c, lookup, "42@2024")).isEqualTo(1);
                return sequentialScans(c) - before;
            } finally {
                c.rollback();
                try (Statement s = c.createStatement()) {
                    s.execute("drop schema " + schema + " cascade");
                }
                c.commit();
            }
        }
    }

    private static int find(Connection c, PreparedStatement lookup, String assessment) throws SQLException {
        lookup.setArray(1, c.createArrayOf("varchar", new Object[]{assessment}));
        lookup.setArray(2, c.createArrayOf("varchar", new Object[]{"i7"}));
        lookup.setArray(3, c.createArrayOf("varchar", new Object[]{"REPORTED"}));
        int rows = 0;
        try (var found = lookup.executeQuery()) {
            while (found.next()) {
                rows++;
            }
        }
        return rows;
    }

    private static long sequentialScans(Connection c) throws SQLException {
        try (var rows = c.createStatement().executeQuery(
                "select coalesce(seq_scan, 0) from pg_stat_xact_user_tables where relname = 'growing_values'")) {
            return rows.next() ? rows.getLong(1) : 0;
        }
    }
}
