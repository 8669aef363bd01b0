package vn.thanhhoa.cds.query.card;

import vn.thanhhoa.cds.events.criteria.AssessmentScore;
import vn.thanhhoa.cds.events.criteria.FrameworkVersions;
import vn.thanhhoa.cds.events.criteria.IndicatorStatus;
import vn.thanhhoa.cds.events.criteria.IndicatorValue;
import vn.thanhhoa.cds.events.criteria.Scoring;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What the card keeps beside an assessment's scores for the dashboards (q_assessment.pillars, met_indicators,
 * earlier_scores), computed where it scores: the projection, and for rows kept before these columns existed, the
 * results read for a dashboard. The same scoring model (Scoring) either way.
 */
public final class DashboardFigures {
    private DashboardFigures() {
    }

    /** A pillar of the self-assessment, as a district's table shows it (its name comes from the framework). */
    public record PillarFigure(String code, int met, int indicators, BigDecimal points, BigDecimal maxPoints) {
    }

    /** The figures under an earlier version of the framework's points (FrameworkVersions#versionOn). */
    public record EarlierScore(int version, BigDecimal selfPoints, int selfMet, int selfInProgress,
                               BigDecimal appraisedPoints, List<PillarFigure> pillars) {
    }

    public static List<PillarFigure> pillars(AssessmentScore self) {
        return self.pillars().stream()
                .map(p -> new PillarFigure(p.code(), p.met(), p.indicators(), p.points(), p.maxPoints())).toList();
    }

    /** The indicators the self-assessment meets (Đạt), in the framework's order. */
    public static List<String> met(AssessmentScore self) {
        return self.indicators().stream().filter(r -> r.status() == IndicatorStatus.DAT).map(r -> r.code()).toList();
    }

    /**
     * The scores under each version of the points before the latest; none for a framework never amended.
     *
     * @param appraisal the appraiser's value where there is one, else the commune's; null before an appraisal
     */
    public static List<EarlierScore> earlier(FrameworkVersions versions, Function<String, IndicatorValue> reported,
                                             Function<String, IndicatorValue> appraisal) {
        List<EarlierScore> earlier = new ArrayList<>();
        for (int version = 0; version < versions.latest(); version++) {
            var framework = versions.atVersion(version);
            AssessmentScore self = Scoring.score(framework, reported);
            BigDecimal appraised = appraisal == null ? null : Scoring.score(framework, appraisal).points();
            earlier.add(new EarlierScore(version, self.points(), self.met(), self.inProgress(), appraised, pillars(self)));
        }
        return earlier;
    }
}
