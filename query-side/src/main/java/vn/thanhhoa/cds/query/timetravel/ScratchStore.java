package vn.thanhhoa.cds.query.timetravel;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.serialization.UnknownSerializedType;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import vn.thanhhoa.cds.query.card.AssessmentProjection;
import vn.thanhhoa.cds.query.common.Stored;
import vn.thanhhoa.cds.query.rebuild.DashboardProjections;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A read store in memory with the read side's schema, fed by the same projections as the live one. One
 * connection, each event in a savepoint of its own: an event the live read models quarantined (a dead letter)
 * leaves no half-applied trace here either.
 */
final class ScratchStore implements AutoCloseable {
    /** The live read store: where the versions the card's projection kept are copied from (knownVersions). */
    private final JdbcClient live;
    private final JdbcDataSource memory = new JdbcDataSource();
    private final Connection connection;
    private final List<EventMessageHandler> projections;
    /** What the replay could not read or apply, each named with why: reported with the answer, never hidden. */
    final List<String> unreadable = new ArrayList<>();
    /** How many of {@link #unreadable} the reference data's replay found: they stay while the scratch is reused. */
    private int ofTheReference;
    /** This store as the slices' queries read it. */
    final Then then;

    ScratchStore(JdbcClient live, ObjectMapper json) {
        this.live = live;
        memory.setURL("jdbc:h2:mem:known-at-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;NON_KEYWORDS=YEAR,VALUE");
        try {
            Flyway.configure().dataSource(memory).locations("classpath:db/migration/common", "classpath:db/migration/h2")
                    .load().migrate();
            connection = memory.getConnection();
            connection.setAutoCommit(false);
        } catch (Exception e) {
            throw new IllegalStateException("a scratch read store could not be made", e);
        }
        JdbcClient then = JdbcClient.create(new SingleConnectionDataSource(connection, true));
        DashboardProjections dashboards = DashboardProjections.over(then, json);
        projections = dashboards.handlers();
        this.then = new Then(then, dashboards.frameworks(), dashboards.maps(), unreadable);
    }

    void apply(DomainEventMessage<?> event) {
        Object payload;
        try {
            payload = event.getPayload();
        } catch (RuntimeException unreadablePayload) {
            unreadable.add(event.getIdentifier() + ": " + unreadablePayload.getMessage());
            return;
        }
        if (payload instanceof UnknownSerializedType unknown) {
            unreadable.add(event.getIdentifier() + ": no class of this version reads " + unknown.serializedType().getName());
            return;
        }
        try {
            Savepoint savepoint = connection.setSavepoint();
            try {
                for (EventMessageHandler projection : projections) {
                    if (projection.canHandle(event)) {
                        projection.handle(event);
                    }
                }
                connection.releaseSavepoint(savepoint);
            } catch (Exception quarantined) {
                // the live projection dead-lettered it too (it is not on the card as shown); said, not hidden
                connection.rollback(savepoint);
                unreadable.add(event.getIdentifier() + ": " + quarantined.getMessage());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("replaying " + event.getIdentifier() + " failed", e);
        }
    }

    /**
     * The reference data has been replayed here: what it could not read is kept across questions, what each
     * question's assessment events could not read is forgotten with them (forgetAssessments).
     */
    void referenceReplayed() {
        ofTheReference = unreadable.size();
    }

    /**
     * The year's assessments (and their indicators, where the dashboard reads them) as the live projection last
     * recorded them by the instant: read from the live read store, written into this one.
     */
    void knownVersions(int year, Instant knownAt, List<String> indicatorsOf) {
        forgetAssessments();
        // one probe per assessment (and per indicator) of the year for its last version by the instant; the
        // year's assessments and indicators are those of today's read models, a version never being removed
        String columns = AssessmentProjection.KNOWN_COLUMNS;
        copy("select " + columns + " " + """
                        from q_assessment_known where version in (
                            select (select k.version from q_assessment_known k
                                    where k.assessment_id = a.assessment_id and k.known_from <= :at
                                    order by k.known_from desc, k.version desc limit 1)
                            from q_assessment a where a.year = :year)""",
                Map.of("year", year, "at", Stored.time(knownAt)),
                "insert into q_assessment (" + columns + ") values (?" + ", ?".repeat(columns.split(",").length - 1) + ")");
        if (indicatorsOf != null && indicatorsOf.isEmpty()) {
            return;
        }
        // the assessments of those communes then (a commune's assessment may have moved to another since)
        List<String> assessments = JdbcClient.create(new SingleConnectionDataSource(connection, true))
                .sql("select assessment_id from q_assessment" + (indicatorsOf == null ? "" : " where commune_id in (:communes)"))
                .params(indicatorsOf == null ? Map.of() : Map.of("communes", indicatorsOf)).query(String.class).list();
        if (assessments.isEmpty()) {
            return;
        }
        copy("""
                        select assessment_id, indicator_code, reported_value, appraised_value from q_indicator_known
                        where version in (
                            select (select k.version from q_indicator_known k
                                    where k.assessment_id = i.assessment_id and k.indicator_code = i.indicator_code
                                      and k.known_from <= :at
                                    order by k.known_from desc, k.version desc limit 1)
                            from q_indicator i where i.assessment_id in (:assessments))""",
                Map.of("assessments", assessments, "at", Stored.time(knownAt)),
                "insert into q_indicator (assessment_id, indicator_code, reported_value, appraised_value) values (?, ?, ?, ?)");
    }

    /**
     * What the last question left here about assessments goes (the reference data stays: it is the same): every
     * table the assessments' projection writes, as its reset handler empties them.
     */
    /** What the reference events (the map, frameworks, targets, reporting years) write: kept between questions. */
    private static final java.util.Set<String> REFERENCE_TABLES = java.util.Set.of("q_unit", "q_unit_version", "q_lineage",
            "q_framework", "q_framework_amendment", "q_target", "q_reporting_year", "q_reporting_extension");

    void forgetAssessments() {
        // what the last question's assessment events could not read is not this question's to report
        unreadable.subList(ofTheReference, unreadable.size()).clear();
        // every read table but the reference data's: a projection added later is emptied too (a row it kept from the
        // last question would refuse this question's events, and the event's savepoint would undo them all)
        try (var statement = connection.createStatement()) {
            List<String> tables = new java.util.ArrayList<>();
            try (var rs = statement.executeQuery("select lower(table_name) from information_schema.tables "
                    + "where table_schema = current_schema() and lower(table_name) like 'q\\_%' escape '\\'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                if (!REFERENCE_TABLES.contains(table)) {
                    statement.execute("delete from " + table);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("a scratch read store could not be emptied", e);
        }
    }

    /** The rows a query of the live store answers, inserted here in batches, column by column. */
    private void copy(String select, Map<String, ?> params, String insert) {
        try (PreparedStatement into = connection.prepareStatement(insert)) {
            int[] pending = {0};
            live.sql(select).params(params).query(rs -> {
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    into.setObject(i, rs.getObject(i));
                }
                into.addBatch();
                if (++pending[0] % 1000 == 0) {
                    into.executeBatch();
                }
            });
            into.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("the read models as known then could not be copied", e);
        }
    }

    @Override
    public void close() {
        try {
            connection.createStatement().execute("shutdown");
            connection.close();
        } catch (Exception ignored) {
            // the scratch store is gone either way
        }
    }
}
