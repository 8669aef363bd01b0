package vn.thanhhoa.cds.command.reporting;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.thanhhoa.cds.command.reporting.ReportingCommands.*;
import vn.thanhhoa.cds.events.common.DocumentRef;
import vn.thanhhoa.cds.events.reporting.FrameworkAssignedToYear;
import vn.thanhhoa.cds.events.reporting.ReportingPeriodClosed;
import vn.thanhhoa.cds.events.reporting.ReportingPeriodExtended;
import vn.thanhhoa.cds.events.reporting.ReportingPeriodOpened;
import vn.thanhhoa.cds.events.common.Rejection;

import java.time.LocalDate;

import static vn.thanhhoa.cds.command.ProblemMatchers.problem;
import static vn.thanhhoa.cds.command.TestData.*;

/** The province's decisions on a year's reporting (TestData's actors act on 16/12/2022). */
class ReportingYearTest {
    private static final String YEAR = ReportingYear.streamId(2022);
    private static final DocumentRef DECISION = DocumentRef.of("15/QĐ-UBND", LocalDate.of(2022, 1, 10));
    private static final LocalDate JAN_1 = LocalDate.of(2022, 1, 1);
    private static final LocalDate DEC_20 = LocalDate.of(2022, 12, 20);

    private AggregateTestFixture<ReportingYear> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ReportingYear.class);
        fixture.registerInjectableResource(catalog(FRAMEWORK_2022, FRAMEWORK_1829));
    }

    private static FrameworkAssignedToYear assigned(String framework) {
        return new FrameworkAssignedToYear(2022, framework, DECISION, province());
    }

    private static ReportingPeriodOpened opened() {
        return new ReportingPeriodOpened(2022, JAN_1, DEC_20, DECISION, province());
    }

    @Test
    void theProvinceAssignsTheFrameworkAYearIsAssessedUnder() {
        fixture.givenNoPriorActivity()
                .when(new AssignFrameworkToYear(YEAR, 2022, "TH-XA-2022", DECISION, province()))
                .expectEvents(assigned("TH-XA-2022"));
    }

    @Test
    void onlyTheProvinceAssignsAFramework() {
        fixture.givenNoPriorActivity()
                .when(new AssignFrameworkToYear(YEAR, 2022, "TH-XA-2022", DECISION, commune(CANH_NANG)))
                .expectException(problem(Rejection.Reason.NOT_PERMITTED, "PROVINCE_ONLY"))
                .expectNoEvents();
    }

    @Test
    void aFrameworkNotYetInForceIsNotAssignedToAnEarlierYear() {
        fixture.givenNoPriorActivity()
                .when(new AssignFrameworkToYear(YEAR, 2022, "TH-XA-1829-2023", DECISION, province()))
                .expectException(problem(Rejection.Reason.INVALID, "FRAMEWORK_NOT_YET_IN_FORCE"))
                .expectNoEvents();
    }

    @Test
    void anUnknownFrameworkIsNotFound() {
        fixture.givenNoPriorActivity()
                .when(new AssignFrameworkToYear(YEAR, 2022, "TH-XA-1999", DECISION, province()))
                .expectException(problem(Rejection.Reason.NOT_FOUND, "UNKNOWN_FRAMEWORK"))
                .expectNoEvents();
    }

    @Test
    void assigningTheSameFrameworkAgainRecordsNothing() {
        fixture.given(assigned("TH-XA-2022"))
                .when(new AssignFrameworkToYear(YEAR, 2022, "TH-XA-2022", DECISION, province()))
                .expectNoEvents();
    }

    @Test
    void theFrameworkDoesNotChangeOnceReportingOpened() {
        fixture.given(assigned("TH-XA-2022"), opened())
                .when(new AssignFrameworkToYear(ReportingYear.streamId(2023), 2023, "TH-XA-1829-2023", DECISION, province()))
                .expectException(problem(Rejection.Reason.CONFLICT, "FRAMEWORK_FIXED"))
                .expectNoEvents();
    }

    @Test
    void reportingOpensOnlyForAYearWithAFramework() {
        fixture.givenNoPriorActivity()
                .when(new OpenReportingPeriod(YEAR, 2022, JAN_1, DEC_20, DECISION, province()))
                .expectException(problem(Rejection.Reason.CONFLICT, "NO_FRAMEWORK_FOR_YEAR"))
                .expectNoEvents();
    }

    @Test
    void theProvinceOpensReportingFromOneDayToAnother() {
        fixture.given(assigned("TH-XA-2022"))
                .when(new OpenReportingPeriod(YEAR, 2022, JAN_1, DEC_20, DECISION, province()))
                .expectEvents(opened());
    }

    @Test
    void aPeriodClosesOnOrAfterTheDayItOpens() {
        fixture.given(assigned("TH-XA-2022"))
                .when(new OpenReportingPeriod(YEAR, 2022, DEC_20, JAN_1, DECISION, province()))
                .expectException(problem(Rejection.Reason.INVALID, "INVALID_PERIOD"))
                .expectNoEvents();
    }

    @Test
    void theProvinceClosesReportingEarlyFromToday() {
        fixture.given(assigned("TH-XA-2022"), opened())
                .when(new CloseReportingPeriod(YEAR, 2022, DECISION, province()))
                .expectEvents(new ReportingPeriodClosed(2022, LocalDate.of(2022, 12, 16), DECISION, province()));
    }

    @Test
    void aClosedPeriodIsNotClosedAgain() {
        fixture.given(assigned("TH-XA-2022"), opened(), new ReportingPeriodClosed(2022, LocalDate.of(2022, 12, 1), DECISION, province()))
                .when(new CloseReportingPeriod(YEAR, 2022, DECISION, province()))
                .expectException(problem(Rejection.Reason.CONFLICT, "PERIOD_NOT_OPEN"))
                .expectNoEvents();
    }

    @Test
    void theProvinceExtendsThePeriodForOneCommuneWithAReason() {
        fixture.given(assigned("TH-XA-2022"), opened())
                .when(new ExtendReportingPeriod(YEAR, 2022, CANH_NANG, LocalDate.of(2023, 1, 15), "Mất điện kéo dài", DECISION, province()))
                .expectEvents(new ReportingPeriodExtended(2022, CANH_NANG, LocalDate.of(2023, 1, 15), "Mất điện kéo dài", DECISION, province()));
    }

    @Test
    void anExtensionNeedsAReasonAndAnOpenedPeriod() {
        fixture.given(assigned("TH-XA-2022"), opened())
                .when(new ExtendReportingPeriod(YEAR, 2022, CANH_NANG, LocalDate.of(2023, 1, 15), " ", DECISION, province()))
                .expectException(problem(Rejection.Reason.INVALID, "MISSING_REASON"))
                .expectNoEvents();
        fixture.given(assigned("TH-XA-2022"))
                .when(new ExtendReportingPeriod(YEAR, 2022, CANH_NANG, LocalDate.of(2023, 1, 15), "Lý do", DECISION, province()))
                .expectException(problem(Rejection.Reason.CONFLICT, "PERIOD_NOT_OPENED"))
                .expectNoEvents();
    }
}
