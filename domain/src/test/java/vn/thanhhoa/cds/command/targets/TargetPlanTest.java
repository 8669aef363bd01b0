package vn.thanhhoa.cds.command.targets;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.thanhhoa.cds.events.common.DocumentRef;
import vn.thanhhoa.cds.events.targets.DistrictTarget;
import vn.thanhhoa.cds.events.targets.TargetAllocation;
import vn.thanhhoa.cds.events.targets.YearlyTargetsAssigned;
import vn.thanhhoa.cds.events.common.Rejection;

import java.time.LocalDate;
import java.util.List;

import static vn.thanhhoa.cds.command.ProblemMatchers.problem;
import static vn.thanhhoa.cds.command.TestData.*;

class TargetPlanTest {
    private static final DocumentRef DECISION_969 = DocumentRef.of("969/QĐ-UBND", LocalDate.of(2022, 3, 18));
    private static final List<DistrictTarget> SPLIT = List.of(new DistrictTarget(BA_THUOC, 60), new DistrictTarget(HA_TRUNG, 72));

    private AggregateTestFixture<TargetPlan> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(TargetPlan.class);
    }

    private static AssignYearlyTargets assign(int total, List<DistrictTarget> split) {
        return new AssignYearlyTargets("38", 2023, total, split, TargetAllocation.PROPORTIONAL_TO_COMMUNE_COUNT, DECISION_969, province());
    }

    @Test
    void provinceAssignsTheYearsTargetWithItsDistrictSplit() {
        fixture.givenNoPriorActivity()
                .when(assign(132, SPLIT))
                .expectEvents(new YearlyTargetsAssigned("38", 2023, 132, SPLIT,
                        TargetAllocation.PROPORTIONAL_TO_COMMUNE_COUNT, DECISION_969, province()));
    }

    @Test
    void theSameTargetsAgainAppendNothing() {
        fixture.given(new YearlyTargetsAssigned("38", 2023, 132, SPLIT, TargetAllocation.PROPORTIONAL_TO_COMMUNE_COUNT,
                        DECISION_969, province()))
                .when(assign(132, SPLIT))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void districtShareMustAddUpToTheProvinceTarget() {
        fixture.givenNoPriorActivity()
                .when(assign(133, SPLIT))
                .expectException(problem(Rejection.Reason.INVALID, "TARGET_SPLIT_MISMATCH"))
                .expectNoEvents();
    }

    @Test
    void targetsCannotBeNegative() {
        fixture.givenNoPriorActivity()
                .when(assign(-1, List.of()))
                .expectException(problem(Rejection.Reason.INVALID, "NEGATIVE_TARGET"))
                .expectNoEvents();
    }

    @Test
    void onlyTheProvinceAssignsTargets() {
        fixture.givenNoPriorActivity()
                .when(new AssignYearlyTargets("38", 2023, 132, SPLIT, TargetAllocation.OFFICIAL_ANNEX, DECISION_969, district(HA_TRUNG)))
                .expectException(problem(Rejection.Reason.NOT_PERMITTED, "PROVINCE_ONLY"))
                .expectNoEvents();
    }
}
