package vn.thanhhoa.cds.query.card;

import org.springframework.jdbc.core.simple.JdbcClient;
import vn.thanhhoa.cds.events.common.ActedBy;
import vn.thanhhoa.cds.query.reference.FrameworkReader;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static vn.thanhhoa.cds.query.card.AssessmentProjection.KNOWN_COLUMNS;
import static vn.thanhhoa.cds.query.common.Stored.time;

/** The assessments in the read tables, an event's changes written as it is applied (the live processor's store). */
public final class JdbcAssessmentStore implements AssessmentStore {
    private final JdbcClient jdbc;
    private final FrameworkReader frameworks;

    public JdbcAssessmentStore(JdbcClient jdbc, FrameworkReader frameworks) {
        this.jdbc = jdbc;
        this.frameworks = frameworks;
    }

    /** The assessment with its indicators, in one round trip (the evidence stays in its table: no rule reads it). */
    @Override
    public Optional<AssessmentRow> find(String assessmentId) {
        Map<String, AssessmentRow> found = new java.util.HashMap<>();
        jdbc.sql(SELECT + " where a.assessment_id = :id").param("id", assessmentId)
                .query((org.springframework.jdbc.core.RowCallbackHandler) rs -> read(rs, found, frameworks));
        return Optional.ofNullable(found.get(assessmentId));
    }

    /** The assessment's columns and its indicators' (an assessment without indicators: one row, its i_ columns null). */
    static final String SELECT = "select " + KNOWN_COLUMNS.replaceAll("(\\w+)", "a.$1") + """
            , i.indicator_code as i_code, i.reported_value as i_reported, i.reported_at as i_reported_at,
              i.appraised_value as i_appraised, i.appraisal_note as i_note, i.appraised_at as i_appraised_at
            from q_assessment a left join q_indicator i on i.assessment_id = a.assessment_id""";

    /** One row of {@link #SELECT} into the assessments read so far. */
    static void read(ResultSet rs, Map<String, AssessmentRow> found, FrameworkReader frameworks) throws SQLException {
        AssessmentRow row = found.get(rs.getString("assessment_id"));
        if (row == null) {
            row = row(rs);
            found.put(row.assessmentId, row);
        }
        if (rs.getString("i_code") != null) {
            row.indicators.put(rs.getString("i_code"), new AssessmentRow.Indicator(rs.getString("i_reported"),
                    frameworks.value(rs.getString("i_reported")), null, instant(rs, "i_reported_at"),
                    rs.getString("i_appraised"), frameworks.value(rs.getString("i_appraised")),
                    rs.getString("i_note"), instant(rs, "i_appraised_at")));
        }
    }

    @Override
    public void insert(AssessmentRow row) {
        jdbc.sql("insert into q_assessment (" + KNOWN_COLUMNS + ") values (" + KNOWN_VALUES + ")")
                .params(columns(row)).update();
        if (!row.indicators.isEmpty()) {
            update(row, row.indicators.keySet());
        }
    }

    @Override
    public void update(AssessmentRow row, Collection<String> indicatorCodes) {
        jdbc.sql("update q_assessment set " + KNOWN_UPDATES + " where assessment_id = :assessment_id")
                .params(columns(row)).update();
        for (String code : indicatorCodes == null ? row.indicators.keySet() : indicatorCodes) {
            AssessmentRow.Indicator indicator = row.indicator(code);
            int updated = jdbc.sql("""
                            update q_indicator set reported_value = :reported, evidence = coalesce(:evidence, evidence),
                                   reported_at = :reportedAt, appraised_value = :appraised, appraisal_note = :note,
                                   appraised_at = :appraisedAt
                            where assessment_id = :id and indicator_code = :code""")
                    .params(indicatorColumns(row, code, indicator)).update();
            if (updated == 0) {
                jdbc.sql("""
                                insert into q_indicator (assessment_id, indicator_code, reported_value, evidence, reported_at,
                                                         appraised_value, appraisal_note, appraised_at)
                                values (:id, :code, :reported, :evidence, :reportedAt, :appraised, :note, :appraisedAt)""")
                        .params(indicatorColumns(row, code, indicator)).update();
            }
        }
    }

    @Override
    public void known(AssessmentRow row, Instant at, String eventId) {
        jdbc.sql("insert into q_assessment_known (known_from, event_id, " + KNOWN_COLUMNS + ") select :at, :event, "
                        + KNOWN_COLUMNS + " from q_assessment where assessment_id = :id")
                .param("at", time(at)).param("event", eventId).param("id", row.assessmentId).update();
    }

    @Override
    public void indicatorsKnown(AssessmentRow row, Collection<String> indicatorCodes, Instant at, String eventId) {
        for (String code : indicatorCodes == null ? java.util.Collections.<String>singletonList(null) : indicatorCodes) {
            jdbc.sql("""
                            insert into q_indicator_known (known_from, event_id, assessment_id, indicator_code, reported_value,
                                                           appraised_value)
                            select :at, :event, assessment_id, indicator_code, reported_value, appraised_value from q_indicator
                            where assessment_id = :id and (cast(:code as varchar(16)) is null or indicator_code = :code)""")
                    .param("at", time(at)).param("event", eventId).param("id", row.assessmentId).param("code", code).update();
        }
    }

    @Override
    public void scored(AssessmentRow row, Instant at, String eventType, String documentNumber) {
        jdbc.sql("""
                        insert into q_score_history (assessment_id, scored_at, event_type, document_number, self_points,
                                                     self_met, appraised_points)
                        values (:id, :at, :type, :document, :points, :met, :appraised)""")
                .param("id", row.assessmentId).param("at", time(at)).param("type", eventType).param("document", documentNumber)
                .param("points", row.selfPoints).param("met", row.selfMet).param("appraised", row.appraisedPoints)
                .update();
    }

    @Override
    public void timeline(String assessmentId, Instant at, String type, ActedBy actor, String facts) {
        jdbc.sql("""
                        insert into q_timeline (assessment_id, occurred_at, event_type, actor, actor_unit, facts)
                        values (:id, :at, :type, :actor, :unit, :facts)""")
                .param("id", assessmentId).param("at", time(at)).param("type", type)
                .param("actor", actor.subject()).param("unit", actor.unit()).param("facts", facts)
                .update();
    }

    @Override
    public List<String> assessedUnder(String frameworkId) {
        return jdbc.sql("select assessment_id from q_assessment where framework_id = :id").param("id", frameworkId)
                .query(String.class).list();
    }

    private static final String KNOWN_VALUES = KNOWN_COLUMNS.replaceAll("(\\w+)", ":$1");
    private static final String KNOWN_UPDATES = KNOWN_COLUMNS.replaceAll("(\\w+)", "$1 = :$1");

    /** The names of {@link AssessmentProjection#KNOWN_COLUMNS}, in their order. */
    static final List<String> KNOWN_NAMES = List.of(KNOWN_COLUMNS.replaceAll("\\s+", "").split(","));

    /** The row's values by column name ({@link AssessmentRow#knownValues()}), its instants as the tables keep them. */
    private static java.util.Map<String, Object> columns(AssessmentRow row) {
        Object[] values = row.knownValues();
        java.util.Map<String, Object> columns = new java.util.HashMap<>();
        for (int i = 0; i < values.length; i++) {
            columns.put(KNOWN_NAMES.get(i), values[i] instanceof Instant instant ? time(instant) : values[i]);
        }
        return columns;
    }

    private static java.util.Map<String, Object> indicatorColumns(AssessmentRow row, String code, AssessmentRow.Indicator indicator) {
        java.util.Map<String, Object> columns = new java.util.HashMap<>();
        columns.put("id", row.assessmentId);
        columns.put("code", code);
        columns.put("reported", indicator.reportedJson());
        columns.put("evidence", indicator.evidence());
        columns.put("reportedAt", indicator.reportedAt() == null ? null : time(indicator.reportedAt()));
        columns.put("appraised", indicator.appraisedJson());
        columns.put("note", indicator.appraisalNote());
        columns.put("appraisedAt", indicator.appraisedAt() == null ? null : time(indicator.appraisedAt()));
        return columns;
    }

    private static AssessmentRow row(ResultSet rs) throws SQLException {
        AssessmentRow row = new AssessmentRow();
        row.assessmentId = rs.getString("assessment_id");
        row.communeId = rs.getString("commune_id");
        row.communeCode = rs.getString("commune_code");
        row.appraiserId = rs.getString("appraiser_id");
        row.year = rs.getInt("year");
        row.frameworkId = rs.getString("framework_id");
        row.stage = rs.getString("stage");
        row.selfPoints = rs.getBigDecimal("self_points");
        row.selfMet = rs.getInt("self_met");
        row.selfInProgress = rs.getInt("self_in_progress");
        row.selfNotMet = rs.getInt("self_not_met");
        row.selfNotAssessed = rs.getInt("self_not_assessed");
        row.selfPassed = rs.getBoolean("self_passed");
        row.appraisedPoints = rs.getBigDecimal("appraised_points");
        row.appraisedMet = rs.getObject("appraised_met", Integer.class);
        row.appraisedPassed = rs.getObject("appraised_passed", Boolean.class);
        row.concludedScore = rs.getBigDecimal("concluded_score");
        row.concludedPassed = rs.getObject("concluded_passed", Boolean.class);
        row.reportNumber = rs.getString("report_number");
        row.recognitionDecision = rs.getString("recognition_decision");
        row.recognisedAt = instant(rs, "recognised_at");
        row.registeredAt = instant(rs, "registered_at");
        row.lastUpdate = instant(rs, "last_update");
        row.verdictInQuestion = rs.getBoolean("verdict_in_question");
        row.recognitionDate = rs.getObject("recognition_date", LocalDate.class);
        row.revocationDate = rs.getObject("revocation_date", LocalDate.class);
        row.pillars = rs.getString("pillars");
        row.metIndicators = rs.getString("met_indicators");
        row.earlierScores = rs.getString("earlier_scores");
        return row;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }
}
