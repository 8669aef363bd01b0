package vn.thanhhoa.cds.command.criteria;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.thanhhoa.cds.command.criteria.FrameworkCommands.AmendFrameworkPoints;
import vn.thanhhoa.cds.command.criteria.FrameworkCommands.PublishCriteriaFramework;
import vn.thanhhoa.cds.events.common.DocumentRef;
import vn.thanhhoa.cds.events.criteria.CriteriaFrameworkPublished;
import vn.thanhhoa.cds.events.criteria.FrameworkPointsAmended;
import vn.thanhhoa.cds.events.criteria.FrameworkPointsAmended.PointChange;
import vn.thanhhoa.cds.infra.problem.ProblemKind;

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
                .expectException(problem(ProblemKind.FORBIDDEN, "PROVINCE_ONLY"))
                .expectNoEvents();
    }

    @Test
    void aPointsFrameworkNeedsPointsForEveryIndicator() {
        fixture.givenNoPriorActivity()
                .when(new PublishCriteriaFramework(ID, FRAMEWORK_1829.withPoints(Map.of("1.1", new BigDecimal("-1"))), province()))
                .expectException(problem(ProblemKind.INVALID, "MISSING_POINTS"))
                .expectNoEvents();
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
                .expectException(problem(ProblemKind.NOT_FOUND, "UNKNOWN_INDICATOR"))
                .expectNoEvents();
    }

    @Test
    void pointsCannotBeNegative() {
        fixture.given(published())
                .when(new AmendFrameworkPoints(ID, Map.of("1.1", new BigDecimal("-5")), CORRECTION, "", province()))
                .expectException(problem(ProblemKind.INVALID, "NEGATIVE_POINTS"))
                .expectNoEvents();
    }

    @Test
    void onlyTheProvinceAmendsPoints() {
        fixture.given(published())
                .when(new AmendFrameworkPoints(ID, Map.of("1.1", BigDecimal.TEN), CORRECTION, "", commune(CANH_NANG)))
                .expectException(problem(ProblemKind.FORBIDDEN, "PROVINCE_ONLY"))
                .expectNoEvents();
    }

    @Test
    void aCountedFrameworkHasNoPointsToAmend() {
        fixture.given(new CriteriaFrameworkPublished("TH-XA-2022", FRAMEWORK_2022, province()))
                .when(new AmendFrameworkPoints("TH-XA-2022", Map.of("1.1", BigDecimal.TEN), CORRECTION, "", province()))
                .expectException(problem(ProblemKind.INVALID, "NOT_A_POINTS_FRAMEWORK"))
                .expectNoEvents();
    }
}
