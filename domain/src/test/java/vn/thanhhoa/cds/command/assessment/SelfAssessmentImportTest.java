package vn.thanhhoa.cds.command.assessment;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.thanhhoa.cds.command.assessment.AssessmentCommands.*;
import vn.thanhhoa.cds.events.assessment.*;
import vn.thanhhoa.cds.events.common.DocumentRef;
import vn.thanhhoa.cds.events.common.Rejection;
import vn.thanhhoa.cds.events.criteria.IndicatorValue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.thanhhoa.cds.command.ProblemMatchers.problem;
import static vn.thanhhoa.cds.command.TestData.*;

/**
 * The province's Excel table imported: each row under the rules of a single report, one event per indicator the sheet
 * changes, all or none; a dry run records nothing; the same sheet twice changes nothing.
 */
class SelfAssessmentImportTest {
    private static final AssessmentId CANH_NANG_2022 = new AssessmentId(CANH_NANG, 2022);
    private static final DocumentRef PLAN_12 = new DocumentRef("12/KH-UBND", LocalDate.of(2022, 3, 1), "");

    private AggregateTestFixture<CommuneAssessment> fixture;

    @BeforeEach
    void setUp() {
        fixture = baThuocAssessmentFixture();
    }

    private static AssessmentRegistered registered() {
        return new AssessmentRegistered(CANH_NANG_2022, CANH_NANG, 2022, "TH-XA-2022", BA_THUOC, commune(CANH_NANG));
    }

    private static IndicatorValueReported reported(String code, IndicatorValue value, List<DocumentRef> evidence) {
        return new IndicatorValueReported(CANH_NANG_2022, code, value, evidence, commune(CANH_NANG));
    }

    private static ImportSelfAssessment importing(boolean dryRun, ImportedRow... rows) {
        return new ImportSelfAssessment(CANH_NANG_2022, "TH-XA-2022", List.of(rows), dryRun, commune(CANH_NANG));
    }

    @Test
    void recordsOneEventPerIndicatorTheSheetChanges() {
        fixture.given(registered(), reported("1.1", ratio(31, 31), List.of(REPORT_255)))
                .when(importing(false,
                        new ImportedRow(6, "1.1", new IndicatorValue.Ratio(new BigDecimal("31.0"), new BigDecimal("31")), null),
                        new ImportedRow(7, "1.2", ratio(20, 31), List.of(PLAN_12)),
                        new ImportedRow(10, "2.1", new IndicatorValue.YesNo(true), null)))
                .expectEvents(reported("1.2", ratio(20, 31), List.of(PLAN_12)),
                        reported("2.1", new IndicatorValue.YesNo(true), List.of()));
    }

    @Test
    void theSameSheetTwiceChangesNothingAndChangedDocumentsAreAChange() {
        fixture.given(registered(), reported("1.2", ratio(20, 31), List.of(PLAN_12)))
                .when(importing(false, new ImportedRow(7, "1.2", ratio(20, 31), List.of(PLAN_12))))
                .expectSuccessfulHandlerExecution().expectNoEvents();
        fixture.given(registered(), reported("1.2", ratio(20, 31), List.of(PLAN_12)))
                .when(importing(false, new ImportedRow(7, "1.2", ratio(20, 31), List.of(REPORT_255))))
                .expectEvents(reported("1.2", ratio(20, 31), List.of(REPORT_255)));
    }

    @Test
    void aDryRunRecordsNothingAndAnswersWhatWouldChangeAndEveryError() {
        ImportReport report = answerWithoutEvents(importing(true,
                new ImportedRow(6, "1.1", ratio(32, 31), null),
                new ImportedRow(7, "1.2", ratio(20, 31), null),
                new ImportedRow(10, "2.1", ratio(1, 2), null),
                new ImportedRow(11, "9.9", ratio(1, 2), null),
                new ImportedRow(12, "1.2", ratio(1, 2), null)));
        assertThat(report.changes()).extracting(ImportedChange::indicatorCode).containsExactly("1.2");
        assertThat(report.errors()).extracting(e -> e.row() + " " + e.code() + " " + e.field()).containsExactly(
                "6 NUMERATOR_EXCEEDS_DENOMINATOR value.numerator", "10 WRONG_MEASURE value.measure",
                "11 UNKNOWN_INDICATOR indicatorCode", "12 DUPLICATE_INDICATOR indicatorCode");
    }

    @Test
    void oneBadRowRecordsNothingAndNamesEveryRow() {
        fixture.given(registered())
                .when(importing(false,
                        new ImportedRow(7, "1.2", ratio(20, 31), null),
                        new ImportedRow(8, "1.3", ratio(5, 0), null)))
                .expectException(problem(Rejection.Reason.INVALID, "IMPORT_INVALID")).expectNoEvents();
    }

    @Test
    void aTemplateOfAnotherFrameworkIsRefused() {
        fixture.given(registered())
                .when(new ImportSelfAssessment(CANH_NANG_2022, "TH-XA-1829-2023", List.of(new ImportedRow(7, "1.2", ratio(20, 31), null)),
                        true, commune(CANH_NANG)))
                .expectException(problem(Rejection.Reason.INVALID, "TEMPLATE_OTHER_FRAMEWORK")).expectNoEvents();
    }

    @Test
    void onlyTheCommuneItselfWhileItMayReport() {
        fixture.given(registered())
                .when(new ImportSelfAssessment(CANH_NANG_2022, "TH-XA-2022", List.of(new ImportedRow(7, "1.2", ratio(20, 31), null)),
                        false, district(BA_THUOC)))
                .expectException(problem(Rejection.Reason.NOT_PERMITTED, "NOT_THIS_COMMUNE")).expectNoEvents();
        fixture.given(registered(), new SelfAssessmentSubmitted(CANH_NANG_2022, REPORT_255, commune(CANH_NANG)))
                .when(importing(true, new ImportedRow(7, "1.2", ratio(20, 31), null)))
                .expectException(problem(Rejection.Reason.CONFLICT, "ILLEGAL_TRANSITION", "SUBMITTED")).expectNoEvents();
    }

    /** The handler's answer, read from the fixture's result message, when it records nothing. */
    private ImportReport answerWithoutEvents(ImportSelfAssessment command) {
        Object[] answer = new Object[1];
        fixture.given(registered()).when(command).expectSuccessfulHandlerExecution().expectNoEvents()
                .expectResultMessagePayloadMatching(new org.hamcrest.CustomMatcher<Object>("an import report") {
                    @Override
                    public boolean matches(Object item) {
                        answer[0] = item;
                        return item instanceof ImportReport;
                    }
                });
        return (ImportReport) answer[0];
    }
}
