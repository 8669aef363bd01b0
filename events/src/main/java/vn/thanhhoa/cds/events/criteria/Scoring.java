package vn.thanhhoa.cds.events.criteria;

import vn.thanhhoa.cds.events.common.Limits;
import vn.thanhhoa.cds.events.common.OutOfDomainException;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The scoring rules of the criteria frameworks, pure functions of a framework and values:
 * <ul>
 *   <li>a ratio indicator is Đạt when value ≥ target and earns maxPoints × min(1, value / target);</li>
 *   <li>a yes/no indicator earns all its points when yes, none when no;</li>
 *   <li>"đang triển khai" earns nothing and counts as Đang triển khai;</li>
 *   <li>an indicator with no value is Chưa đánh giá;</li>
 *   <li>COUNT_MET passes with at least minMet indicators met; POINTS passes with at least minPoints and, when the
 *       rule says so, every mandatory indicator met.</li>
 * </ul>
 * Every number is checked against its domain ({@link Limits}) before it is computed with: a value outside it throws
 * {@link OutOfDomainException} at once, whatever its size.
 */
public final class Scoring {
    /** Points are kept to two decimals; the dashboards show one ("741,4 điểm"). */
    public static final int POINTS_SCALE = 2;

    private Scoring() {
    }

    public static IndicatorResult score(Indicator indicator, IndicatorValue value) {
        requireDomain(indicator, value);
        BigDecimal max = indicator.maxPoints() == null ? BigDecimal.ZERO : indicator.maxPoints();
        if (value == null) {
            return new IndicatorResult(indicator.code(), IndicatorStatus.CHUA_DANH_GIA, zero());
        }
        if (value instanceof IndicatorValue.YesNo yesNo) {
            return yesNo.value()
                    ? new IndicatorResult(indicator.code(), IndicatorStatus.DAT, max.setScale(POINTS_SCALE, RoundingMode.HALF_UP))
                    : new IndicatorResult(indicator.code(), IndicatorStatus.CHUA_DAT, zero());
        }
        if (value instanceof IndicatorValue.Ratio ratio) {
            BigDecimal share = ratio.share();
            BigDecimal attainment = share.divide(indicator.target(), MathContext.DECIMAL64).min(BigDecimal.ONE);
            IndicatorStatus status = share.compareTo(indicator.target()) >= 0 ? IndicatorStatus.DAT : IndicatorStatus.CHUA_DAT;
            return new IndicatorResult(indicator.code(), status,
                    max.multiply(attainment).setScale(POINTS_SCALE, RoundingMode.HALF_UP));
        }
        return new IndicatorResult(indicator.code(), IndicatorStatus.DANG_TRIEN_KHAI, zero());
    }

    public static AssessmentScore score(CriteriaFramework framework, Map<String, IndicatorValue> values) {
        return score(framework, values::get);
    }

    /** With each indicator's value by its code (null: none), read where it is kept. */
    public static AssessmentScore score(CriteriaFramework framework, Function<String, IndicatorValue> valueOf) {
        List<IndicatorResult> results = new ArrayList<>(64);
        List<PillarScore> pillars = new ArrayList<>(framework.pillars().size());
        boolean mandatoryMet = true;
        int totalMet = 0, totalInProgress = 0, totalNotMet = 0, totalNotAssessed = 0;
        BigDecimal totalPoints = zero();
        BigDecimal totalMax = BigDecimal.ZERO;
        for (Pillar pillar : framework.pillars()) {
            int met = 0, inProgress = 0, notMet = 0, notAssessed = 0;
            BigDecimal points = zero();
            BigDecimal max = BigDecimal.ZERO;
            for (Indicator indicator : pillar.indicators()) {
                IndicatorResult result = score(indicator, valueOf.apply(indicator.code()));
                results.add(result);
                points = points.add(result.points());
                if (indicator.maxPoints() != null) {
                    max = max.add(indicator.maxPoints());
                }
                switch (result.status()) {
                    case DAT -> met++;
                    case DANG_TRIEN_KHAI -> inProgress++;
                    case CHUA_DAT -> notMet++;
                    case CHUA_DANH_GIA -> notAssessed++;
                }
                if (indicator.mandatory() && result.status() != IndicatorStatus.DAT) {
                    mandatoryMet = false;
                }
            }
            pillars.add(new PillarScore(pillar.code(), pillar.name(), pillar.nameEn(), pillar.indicators().size(),
                    met, inProgress, notMet, notAssessed, points, max));
            totalMet += met;
            totalInProgress += inProgress;
            totalNotMet += notMet;
            totalNotAssessed += notAssessed;
            totalPoints = totalPoints.add(points);
            totalMax = totalMax.add(max);
        }
        boolean passed = passes(framework, totalMet, totalPoints, mandatoryMet);
        return new AssessmentScore(framework.scoring(), results, pillars, results.size(), totalMet, totalInProgress,
                totalNotMet, totalNotAssessed, totalPoints, totalMax, passed);
    }

    private static void requireDomain(Indicator indicator, IndicatorValue value) {
        if (indicator.maxPoints() != null && !Limits.isPoints(indicator.maxPoints())) {
            throw new OutOfDomainException("points of indicator " + indicator.code() + " outside 0.." + Limits.POINTS_MAX);
        }
        if (indicator.target() != null && !Limits.isShare(indicator.target())) {
            throw new OutOfDomainException("target of indicator " + indicator.code() + " outside (0, 1]");
        }
        if (value instanceof IndicatorValue.Ratio ratio && !(Limits.isCount(ratio.numerator())
                && Limits.isCount(ratio.denominator()) && ratio.denominator().signum() > 0)) {
            throw new OutOfDomainException("ratio of indicator " + indicator.code() + " is not two counts 0.."
                    + Limits.COUNT_MAX + " with a positive denominator");
        }
    }

    static boolean passes(CriteriaFramework framework, int met, BigDecimal points, boolean mandatoryMet) {
        PassRule rule = framework.passRule();
        if (rule.minPoints() != null && !Limits.isPoints(rule.minPoints())) {
            throw new OutOfDomainException("pass mark of framework " + framework.id() + " outside 0.." + Limits.POINTS_MAX);
        }
        return switch (framework.scoring()) {
            case COUNT_MET -> met >= (rule.minMet() == null ? framework.indicators().size() : rule.minMet());
            case POINTS -> points.compareTo(rule.minPoints() == null ? BigDecimal.ZERO : rule.minPoints()) >= 0
                    && (!rule.allMandatoryMet() || mandatoryMet);
        };
    }

    private static final BigDecimal ZERO_POINTS = BigDecimal.ZERO.setScale(POINTS_SCALE);

    private static BigDecimal zero() {
        return ZERO_POINTS;
    }
}
