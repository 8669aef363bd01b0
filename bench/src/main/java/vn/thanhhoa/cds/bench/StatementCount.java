package vn.thanhhoa.cds.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The SQL a measured stretch of commands cost, from PostgreSQL's own count (pg_stat_statements, when the server loads
 * it): every statement of one database between {@link #start} and {@link #stop}, per accepted command, split into the
 * command's own path (the HTTP thread's statements: the event and key tables, the assessment lookup, the hash chain,
 * the transaction's begin and commit) and the rest (processors following the store, read models). Written out
 * statement by statement to the run's folder, the figures to the results.
 */
final class StatementCount {
    /**
     * The statements of a command's own transaction, on the platform and on the plain service alike (its BEGIN and
     * COMMIT aside: the read side's transactions have them too): the key, the events appended, and what is read to
     * decide — the assessment's lookup and the year's rules, the hash chain's previous event, the aggregate's stream or
     * snapshot when it is not cached.
     */
    private static final Pattern COMMAND_PATH = Pattern.compile("(?is)^\\s*(select pg_current_xact_id|.*\\bidempotency_key\\b"
            + "|select assessment_id from cmd_assessment|select y.framework_id, y.opens_on|insert into domainevententry"
            + "|select eventhash from domainevententry|select .* from (domainevententry|snapshotevententry) where aggregateidentifier = ).*");

    private final Connection db;
    private final String database;
    private final long databaseId;
    private long commitsBefore;

    private StatementCount(Connection db, String database) throws SQLException {
        this.db = db;
        this.database = database;
        try (PreparedStatement select = db.prepareStatement("select oid from pg_database where datname = ?")) {
            select.setString(1, database);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                this.databaseId = row.getLong(1);
            }
        }
    }

    /** Null when the server does not load pg_stat_statements (the figures are then left out, said so once). */
    static StatementCount of(Map<String, String> options) throws SQLException {
        String database = options.get("statements-db");
        if (database == null) {
            return null;
        }
        Connection db = Db.connect(options.getOrDefault("db", "jdbc:postgresql://127.0.0.1:5432/bench"));
        db.setAutoCommit(true);
        if (Db.count(db, "select count(*) from pg_available_extensions where name = 'pg_stat_statements'") == 0
                || !Db.text(db, "show shared_preload_libraries").contains("pg_stat_statements")) {
            System.out.println("  (statements per command left out: PostgreSQL does not load pg_stat_statements — "
                    + "infra/scripts/pg-statements.sh loads it)");
            db.close();
            return null;
        }
        db.createStatement().execute("create extension if not exists pg_stat_statements");
        return new StatementCount(db, database);
    }

    void start() throws SQLException {
        try (PreparedStatement reset = db.prepareStatement("select pg_stat_statements_reset(0, ?, 0)")) {
            reset.setLong(1, databaseId);
            reset.execute();
        }
        commitsBefore = commits();
    }

    /** Figures per accepted command into the results; the statements into {@code statements-<label>.txt} beside them. */
    void stop(Map<String, String> options, String label, long accepted) throws SQLException, IOException {
        long commits = commits() - commitsBefore;
        record Statement(long calls, long rows, double ms, String query, boolean commandPath) {
        }
        List<Statement> statements = new ArrayList<>();
        try (PreparedStatement select = db.prepareStatement("""
                select calls, rows, total_exec_time, regexp_replace(query, '\\s+', ' ', 'g') from pg_stat_statements
                where dbid = ? and query not like '%pg_stat_statements%' order by calls desc""")) {
            select.setLong(1, databaseId);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    String query = row.getString(4);
                    statements.add(new Statement(row.getLong(1), row.getLong(2), row.getDouble(3), query,
                            COMMAND_PATH.matcher(query).matches()));
                }
            }
        }
        double per = Math.max(1, accepted);
        double commandPath = statements.stream().filter(Statement::commandPath).mapToLong(Statement::calls).sum() / per;
        double all = statements.stream().mapToLong(Statement::calls).sum() / per;
        String results = options.get("results");
        if (results != null) {
            StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                    "%s on %s: %d commands accepted; %.2f statements per command on its own path (BEGIN and COMMIT aside), %.2f in all, "
                            + "%.2f transactions committed per command%n%ncalls/command  rows/call  ms/call  path     statement%n",
                    label, database, accepted, commandPath, all, commits / per));
            for (Statement s : statements) {
                text.append(String.format(Locale.ROOT, "%13.2f  %9.1f  %7.3f  %-7s  %s%n", s.calls() / per,
                        s.calls() == 0 ? 0 : (double) s.rows() / s.calls(), s.calls() == 0 ? 0 : s.ms() / s.calls(),
                        s.commandPath() ? "command" : "other", s.query().length() > 220 ? s.query().substring(0, 220) + "…" : s.query()));
            }
            Files.writeString(Path.of(results).resolveSibling("statements-" + label + ".txt"), text);
        }
        System.out.printf(Locale.ROOT, "  SQL per command: %.2f statements on its own path (BEGIN and COMMIT aside), %.2f in all, %.2f commits%n",
                commandPath, all, commits / per);
        Results.put(options, "cmd." + label + ".statements.command-path", commandPath);
        Results.put(options, "cmd." + label + ".statements.all", all);
        Results.put(options, "cmd." + label + ".commits", commits / per);
        db.close();
    }

    private long commits() throws SQLException {
        // the statistics collector's figures are cached for the transaction (and flushed by backends ~1 s late)
        db.createStatement().execute("select pg_stat_clear_snapshot()");
        try (PreparedStatement select = db.prepareStatement("select xact_commit from pg_stat_database where datid = ?")) {
            select.setLong(1, databaseId);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
