package vn.thanhhoa.cds.command.criteria;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.thanhhoa.cds.command.criteria.FrameworkCommands.AmendFrameworkPoints;
import vn.thanhhoa.cds.command.criteria.FrameworkCommands.PublishCriteriaFramework;
import vn.thanhhoa.cds.events.common.DocumentRef;
import vn.thanhhoa.cds.events.criteria.CriteriaFramework;
import vn.thanhhoa.cds.events.criteria.CriteriaFrameworkPublished;
import vn.thanhhoa.cds.events.criteria.Indicator;
import vn.thanhhoa.cds.events.criteria.Pillar;
import vn.thanhhoa.cds.events.criteria.FrameworkPointsAmended;
import vn.thanhhoa.cds.events.criteria.FrameworkPointsAmended.PointChange;
import vn.thanhhoa.cds.events.common.Rejection;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static vn.thanhhoa.cds.command.ProblemMatchers.problem;
import static vn.thanhhoa.cds.command.TestData.*;

class CriteriaFrameworkAggregateTest {
    private static final String ID = "TH-XA-1829-2023";
    private static final DocumentRef CORRECTION = DocumentRef.of("2115/STTTT-CNTT", LocalDate.of(2023, 7, 1));

    private AggregateTestFixture<CriteriaFrameworkAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(CriteriaFrameworkAggregate.class);
    }

    private static CriteriaFrameworkPublished published() {
        return new CriteriaFrameworkPublished(ID, FRAMEWORK_1829, province());
    }

    @Test
    void provincePublishesAFramework() {
        fixture.givenNoPriorActivity()
                .when(new PublishCriteriaFramework(ID, FRAMEWORK_1829, province()))
                .expectEvents(published());
    }

    @Test
    void onlyTheProvincePublishesFrameworks() {
        fixture.givenNoPriorActivity()
                .when(new PublishCriteriaFramework(ID, FRAMEWORK_1829, district(BA_THUOC)))
                .expectException(problem(Rejection.Reason.NOT_PERMITTED, "PROVINCE_ONLY"))
                .expectNoEvents();
    }

    @Test
    void aPointsFrameworkNeedsPointsForEveryIndicator() {
        java.util.HashMap<String, BigDecimal> none = new java.util.HashMap<>();
        none.put("1.1", null);
        fixture.givenNoPriorActivity()
                .when(new PublishCriteriaFramework(ID, FRAMEWORK_1829.withPoints(none), province()))
                .expectException(problem(Rejection.Reason.INVALID, "MISSING_POINTS"))
                .expectNoEvents();
    }

    @Test
    void pointsArePublishedWithinTheirDomain() {
        for (String points : new String[]{"-1", "1000.01", "0.125", "1e-100000000"}) {
            fixture.givenNoPriorActivity()
                    .when(new PublishCriteriaFramework(ID, FRAMEWORK_1829.withPoints(Map.of("1.1", new BigDecimal(points))), province()))
                    .expectException(problem(Rejection.Reason.INVALID, "INVALID_POINTS"))
                    .expectNoEvents();
        }
    }

    /** A target of 0 would divide by zero in every projection that scores the indicator. */
    @Test
    void aRatioIndicatorNeedsATargetAboveZeroAndAtMostOne() {
        for (String target : new String[]{"0", "1.5", "0.00001", "1e-100000000"}) {
            fixture.givenNoPriorActivity()
                    .when(new PublishCriteriaFramework(ID, withTarget("1.1", new BigDecimal(target)), province()))
                    .expectException(problem(Rejection.Reason.INVALID, "INVALID_TARGET_SHARE"))
                    .expectNoEvents();
        }
    }

    /** A yes/no indicator has no target; one given anyway must still be one the scoring can compute with. */
    @Test
    void aYesNoIndicatorsTargetIsNoneOrAShare() {
        String yesNo = FRAMEWORK_1829.indicators().stream().filter(i -> i.measure() == vn.thanhhoa.cds.events.criteria.Measure.BOOLEAN)
                .findFirst().orElseThrow().code();
        fixture.givenNoPriorActivity()
                .when(new PublishCriteriaFramework(ID, withTarget(yesNo, BigDecimal.ZERO), province()))
                .expectException(problem(Rejection.Reason.INVALID, "INVALID_TARGET_SHARE"))
                .expectNoEvents();
    }

    @Test
    void indicatorCodesAreUniqueInAFramework() {
        var pillars = new java.util.ArrayList<>(FRAMEWORK_1829.pillars());
        pillars.add(new Pillar("X", "Trụ cột trùng", "Duplicate", List.of(FRAMEWORK_1829.indicators().get(0))));
        fixture.givenNoPriorActivity()
                .when(new PublishCriteriaFramework(ID, new CriteriaFramework(ID, FRAMEWORK_1829.title(), FRAMEWORK_1829.basis(),
                        FRAMEWORK_1829.year(), FRAMEWORK_1829.scoring(), FRAMEWORK_1829.passRule(), pillars), province()))
                .expectException(problem(Rejection.Reason.INVALID, "DUPLICATE_INDICATOR"))
                .expectNoEvents();
    }

    @Test
    void namesHoldNoControlCharacters() {
        fixture.givenNoPriorActivity()
                .when(new PublishCriteriaFramework(ID, new CriteriaFramework(ID, "Bộ tiêu chí\u0000", FRAMEWORK_1829.basis(),
                        FRAMEWORK_1829.year(), FRAMEWORK_1829.scoring(), FRAMEWORK_1829.passRule(), FRAMEWORK_1829.pillars()), province()))
                .expectException(problem(Rejection.Reason.INVALID, "FORBIDDEN_CHARACTER"))
                .expectNoEvents();
    }

    private static CriteriaFramework withTarget(String code, BigDecimal target) {
        return new CriteriaFramework(ID, FRAMEWORK_1829.title(), FRAMEWORK_1829.basis(), FRAMEWORK_1829.year(),
                FRAMEWORK_1829.scoring(), FRAMEWORK_1829.passRule(), FRAMEWORK_1829.pillars().stream()
                .map(p -> new Pillar(p.code(), p.name(), p.nameEn(), p.indicators().stream()
                        .map(i -> i.code().equals(code) ? new Indicator(i.code(), i.name(), i.nameEn(), i.measure(), target,
                                i.maxPoints(), i.mandatory()) : i).toList()))
                .toList());
    }

    @Test
    void provinceCorrectsPointsAfterPublishingAndTheChangeKeepsThePreviousValue() {
        fixture.given(published())
                .when(new AmendFrameworkPoints(ID, Map.of("1.1", new BigDecimal("50"), "1.2", new BigDecimal("40")),
                        CORRECTION, "Đính chính số điểm", province()))
                .expectEvents(new FrameworkPointsAmended(ID,
                        List.of(new PointChange("1.1", new BigDecimal("40"), new BigDecimal("50"))),
                        CORRECTION, "Đính chính số điểm", province()));
    }

    @Test
    void amendingAnUnknownIndicatorIsNotFound() {
        fixture.given(published())
                .when(new AmendFrameworkPoints(ID, Map.of("9.9", BigDecimal.TEN), CORRECTION, "", province()))
                .expectException(problem(Rejection.Reason.NOT_FOUND, "UNKNOWN_INDICATOR"))
                .expectNoEvents();
    }

    @Test
    void amendedPointsStayWithinTheirDomain() {
        fixture.given(published())
                .when(new AmendFrameworkPoints(ID, Map.of("1.1", new BigDecimal("1e1000000000")), CORRECTION, "", province()))
                .expectException(problem(Rejection.Reason.INVALID, "INVALID_POINTS"))
                .expectNoEvents();
    }

    @Test
    void pointsCannotBeNegative() {
        fixture.given(published())
                .when(new AmendFrameworkPoints(ID, Map.of("1.1", new BigDecimal("-5")), CORRECTION, "", province()))
                .expectException(problem(Rejection.Reason.INVALID, "NEGATIVE_POINTS"))
                .expectNoEvents();
    }

    @Test
    void onlyTheProvinceAmendsPoints() {
        fixture.given(published())
                .when(new AmendFrameworkPoints(ID, Map.of("1.1", BigDecimal.TEN), CORRECTION, "", commune(CANH_NANG)))
                .expectException(problem(Rejection.Reason.NOT_PERMITTED, "PROVINCE_ONLY"))
                .expectNoEvents();
    }

    @Test
    void aCountedFrameworkHasNoPointsToAmend() {
        fixture.given(new CriteriaFrameworkPublished("TH-XA-2022", FRAMEWORK_2022, province()))
                .when(new AmendFrameworkPoints("TH-XA-2022", Map.of("1.1", BigDecimal.TEN), CORRECTION, "", province()))
                .expectException(problem(Rejection.Reason.INVALID, "NOT_A_POINTS_FRAMEWORK"))
                .expectNoEvents();
    }
}
