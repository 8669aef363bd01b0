package vn.thanhhoa.cds.query.card;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import vn.thanhhoa.cds.events.assessment.Stage;
import vn.thanhhoa.cds.events.criteria.IndicatorValue;
import vn.thanhhoa.cds.query.common.VietnameseFormat;
import vn.thanhhoa.cds.query.reference.FrameworkReader;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the card's read model publishes to the dashboards: each registered commune's result in a year, as the
 * projection keeps it. The other slices read the card's tables through this class only.
 */
@Component
public class CommuneResults {
    public static final Set<String> SUBMITTED = Set.of(Stage.SUBMITTED.name(), Stage.UNDER_APPRAISAL.name(),
            Stage.APPRAISED_PASS.name(), Stage.APPRAISED_FAIL.name(), Stage.RECOGNISED.name(), Stage.REVOKED.name());
    public static final Set<String> APPRAISED_PASS = Set.of(Stage.APPRAISED_PASS.name(), Stage.RECOGNISED.name());

    private final JdbcClient jdbc;
    private final FrameworkReader frameworks;

    public CommuneResults(JdbcClient jdbc, FrameworkReader frameworks) {
        this.jdbc = jdbc;
        this.frameworks = frameworks;
    }

    public record CommuneResult(String id, String communeId, String communeCode, String stage, BigDecimal selfPoints,
                                 int selfMet, int selfInProgress, BigDecimal appraisedPoints, Instant lastUpdate,
                                 Instant recognisedAt, String frameworkId, boolean verdictInQuestion,
                                 LocalDate recognitionDate, LocalDate revocationDate) {
        /** The day a recognition counts from: its decision's date, else the day it was recorded. */
        public LocalDate recognisedOn() {
            return recognitionDate != null ? recognitionDate : recognisedAt.atZone(VietnameseFormat.ZONE).toLocalDate();
        }

        /**
         * The row as the decisions in force on a day had it, as known now: a recognition decided after the day is not
         * yet one (the commune stands appraised Đạt); a revocation decided after it has not yet taken the recognition.
         */
        public CommuneResult inForceOn(LocalDate day) {
            boolean recognisedStage = Stage.RECOGNISED.name().equals(stage) || Stage.REVOKED.name().equals(stage);
            if (day == null || !recognisedStage || recognisedAt == null) {
                return this;
            }
            String then = recognisedOn().isAfter(day) ? Stage.APPRAISED_PASS.name()
                    : revocationDate != null && !revocationDate.isAfter(day) ? Stage.REVOKED.name() : Stage.RECOGNISED.name();
            return new CommuneResult(id, communeId, communeCode, then, selfPoints, selfMet, selfInProgress, appraisedPoints,
                    lastUpdate, recognisedAt, frameworkId, verdictInQuestion, recognitionDate,
                    then.equals(Stage.REVOKED.name()) ? revocationDate : null);
        }
    }

    public List<CommuneResult> ofYear(int year, LocalDate inForceOn) {
        return jdbc.sql("""
                        select assessment_id, commune_id, commune_code, stage, self_points, self_met, self_in_progress,
                               appraised_points, last_update, recognised_at, framework_id, verdict_in_question,
                               recognition_date, revocation_date
                        from q_assessment where year = :year""")
                .param("year", year)
                .query((rs, n) -> new CommuneResult(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getBigDecimal(5), rs.getInt(6), rs.getInt(7), rs.getBigDecimal(8),
                        instant(rs.getObject(9, OffsetDateTime.class)), instant(rs.getObject(10, OffsetDateTime.class)),
                        rs.getString(11), rs.getBoolean(12), rs.getObject(13, LocalDate.class),
                        rs.getObject(14, LocalDate.class)).inForceOn(inForceOn))
                .list();
    }

    /** The values each of the assessments' communes reported, by assessment and indicator: one read for them all. */
    public Map<String, Map<String, IndicatorValue>> reportedValues(Collection<String> assessmentIds) {
        return values("reported_value", assessmentIds);
    }

    /** The values the appraisers set, by assessment and indicator. */
    public Map<String, Map<String, IndicatorValue>> appraisedValues(Collection<String> assessmentIds) {
        return values("appraised_value", assessmentIds);
    }

    private Map<String, Map<String, IndicatorValue>> values(String column, Collection<String> assessmentIds) {
        Map<String, Map<String, IndicatorValue>> values = new HashMap<>();
        assessmentIds.forEach(id -> values.put(id, new HashMap<>()));
        if (assessmentIds.isEmpty()) {
            return values;
        }
        jdbc.sql("select assessment_id, indicator_code, " + column + " from q_indicator where assessment_id in (:ids) and "
                        + column + " is not null")
                .param("ids", List.copyOf(assessmentIds))
                .query((rs, n) -> values.get(rs.getString(1)).put(rs.getString(2), frameworks.value(rs.getString(3)))).list();
        return values;
    }

    public static int count(List<CommuneResult> rows, Set<String> stages) {
        return (int) rows.stream().filter(r -> stages.contains(r.stage())).count();
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
