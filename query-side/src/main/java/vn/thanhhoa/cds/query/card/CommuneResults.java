package vn.thanhhoa.cds.query.card;

import com.fasterxml.jackson.core.type.TypeReference;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import vn.thanhhoa.cds.events.assessment.Stage;
import vn.thanhhoa.cds.events.criteria.AssessmentScore;
import vn.thanhhoa.cds.events.criteria.CriteriaFramework;
import vn.thanhhoa.cds.events.criteria.FrameworkVersions;
import vn.thanhhoa.cds.events.criteria.IndicatorValue;
import vn.thanhhoa.cds.events.criteria.Scoring;
import vn.thanhhoa.cds.query.card.DashboardFigures.EarlierScore;
import vn.thanhhoa.cds.query.card.DashboardFigures.PillarFigure;
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
            Stage.APPRAISED_PASS.name(), Stage.APPRAISED_FAIL.name(), Stage.IN_REVIEW.name(), Stage.PROPOSED.name(),
            Stage.RECOGNISED.name(), Stage.DECLINED.name(), Stage.REVOKED.name());
    /**
     * Appraised Đạt, and every step after it but a revocation (counted with {@link #passing}: an inspection may have
     * found one short since).
     */
    public static final Set<String> APPRAISED_PASS = Set.of(Stage.APPRAISED_PASS.name(), Stage.IN_REVIEW.name(),
            Stage.PROPOSED.name(), Stage.RECOGNISED.name(), Stage.DECLINED.name());

    private final JdbcClient jdbc;
    private final FrameworkReader frameworks;

    public CommuneResults(JdbcClient jdbc, FrameworkReader frameworks) {
        this.jdbc = jdbc;
        this.frameworks = frameworks;
    }

    /**
     * An assessment's result as the dashboards show it.
     *
     * @param pillars the self-assessment's pillars under the points in force
     * @param met     the indicators the self-assessment meets
     * @param earlier the scores under earlier versions of the framework's points (none if never amended)
     */
    public record CommuneResult(String id, String communeId, String communeCode, String stage, BigDecimal selfPoints,
                                int selfMet, int selfInProgress, BigDecimal appraisedPoints, Instant lastUpdate,
                                Instant recognisedAt, String frameworkId, boolean verdictInQuestion,
                                LocalDate recognitionDate, LocalDate revocationDate, List<PillarFigure> pillars,
                                Set<String> met, List<EarlierScore> earlier, Boolean concludedPassed) {
        /** The day a recognition counts from: its decision's date, else the day it was recorded. */
        public LocalDate recognisedOn() {
            return recognitionDate != null ? recognitionDate : recognisedAt.atZone(VietnameseFormat.ZONE).toLocalDate();
        }

        /**
         * The row as the decisions in force on a day had it, as known now: a recognition decided after the day is not
         * yet one (the commune stands appraised Đạt); a revocation decided after it has not yet taken the recognition.
         */
        public CommuneResult inForceOn(LocalDate day) {
            // a recognition later withdrawn (revoked, or corrected to not recognised) has both dates
            boolean recognisedStage = Stage.RECOGNISED.name().equals(stage) || Stage.REVOKED.name().equals(stage)
                    || (Stage.DECLINED.name().equals(stage) && revocationDate != null);
            if (day == null || !recognisedStage || recognisedAt == null) {
                return this;
            }
            String then = recognisedOn().isAfter(day) ? Stage.APPRAISED_PASS.name()
                    : revocationDate != null && !revocationDate.isAfter(day) ? stage : Stage.RECOGNISED.name();
            return new CommuneResult(id, communeId, communeCode, then, selfPoints, selfMet, selfInProgress, appraisedPoints,
                    lastUpdate, recognisedAt, frameworkId, verdictInQuestion, recognitionDate,
                    then.equals(Stage.REVOKED.name()) || then.equals(Stage.DECLINED.name()) ? revocationDate : null, pillars, met,
                    earlier, concludedPassed);
        }

        /**
         * The scores under the points in force on a day (kept by the projection for each version of the points). Its
         * verdict was in question then only if an amendment of its framework had been decided by that day.
         */
        public CommuneResult pointsInForceOn(FrameworkVersions versions, LocalDate day) {
            int version = versions.versionOn(day);
            boolean inQuestion = verdictInQuestion && version > 0;
            EarlierScore then = earlier.stream().filter(e -> e.version() == version).findFirst().orElse(null);
            if (then == null) {
                return new CommuneResult(id, communeId, communeCode, stage, selfPoints, selfMet, selfInProgress,
                        appraisedPoints, lastUpdate, recognisedAt, frameworkId, inQuestion, recognitionDate,
                        revocationDate, pillars, met, earlier, concludedPassed);
            }
            return new CommuneResult(id, communeId, communeCode, stage, then.selfPoints(), then.selfMet(),
                    then.selfInProgress(), appraisedPoints == null ? null : then.appraisedPoints(), lastUpdate,
                    recognisedAt, frameworkId, inQuestion, recognitionDate, revocationDate, then.pillars(), met, earlier,
                    concludedPassed);
        }
    }

    public List<CommuneResult> ofYear(int year, LocalDate inForceOn) {
        return read(" where year = :year", Map.of("year", year)).stream().map(r -> r.inForceOn(inForceOn)).toList();
    }

    /** The results of these assessments, whatever their year (an appraiser's queue). */
    public List<CommuneResult> of(Collection<String> assessmentIds) {
        return assessmentIds.isEmpty() ? List.of()
                : read(" where assessment_id in (:ids)", Map.of("ids", List.copyOf(assessmentIds)));
    }

    private List<CommuneResult> read(String where, Map<String, Object> params) {
        record Kept(CommuneResult result, String pillars, String met, String earlier) {
        }
        List<Kept> kept = jdbc.sql("""
                        select assessment_id, commune_id, commune_code, stage, self_points, self_met, self_in_progress,
                               appraised_points, last_update, recognised_at, framework_id, verdict_in_question,
                               recognition_date, revocation_date, pillars, met_indicators, earlier_scores, concluded_passed
                        from q_assessment""" + where)
                .params(params)
                .query((rs, n) -> new Kept(new CommuneResult(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getBigDecimal(5), rs.getInt(6), rs.getInt(7), rs.getBigDecimal(8),
                        instant(rs.getObject(9, OffsetDateTime.class)), instant(rs.getObject(10, OffsetDateTime.class)),
                        rs.getString(11), rs.getBoolean(12), rs.getObject(13, LocalDate.class),
                        rs.getObject(14, LocalDate.class), null, null, null, (Boolean) rs.getObject(18)), rs.getString(15),
                        rs.getString(16), rs.getString(17)))
                .list();
        Map<String, CommuneResult> computed = figuresOfRowsKeptBefore(kept.stream()
                .filter(k -> k.pillars() == null).map(Kept::result).toList());
        return kept.stream().map(k -> k.pillars() == null ? computed.get(k.result().id()) : withFigures(k.result(),
                frameworks.read(k.pillars(), PILLARS), frameworks.read(k.met(), CODES),
                k.earlier() == null ? List.<EarlierScore>of() : frameworks.read(k.earlier(), EARLIER))).toList();
    }

    private static final TypeReference<List<PillarFigure>> PILLARS = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> CODES = new TypeReference<>() {
    };
    private static final TypeReference<List<EarlierScore>> EARLIER = new TypeReference<>() {
    };

    private static CommuneResult withFigures(CommuneResult r, List<PillarFigure> pillars, Collection<String> met,
                                             List<EarlierScore> earlier) {
        return new CommuneResult(r.id(), r.communeId(), r.communeCode(), r.stage(), r.selfPoints(), r.selfMet(),
                r.selfInProgress(), r.appraisedPoints(), r.lastUpdate(), r.recognisedAt(), r.frameworkId(),
                r.verdictInQuestion(), r.recognitionDate(), r.revocationDate(), pillars, Set.copyOf(met), earlier,
                r.concludedPassed());
    }

    /**
     * Rows the projection kept before it kept the dashboards' figures (V3_22) have none until the read models are
     * rebuilt: they are scored here from their values, as the projection would have (DashboardFigures).
     */
    private Map<String, CommuneResult> figuresOfRowsKeptBefore(List<CommuneResult> rows) {
        Map<String, CommuneResult> computed = new HashMap<>();
        if (rows.isEmpty()) {
            return computed;
        }
        List<String> ids = rows.stream().map(CommuneResult::id).toList();
        Map<String, Map<String, IndicatorValue>> reported = values("reported_value", ids);
        Map<String, Map<String, IndicatorValue>> appraised = values("appraised_value", ids);
        for (CommuneResult row : rows) {
            FrameworkVersions versions = frameworks.versions(row.frameworkId()).orElseThrow();
            Map<String, IndicatorValue> own = reported.get(row.id());
            Map<String, IndicatorValue> merged = new HashMap<>(own);
            merged.putAll(appraised.get(row.id()));
            AssessmentScore self = Scoring.score(versions.current(), own);
            computed.put(row.id(), withFigures(row, DashboardFigures.pillars(self), DashboardFigures.met(self),
                    DashboardFigures.earlier(versions, own::get, row.appraisedPoints() == null ? null : merged::get)));
        }
        return computed;
    }

    /** A recognition in force: the commune (its unit over time), the decision's number and date, when it was recorded. */
    public record Recognition(String assessmentId, String communeId, String communeCode, String decision,
                              LocalDate decisionDate, Instant recordedAt, BigDecimal appraisedPoints) {
    }

    /** The year's communes recognised now, by code. */
    public List<Recognition> recognitions(int year) {
        return jdbc.sql("""
                        select assessment_id, commune_id, commune_code, recognition_decision, recognition_date, recognised_at,
                               appraised_points
                        from q_assessment where year = :year and stage = :stage order by commune_code, commune_id""")
                .param("year", year).param("stage", Stage.RECOGNISED.name())
                .query((rs, n) -> new Recognition(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getObject(5, LocalDate.class), instant(rs.getObject(6, OffsetDateTime.class)), rs.getBigDecimal(7)))
                .list();
    }

    /**
     * A concluded verdict under a framework, and the verdict the same values would get under other points.
     *
     * @param concludedPassed the verdict as concluded (and inspected)
     */
    public record VerdictUnder(String assessmentId, String communeId, String communeCode, int year, String stage,
                               boolean concludedPassed, BigDecimal scoreNow, boolean passedUnder, BigDecimal scoreUnder) {
        public boolean flips() {
            return concludedPassed != passedUnder;
        }
    }

    /**
     * Every concluded verdict under a framework, scored again under other points (a proposed amendment): the
     * appraiser's values over the commune's, as the projection and the assessment itself score them.
     */
    public List<VerdictUnder> verdictsUnder(String frameworkId, CriteriaFramework points) {
        record Concluded(String id, String communeId, String code, int year, String stage, boolean passed, BigDecimal score) {
        }
        List<Concluded> rows = jdbc.sql("""
                        select assessment_id, commune_id, commune_code, year, stage, concluded_passed, appraised_points
                        from q_assessment where framework_id = :id and concluded_passed is not null
                        order by year, commune_code""")
                .param("id", frameworkId)
                .query((rs, n) -> new Concluded(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                        rs.getString(5), rs.getBoolean(6), rs.getBigDecimal(7))).list();
        List<String> ids = rows.stream().map(Concluded::id).toList();
        Map<String, Map<String, IndicatorValue>> reported = values("reported_value", ids);
        Map<String, Map<String, IndicatorValue>> appraised = values("appraised_value", ids);
        return rows.stream().map(r -> {
            Map<String, IndicatorValue> merged = new HashMap<>(reported.get(r.id()));
            merged.putAll(appraised.get(r.id()));
            AssessmentScore under = Scoring.score(points, merged);
            return new VerdictUnder(r.id(), r.communeId(), r.code(), r.year(), r.stage(), r.passed(), r.score(),
                    under.passed(), under.headline());
        }).toList();
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

    /** Appraised Đạt and still so: an inspection that found a commune short takes it out of the count. */
    public static int passing(List<CommuneResult> rows) {
        return (int) rows.stream().filter(r -> APPRAISED_PASS.contains(r.stage()) && !Boolean.FALSE.equals(r.concludedPassed()))
                .count();
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
