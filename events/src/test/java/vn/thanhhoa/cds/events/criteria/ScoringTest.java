package vn.thanhhoa.cds.events.criteria;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ScoringTest {
    private static final Indicator EMAIL = new Indicator("1.1", "Thư điện tử công vụ", "Official e-mail",
            Measure.RATIO, new BigDecimal("1.0"), new BigDecimal("40"), true);
    private static final Indicator ONLINE = new Indicator("1.5", "Hồ sơ trực tuyến", "Online files",
            Measure.RATIO, new BigDecimal("0.5"), new BigDecimal("40"), false);
    private static final Indicator WIFI = new Indicator("4.5", "Wifi công cộng", "Public Wi-Fi",
            Measure.BOOLEAN, null, new BigDecimal("30"), false);

    private static CriteriaFramework points(BigDecimal minPoints, boolean allMandatory) {
        return new CriteriaFramework("T-POINTS", "Thử", "test", 2023, ScoringMethod.POINTS,
                new PassRule(null, minPoints, allMandatory, ""),
                List.of(new Pillar("CQS", "Chính quyền số", "Digital government", List.of(EMAIL, ONLINE)),
                        new Pillar("HTS", "Hạ tầng", "Infrastructure", List.of(WIFI))));
    }

    private static IndicatorValue ratio(long numerator, long denominator) {
        return new IndicatorValue.Ratio(BigDecimal.valueOf(numerator), BigDecimal.valueOf(denominator));
    }

    @Test
    void ratioAtOrAboveTargetIsMetAndEarnsAllPoints() {
        IndicatorResult result = Scoring.score(ONLINE, ratio(1110, 1110));
        assertThat(result.status()).isEqualTo(IndicatorStatus.DAT);
        assertThat(result.points()).isEqualByComparingTo("40");
    }

    @Test
    void ratioBelowTargetEarnsPointsInProportionAndIsNotMet() {
        // 4,850 / 7,690 = 63.07 %, target 100 %: 40 × 0.6307 = 25.23
        IndicatorResult result = Scoring.score(EMAIL, ratio(4850, 7690));
        assertThat(result.status()).isEqualTo(IndicatorStatus.CHUA_DAT);
        assertThat(result.points()).isEqualByComparingTo("25.23");
    }

    @Test
    void ratioEarnsNoMoreThanMaxPointsAboveTarget() {
        // 63 % against a 50 % target: capped at the indicator's 40 points
        assertThat(Scoring.score(ONLINE, ratio(4850, 7690)).points()).isEqualByComparingTo("40");
    }

    @Test
    void yesNoEarnsAllOrNothing() {
        assertThat(Scoring.score(WIFI, new IndicatorValue.YesNo(true)))
                .isEqualTo(new IndicatorResult("4.5", IndicatorStatus.DAT, new BigDecimal("30.00")));
        assertThat(Scoring.score(WIFI, new IndicatorValue.YesNo(false)))
                .isEqualTo(new IndicatorResult("4.5", IndicatorStatus.CHUA_DAT, new BigDecimal("0.00")));
    }

    @Test
    void inProgressEarnsNothingAndCountsAsDangTrienKhai() {
        IndicatorResult result = Scoring.score(WIFI, new IndicatorValue.InProgress());
        assertThat(result.status()).isEqualTo(IndicatorStatus.DANG_TRIEN_KHAI);
        assertThat(result.points()).isEqualByComparingTo("0");
    }

    @Test
    void missingValueIsChuaDanhGia() {
        assertThat(Scoring.score(WIFI, null).status()).isEqualTo(IndicatorStatus.CHUA_DANH_GIA);
    }

    @Test
    void pointsFrameworkPassesOnThresholdWithMandatoryMet() {
        AssessmentScore score = Scoring.score(points(new BigDecimal("100"), true), Map.of(
                "1.1", ratio(31, 31), "1.5", ratio(1, 2), "4.5", new IndicatorValue.YesNo(true)));
        assertThat(score.points()).isEqualByComparingTo("110");
        assertThat(score.met()).isEqualTo(3);
        assertThat(score.passed()).isTrue();
        assertThat(score.pillars()).extracting(PillarScore::points)
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("80"), new BigDecimal("30"));
    }

    @Test
    void pointsFrameworkFailsWhenAMandatoryIndicatorIsNotMetWhateverThePoints() {
        AssessmentScore score = Scoring.score(points(new BigDecimal("50"), true), Map.of(
                "1.1", ratio(30, 31), "1.5", ratio(1, 2), "4.5", new IndicatorValue.YesNo(true)));
        assertThat(score.points()).isGreaterThan(new BigDecimal("50"));
        assertThat(score.passed()).isFalse();
    }

    @Test
    void pointsFrameworkFailsBelowThreshold() {
        AssessmentScore score = Scoring.score(points(new BigDecimal("100"), false), Map.of(
                "1.1", ratio(31, 31), "4.5", new IndicatorValue.YesNo(true)));
        assertThat(score.points()).isEqualByComparingTo("70");
        assertThat(score.notAssessed()).isEqualTo(1);
        assertThat(score.passed()).isFalse();
    }

    @Test
    void countMetFrameworkPassesWithEnoughIndicatorsMet() {
        CriteriaFramework counted = new CriteriaFramework("T-COUNT", "Thử", "test", 2022, ScoringMethod.COUNT_MET,
                new PassRule(2, null, false, ""),
                List.of(new Pillar("CQS", "Chính quyền số", "Digital government",
                        List.of(EMAIL.withMaxPoints(null), ONLINE.withMaxPoints(null), WIFI.withMaxPoints(null)))));
        Map<String, IndicatorValue> twoMet = Map.of("1.1", ratio(31, 31), "1.5", ratio(3, 4),
                "4.5", new IndicatorValue.InProgress());
        AssessmentScore score = Scoring.score(counted, twoMet);
        assertThat(score.met()).isEqualTo(2);
        assertThat(score.inProgress()).isEqualTo(1);
        assertThat(score.headline()).isEqualByComparingTo("2");
        assertThat(score.passed()).isTrue();
        assertThat(Scoring.score(counted, Map.of("1.1", ratio(31, 31))).passed()).isFalse();
    }

    @Test
    void amendedPointsChangeTheScoreOfTheSameValues() {
        CriteriaFramework framework = points(new BigDecimal("100"), false);
        Map<String, IndicatorValue> values = Map.of("1.1", ratio(31, 31), "4.5", new IndicatorValue.YesNo(true));
        CriteriaFramework amended = framework.withPoints(Map.of("4.5", new BigDecimal("50")));
        assertThat(Scoring.score(framework, values).points()).isEqualByComparingTo("70");
        assertThat(Scoring.score(amended, values).points()).isEqualByComparingTo("90");
        assertThat(amended.maxPoints()).isEqualByComparingTo("130");
    }
}
