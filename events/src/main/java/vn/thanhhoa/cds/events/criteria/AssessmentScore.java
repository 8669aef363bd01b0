package vn.thanhhoa.cds.events.criteria;

import java.math.BigDecimal;
import java.util.List;

/**
 * A commune's score under a framework, computed from its indicator values — never typed by anyone.
 *
 * @param passed whether the framework's pass rule holds for these values
 */
public record AssessmentScore(ScoringMethod method, List<IndicatorResult> indicators, List<PillarScore> pillars,
                              int total, int met, int inProgress, int notMet, int notAssessed,
                              BigDecimal points, BigDecimal maxPoints, boolean passed) {
    public AssessmentScore {
        indicators = List.copyOf(indicators);
        pillars = List.copyOf(pillars);
    }

    /** The number the framework is judged by: indicators met (COUNT_MET) or points (POINTS). */
    public BigDecimal headline() {
        return method == ScoringMethod.COUNT_MET ? BigDecimal.valueOf(met) : points;
    }
}
