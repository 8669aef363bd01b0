package vn.thanhhoa.cds.command.assessment;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.thanhhoa.cds.command.assessment.AssessmentCommands.*;
import vn.thanhhoa.cds.events.assessment.*;
import vn.thanhhoa.cds.events.criteria.IndicatorValue;
import vn.thanhhoa.cds.events.common.Rejection;

import vn.thanhhoa.cds.events.common.ActedBy;
import vn.thanhhoa.cds.events.common.DocumentRef;
import vn.thanhhoa.cds.events.map.Share;
import vn.thanhhoa.cds.events.map.UnitId;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static vn.thanhhoa.cds.command.ProblemMatchers.problem;
import static vn.thanhhoa.cds.command.TestData.*;

class CommuneAssessmentTest {
    private static final AssessmentId CANH_NANG_2022 = new AssessmentId(CANH_NANG, 2022);
    private static final AssessmentId HA_TRUNG_2023 = new AssessmentId(HA_TRUNG_TOWN, 2023);

    private AggregateTestFixture<CommuneAssessment> fixture;
    private static final java.time.LocalDate END_OF_2022 = java.time.LocalDate.of(2022, 12, 31);
    private static final java.time.LocalDate TRANSFER_DAY = java.time.LocalDate.of(2025, 7, 15);
    private static final LocalDate REFORM = LocalDate.of(2025, 7, 1);
    private static final UnitId XA_BA_THUOC = new UnitId("14923", REFORM);
    private static final UnitId AGENCY = new UnitId("38-SKHCN", REFORM);
    private static final UnitId XA_HA_TRUNG = new UnitId("15271", REFORM);
    private static final UnitId HOAT_GIANG = new UnitId("15286", REFORM);
    private static final Instant AFTER_REFORM = Instant.parse("2026-11-30T02:00:00Z");

    /**
     * The map as the rules see it: Cành Nàng under Huyện Bá Thước until the reform, then succeeded whole by Xã Bá
     * Thước, appraised by the body the province designated; Thị trấn Hà Trung split between Xã Hà Trung (a part, and
     * its code) and Xã Hoạt Giang (the remainder). A stand-in for the map's lookups, not the thing under test.
     */
    private static final MapFacts MAP = new MapFacts() {
        @Override
        public java.util.Optional<UnitId> appraiserOf(UnitId commune, LocalDate day) {
            if (day.isBefore(REFORM)) {
                return commune.equals(CANH_NANG) ? java.util.Optional.of(BA_THUOC)
                        : commune.equals(HA_TRUNG_TOWN) ? java.util.Optional.of(HA_TRUNG) : java.util.Optional.empty();
            }
            return commune.equals(XA_BA_THUOC) ? java.util.Optional.of(AGENCY) : java.util.Optional.empty();
        }

        @Override
        public boolean isSuccessor(UnitId predecessor, UnitId successor) {
            return predecessorsOf(successor).containsKey(predecessor);
        }

        @Override
        public Map<UnitId, LocalDate> unitsCoded(String code) {
            Map<UnitId, LocalDate> units = new HashMap<>();
            for (UnitId old : List.of(CANH_NANG, BA_THUOC, HA_TRUNG_TOWN, HA_TRUNG)) {
                if (old.code().equals(code)) {
                    units.put(old, REFORM);
                }
            }
            for (UnitId current : List.of(XA_BA_THUOC, AGENCY, XA_HA_TRUNG, HOAT_GIANG)) {
                if (current.code().equals(code)) {
                    units.put(current, null);
                }
            }
            return units;
        }

        @Override
        public Map<UnitId, Share> predecessorsOf(UnitId successor) {
            return successor.equals(XA_BA_THUOC) ? Map.of(CANH_NANG, Share.FULL)
                    : successor.equals(XA_HA_TRUNG) ? Map.of(HA_TRUNG_TOWN, Share.PARTIAL)
                    : successor.equals(HOAT_GIANG) ? Map.of(HA_TRUNG_TOWN, Share.REMAINDER)
                    : Map.of();
        }
    };

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(CommuneAssessment.class);
        fixture.registerInjectableResource(catalog(FRAMEWORK_2022, FRAMEWORK_1829));
        fixture.registerInjectableResource(MAP);
        fixture.registerInjectableResource(calendar);
    }

    /** The province's decisions on the years; a test may open a period on one. */
    private final Calendar calendar = new Calendar();

    // --- builders of the history a test starts from

    private static AssessmentRegistered registered() {
        return new AssessmentRegistered(CANH_NANG_2022, CANH_NANG, 2022, "TH-XA-2022", BA_THUOC, commune(CANH_NANG));
    }

    private static IndicatorValueReported reported(String code, IndicatorValue value) {
        return new IndicatorValueReported(CANH_NANG_2022, code, value, List.of(REPORT_255), commune(CANH_NANG));
    }

    private static SelfAssessmentSubmitted submitted() {
        return new SelfAssessmentSubmitted(CANH_NANG_2022, REPORT_255, commune(CANH_NANG));
    }

    private static AppraisalStarted appraisalStarted() {
        return new AppraisalStarted(CANH_NANG_2022, district(BA_THUOC));
    }

    /** Every indicator of the 2022 framework met, but for the ones listed as in progress. */
    private static List<Object> allReported(String... inProgress) {
        List<Object> events = new ArrayList<>();
        for (var indicator : FRAMEWORK_2022.indicators()) {
            boolean pending = List.of(inProgress).contains(indicator.code());
            IndicatorValue value = pending ? new IndicatorValue.InProgress()
                    : indicator.measure().name().equals("RATIO") ? ratio(31, 31) : yes();
            events.add(reported(indicator.code(), value));
        }
        return events;
    }

    private static List<Object> history(Object... events) {
        return new ArrayList<>(List.of(events));
    }


    // --- registration

    @Test
    void communeRegistersItselfForAYearUnderAFramework() {
        fixture.givenNoPriorActivity()
                .when(new RegisterAssessment(CANH_NANG_2022, "TH-XA-2022", commune(CANH_NANG)))
                .expectEvents(registered());
    }

    @Test
    void communeCannotRegisterAnotherCommune() {
        fixture.givenNoPriorActivity()
                .when(new RegisterAssessment(CANH_NANG_2022, "TH-XA-2022", commune(HA_TRUNG_TOWN)))
                .expectException(Rejection.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("14923"))
                .expectNoEvents();
    }

    @Test
    void theYearsFrameworkIsTheOneTheProvinceAssignedNotTheOneTheCommuneNames() {
        fixture.givenNoPriorActivity()
                .when(new RegisterAssessment(CANH_NANG_2022, "TH-XA-1829-2023", commune(CANH_NANG)))
                .expectException(problem(Rejection.Reason.INVALID, "FRAMEWORK_NOT_ASSIGNED"))
                .expectNoEvents();
    }

    @Test
    void aCommuneNamingNoFrameworkIsRegisteredUnderTheYearsOne() {
        fixture.givenNoPriorActivity()
                .when(new RegisterAssessment(CANH_NANG_2022, null, commune(CANH_NANG)))
                .expectEvents(registered());
    }

    @Test
    void aYearWithoutAnAssignedFrameworkTakesNoRegistration() {
        calendar.without(2022);
        fixture.givenNoPriorActivity()
                .when(new RegisterAssessment(CANH_NANG_2022, "TH-XA-2022", commune(CANH_NANG)))
                .expectException(problem(Rejection.Reason.CONFLICT, "NO_FRAMEWORK_FOR_YEAR"))
                .expectNoEvents();
    }

    /** The day the command is accepted names the appraiser: after the reform, the designated body, not the district. */
    @Test
    void theAppraiserIsTheOneOnTheDayOfRegistration() {
        AssessmentId xaBaThuoc2026 = new AssessmentId(XA_BA_THUOC, 2026);
        ActedBy officer = new ActedBy("can-bo-14923", "COMMUNE", "14923", AFTER_REFORM);
        fixture.givenNoPriorActivity()
                .when(new RegisterAssessment(xaBaThuoc2026, null, officer))
                .expectEvents(new AssessmentRegistered(xaBaThuoc2026, XA_BA_THUOC, 2026, "TH-XA-1829-2023", AGENCY, officer));
    }

    /** A past year recorded late is appraised by whom the map named on the last day the commune stood that year. */
    @Test
    void aPastYearRecordedLateIsAppraisedAsOnItsLastDay() {
        AssessmentId canhNang2025 = new AssessmentId(CANH_NANG, 2025);
        ActedBy officer = new ActedBy("can-bo-14923", "COMMUNE", "14923", AFTER_REFORM);
        fixture.givenNoPriorActivity()
                .when(new RegisterAssessment(canhNang2025, null, officer))
                .expectEvents(new AssessmentRegistered(canhNang2025, CANH_NANG, 2025, "TH-XA-1829-2023", BA_THUOC, officer));
    }

    // --- reporting

    @Test
    void communeReportsARatioWithEvidence() {
        fixture.given(registered())
                .when(new ReportIndicatorValue(CANH_NANG_2022, "3.2", ratio(4850, 7690), List.of(REPORT_255), commune(CANH_NANG)))
                .expectEvents(reported("3.2", ratio(4850, 7690)));
    }

    @Test
    void communeReportsAnIndicatorAsInProgress() {
        fixture.given(registered())
                .when(new ReportIndicatorValue(CANH_NANG_2022, "2.5", new IndicatorValue.InProgress(), List.of(REPORT_255), commune(CANH_NANG)))
                .expectEvents(reported("2.5", new IndicatorValue.InProgress()));
    }

    @Test
    void communeCannotReportForAnotherCommune() {
        fixture.given(registered())
                .when(new ReportIndicatorValue(CANH_NANG_2022, "1.1", ratio(31, 31), List.of(), commune(HA_TRUNG_TOWN)))
                .expectException(problem(Rejection.Reason.NOT_PERMITTED, "NOT_THIS_COMMUNE"))
                .expectNoEvents();
    }

    @Test
    void districtCannotReportForACommune() {
        fixture.given(registered())
                .when(new ReportIndicatorValue(CANH_NANG_2022, "1.1", ratio(31, 31), List.of(), district(BA_THUOC)))
                .expectException(problem(Rejection.Reason.NOT_PERMITTED, "NOT_THIS_COMMUNE"))
                .expectNoEvents();
    }

    @Test
    void unknownIndicatorIsNotFound() {
        fixture.given(registered())
                .when(new ReportIndicatorValue(CANH_NANG_2022, "9.9", ratio(1, 2), List.of(), commune(CANH_NANG)))
                .expectException(problem(Rejection.Reason.NOT_FOUND, "UNKNOWN_INDICATOR"))
                .expectNoEvents();
    }

    @Test
    void numeratorCannotExceedDenominator() {
        fixture.given(registered())
                .when(new ReportIndicatorValue(CANH_NANG_2022, "1.1", ratio(32, 31), List.of(), commune(CANH_NANG)))
                .expectException(problem(Rejection.Reason.INVALID, "NUMERATOR_EXCEEDS_DENOMINATOR"))
                .expectNoEvents();
    }

    /** The kind of number that froze the dashboards: refused from its scale and precision, before any arithmetic. */
    @Test
    void ratiosAreTwoCountsWithinTheirDomain() {
        for (String[] ratio : new String[][]{{"1e-100000000", "1"}, {"1", "1e1000000000"}, {"1e1000000000", "1"},
                {"0.5", "1"}, {"1", "1000000001"}}) {
            fixture.given(registered())
                    .when(new ReportIndicatorValue(CANH_NANG_2022, "1.1", new IndicatorValue.Ratio(new BigDecimal(ratio[0]),
                            new BigDecimal(ratio[1])), List.of(), commune(CANH_NANG)))
                    .expectException(problem(Rejection.Reason.INVALID, "NOT_A_COUNT"))
                    .expectNoEvents();
        }
    }

    @Test
    void valuesCannotBeNegative() {
        fixture.given(registered())
                .when(new ReportIndicatorValue(CANH_NANG_2022, "1.1", ratio(-1, 31), List.of(), commune(CANH_NANG)))
                .expectException(problem(Rejection.Reason.INVALID, "NEGATIVE_VALUE"))
                .expectNoEvents();
    }

    @Test
    void denominatorMustBePositive() {
        fixture.given(registered())
                .when(new ReportIndicatorValue(CANH_NANG_2022, "1.1", ratio(0, 0), List.of(), commune(CANH_NANG)))
                .expectException(problem(Rejection.Reason.INVALID, "ZERO_DENOMINATOR"))
                .expectNoEvents();
    }

    @Test
    void yesNoValueForARatioIndicatorIsTheWrongMeasure() {
        fixture.given(registered())
                .when(new ReportIndicatorValue(CANH_NANG_2022, "1.1", yes(), List.of(), commune(CANH_NANG)))
                .expectException(problem(Rejection.Reason.INVALID, "WRONG_MEASURE"))
                .expectNoEvents();
    }

    @Test
    void ratioForAYesNoIndicatorIsTheWrongMeasure() {
        fixture.given(registered())
                .when(new ReportIndicatorValue(CANH_NANG_2022, "1.6", ratio(1, 1), List.of(), commune(CANH_NANG)))
                .expectException(problem(Rejection.Reason.INVALID, "WRONG_MEASURE"))
                .expectNoEvents();
    }

    @Test
    void communeCannotReportAfterSubmission() {
        fixture.given(registered(), submitted())
                .when(new ReportIndicatorValue(CANH_NANG_2022, "1.1", ratio(31, 31), List.of(), commune(CANH_NANG)))
                .expectException(problem(Rejection.Reason.CONFLICT, "ILLEGAL_TRANSITION", "SUBMITTED"))
                .expectNoEvents();
    }

    @Test
    void communeReportsAgainAfterBeingReturnedForRevision() {
        fixture.given(registered(), submitted(),
                        new AssessmentReturnedForRevision(CANH_NANG_2022, "Thiếu minh chứng 3.2", APPRAISAL, district(BA_THUOC)))
                .when(new ReportIndicatorValue(CANH_NANG_2022, "3.2", ratio(4850, 7690), List.of(REPORT_255), commune(CANH_NANG)))
                .expectEvents(reported("3.2", ratio(4850, 7690)));
    }

    // --- submission

    @Test
    void communeSubmitsItsSelfAssessmentWithTheReportNumber() {
        fixture.given(registered())
                .when(new SubmitSelfAssessment(CANH_NANG_2022, REPORT_255, commune(CANH_NANG)))
                .expectEvents(submitted());
    }

    @Test
    void communeCannotSubmitTwice() {
        fixture.given(registered(), submitted())
                .when(new SubmitSelfAssessment(CANH_NANG_2022, REPORT_255, commune(CANH_NANG)))
                .expectException(problem(Rejection.Reason.CONFLICT, "ILLEGAL_TRANSITION"))
                .expectNoEvents();
    }

    // --- appraisal

    @Test
    void noAppraisalBeforeSubmission() {
        fixture.given(registered())
                .when(new StartAppraisal(CANH_NANG_2022, district(BA_THUOC)))
                .expectException(problem(Rejection.Reason.CONFLICT, "ILLEGAL_TRANSITION"))
                .expectNoEvents();
    }

    @Test
    void theCommunesDistrictStartsTheAppraisal() {
        fixture.given(registered(), submitted())
                .when(new StartAppraisal(CANH_NANG_2022, district(BA_THUOC)))
                .expectEvents(appraisalStarted());
    }

    @Test
    void anotherDistrictCannotAppraise() {
        fixture.given(registered(), submitted())
                .when(new StartAppraisal(CANH_NANG_2022, district(HA_TRUNG)))
                .expectException(problem(Rejection.Reason.NOT_PERMITTED, "NOT_THE_APPRAISER"))
                .expectNoEvents();
    }

    @Test
    void provinceDoesNotAppraiseInTheDistrictsPlace() {
        fixture.given(registered(), submitted())
                .when(new StartAppraisal(CANH_NANG_2022, province()))
                .expectException(problem(Rejection.Reason.NOT_PERMITTED, "NOT_THE_APPRAISER"))
                .expectNoEvents();
    }

    @Test
    void appraiserSetsTheValueItAccepts() {
        fixture.given(registered(), submitted(), appraisalStarted())
                .when(new AppraiseIndicator(CANH_NANG_2022, "3.2", ratio(4000, 7690), "Theo số liệu ngân hàng", district(BA_THUOC)))
                .expectEvents(new IndicatorAppraised(CANH_NANG_2022, "3.2", ratio(4000, 7690), "Theo số liệu ngân hàng", district(BA_THUOC)));
    }

    @Test
    void appraisedValuesAreValidatedLikeReportedOnes() {
        fixture.given(registered(), submitted(), appraisalStarted())
                .when(new AppraiseIndicator(CANH_NANG_2022, "3.2", ratio(8000, 7690), "", district(BA_THUOC)))
                .expectException(problem(Rejection.Reason.INVALID, "NUMERATOR_EXCEEDS_DENOMINATOR"))
                .expectNoEvents();
    }

    @Test
    void appraisalConcludesPassWithTheComputedCountOfIndicatorsMet() {
        List<Object> given = history(registered());
        given.addAll(allReported("2.5", "3.5", "4.6"));
        given.add(submitted());
        given.add(appraisalStarted());
        fixture.given(given)
                .when(new ConcludeAppraisal(CANH_NANG_2022, APPRAISAL, district(BA_THUOC)))
                .expectEvents(new AppraisalConcluded(CANH_NANG_2022, true, BigDecimal.valueOf(27), 27, APPRAISAL, district(BA_THUOC)));
    }

    @Test
    void appraisalConcludesFailWhenTheAppraisedValuesFallShort() {
        List<Object> given = history(registered());
        given.addAll(allReported("2.5", "3.5", "4.6", "4.7", "4.8", "1.9"));
        given.add(submitted());
        given.add(appraisalStarted());
        // the appraiser does not accept 1.1: 24 met would pass, the appraisal leaves 23
        given.add(new IndicatorAppraised(CANH_NANG_2022, "1.1", ratio(20, 31), "", district(BA_THUOC)));
        fixture.given(given)
                .when(new ConcludeAppraisal(CANH_NANG_2022, APPRAISAL, district(BA_THUOC)))
                .expectEvents(new AppraisalConcluded(CANH_NANG_2022, false, BigDecimal.valueOf(23), 23, APPRAISAL, district(BA_THUOC)));
    }

    @Test
    void appraiserReturnsTheSelfAssessmentWithAReason() {
        fixture.given(registered(), submitted(), appraisalStarted())
                .when(new ReturnForRevision(CANH_NANG_2022, "Bổ sung minh chứng", List.of(), APPRAISAL, district(BA_THUOC)))
                .expectEvents(new AssessmentReturnedWithReasons(CANH_NANG_2022, "Bổ sung minh chứng", List.of(), APPRAISAL, district(BA_THUOC)));
    }

    @Test
    void returningNeedsAReason() {
        fixture.given(registered(), submitted())
                .when(new ReturnForRevision(CANH_NANG_2022, " ", List.of(), APPRAISAL, district(BA_THUOC)))
                .expectException(problem(Rejection.Reason.INVALID, "MISSING_REASON"))
                .expectNoEvents();
    }

    // --- recognition

    private List<Object> appraisedPass() {
        return history(registered(), submitted(), appraisalStarted(),
                new AppraisalConcluded(CANH_NANG_2022, true, BigDecimal.valueOf(27), 27, APPRAISAL, district(BA_THUOC)));
    }

    /** Reviewed by the department and proposed (the steps themselves: {@link ProvinceReviewTest}). */
    private List<Object> proposed() {
        List<Object> given = appraisedPass();
        given.add(new AppraisalAcceptedForReview(CANH_NANG_2022, "", department()));
        given.add(new ProposedForRecognition(CANH_NANG_2022, DocumentRef.of("85/TTr-STTTT", null), department()));
        return given;
    }

    @Test
    void provinceRecognisesAProposedCommune() {
        fixture.given(proposed())
                .when(new RecogniseCommune(CANH_NANG_2022, RECOGNITION, province()))
                .expectEvents(new CommuneRecognised(CANH_NANG_2022, RECOGNITION, province()));
    }

    @Test
    void noRecognitionAfterAFailedAppraisal() {
        fixture.given(registered(), submitted(), appraisalStarted(),
                        new AppraisalConcluded(CANH_NANG_2022, false, BigDecimal.valueOf(20), 20, APPRAISAL, district(BA_THUOC)))
                .when(new RecogniseCommune(CANH_NANG_2022, RECOGNITION, province()))
                .expectException(problem(Rejection.Reason.CONFLICT, "ILLEGAL_TRANSITION", "APPRAISED_FAIL"))
                .expectNoEvents();
    }

    @Test
    void noRecognitionBeforeAppraisal() {
        fixture.given(registered(), submitted())
                .when(new RecogniseCommune(CANH_NANG_2022, RECOGNITION, province()))
                .expectException(problem(Rejection.Reason.CONFLICT, "ILLEGAL_TRANSITION"))
                .expectNoEvents();
    }

    @Test
    void onlyTheProvinceRecognises() {
        fixture.given(proposed())
                .when(new RecogniseCommune(CANH_NANG_2022, RECOGNITION, district(BA_THUOC)))
                .expectException(problem(Rejection.Reason.NOT_PERMITTED, "PROVINCE_ONLY"))
                .expectNoEvents();
    }

    @Test
    void recognitionNeedsADecisionNumber() {
        fixture.given(proposed())
                .when(new RecogniseCommune(CANH_NANG_2022, null, province()))
                .expectException(problem(Rejection.Reason.INVALID, "MISSING_DOCUMENT"))
                .expectNoEvents();
    }

    @Test
    void provinceRevokesARecognitionWithAReason() {
        List<Object> given = proposed();
        given.add(new CommuneRecognised(CANH_NANG_2022, RECOGNITION, province()));
        fixture.given(given)
                .when(new RevokeRecognition(CANH_NANG_2022, RECOGNITION, "Số liệu không trung thực", province()))
                .expectEvents(new RecognitionRevoked(CANH_NANG_2022, RECOGNITION, "Số liệu không trung thực", province()));
    }

    @Test
    void onlyARecognitionCanBeRevoked() {
        fixture.given(appraisedPass())
                .when(new RevokeRecognition(CANH_NANG_2022, RECOGNITION, "Lý do", province()))
                .expectException(problem(Rejection.Reason.CONFLICT, "ILLEGAL_TRANSITION"))
                .expectNoEvents();
    }

    // --- the map moves under an open assessment

    private static final vn.thanhhoa.cds.events.common.DocumentRef TRANSFER_DECISION =
            vn.thanhhoa.cds.events.common.DocumentRef.of("2001/QĐ-UBND", java.time.LocalDate.of(2025, 7, 15));

    private static vn.thanhhoa.cds.events.common.ActedBy agency() {
        return new vn.thanhhoa.cds.events.common.ActedBy("tham-dinh-skhcn", "PROVINCE", "38-SKHCN", AFTER_REFORM);
    }

    @Test
    void provinceTransfersAnOpenAssessmentToTheSuccessor() {
        fixture.given(registered(), reported("1.1", ratio(31, 31)))
                .when(new TransferAssessment(CANH_NANG_2022, XA_BA_THUOC, TRANSFER_DAY, TRANSFER_DECISION, province()))
                .expectEvents(new AssessmentTransferred(CANH_NANG_2022, CANH_NANG, XA_BA_THUOC, AGENCY, TRANSFER_DECISION, province()));
    }

    @Test
    void anAssessmentIsTransferredOnlyToASuccessor() {
        fixture.given(registered())
                .when(new TransferAssessment(CANH_NANG_2022, HA_TRUNG_TOWN, TRANSFER_DAY, TRANSFER_DECISION, province()))
                .expectException(problem(Rejection.Reason.INVALID, "NOT_A_SUCCESSOR"))
                .expectNoEvents();
    }

    @Test
    void aCommuneWithNobodyToAppraiseItIsNotRegistered() {
        fixture.givenNoPriorActivity()
                .when(new RegisterAssessment(new AssessmentId(HOAT_GIANG, 2026), null,
                        new ActedBy("can-bo-15286", "COMMUNE", "15286", AFTER_REFORM)))
                .expectException(problem(Rejection.Reason.CONFLICT, "NO_APPRAISER"))
                .expectNoEvents();
    }

    @Test
    void onlyTheProvinceTransfersAnAssessment() {
        fixture.given(registered())
                .when(new TransferAssessment(CANH_NANG_2022, XA_BA_THUOC, TRANSFER_DAY, TRANSFER_DECISION, commune(CANH_NANG)))
                .expectException(problem(Rejection.Reason.NOT_PERMITTED, "PROVINCE_ONLY"))
                .expectNoEvents();
    }

    @Test
    void aRecognisedAssessmentIsNotTransferred() {
        List<Object> given = appraisedPass();
        given.add(new CommuneRecognised(CANH_NANG_2022, RECOGNITION, province()));
        fixture.given(given)
                .when(new TransferAssessment(CANH_NANG_2022, XA_BA_THUOC, TRANSFER_DAY, TRANSFER_DECISION, province()))
                .expectException(problem(Rejection.Reason.CONFLICT, "ILLEGAL_TRANSITION", "RECOGNISED"))
                .expectNoEvents();
    }

    /** The same person acting after the reform: their unit code now names the unit bearing it since. */
    private static ActedBy today(ActedBy actor) {
        return new ActedBy(actor.subject(), actor.role(), actor.unit(), AFTER_REFORM);
    }

    // --- a unit claim names the unit bearing the code on the day, and acts for the predecessors it stepped in for

    @Test
    void theCommuneThatAbsorbedAnotherWholeActsForItsRecords() {
        ActedBy xaBaThuoc = today(commune(CANH_NANG)); // 14923 names Xã Bá Thước since 01/07/2025
        fixture.given(registered())
                .when(new ReportIndicatorValue(CANH_NANG_2022, "1.1", ratio(30, 31), List.of(), xaBaThuoc))
                .expectEvents(new IndicatorValueReported(CANH_NANG_2022, "1.1", ratio(30, 31), List.of(), xaBaThuoc));
    }

    @Test
    void aCommuneReusingTheCodeOfOneItTookOnlyPartOfDoesNotActForIt() {
        AssessmentRegistered haTrung = new AssessmentRegistered(HA_TRUNG_2023, HA_TRUNG_TOWN, 2023, "TH-XA-1829-2023",
                HA_TRUNG, commune(HA_TRUNG_TOWN));
        fixture.given(haTrung)
                .when(new SubmitSelfAssessment(HA_TRUNG_2023, REPORT_255, today(commune(HA_TRUNG_TOWN))))
                .expectException(problem(Rejection.Reason.NOT_PERMITTED, "NOT_THIS_COMMUNE"))
                .expectNoEvents();
        ActedBy hoatGiang = today(commune(HOAT_GIANG)); // kept the remainder of Thị trấn Hà Trung
        fixture.given(haTrung)
                .when(new SubmitSelfAssessment(HA_TRUNG_2023, REPORT_255, hoatGiang))
                .expectEvents(new SelfAssessmentSubmitted(HA_TRUNG_2023, REPORT_255, hoatGiang));
    }

    @Test
    void aDistrictThatCeasedStillClosesItsOwnAppraisals() {
        List<Object> given = history(registered(), submitted());
        fixture.given(given)
                .when(new StartAppraisal(CANH_NANG_2022, today(district(BA_THUOC))))
                .expectEvents(new AppraisalStarted(CANH_NANG_2022, today(district(BA_THUOC))));
    }

    @Test
    void aCodeNobodyBoreOnTheDayActsForNothing() {
        ActedBy beforeItExisted = commune(HOAT_GIANG); // 15286 was first used on 01/07/2025
        fixture.given(registered())
                .when(new ReportIndicatorValue(CANH_NANG_2022, "1.1", ratio(30, 31), List.of(), beforeItExisted))
                .expectException(problem(Rejection.Reason.NOT_PERMITTED, "NOT_THIS_COMMUNE"))
                .expectNoEvents();
    }

    @Test
    void afterTransferTheSuccessorReportsAndTheOldCommuneNoLonger() {
        AssessmentTransferred transferred = new AssessmentTransferred(CANH_NANG_2022, CANH_NANG, XA_BA_THUOC, AGENCY,
                TRANSFER_DECISION, province());
        ActedBy successor = today(commune(XA_BA_THUOC));
        fixture.given(registered(), transferred)
                .when(new ReportIndicatorValue(CANH_NANG_2022, "1.1", ratio(30, 31), List.of(), successor))
                .expectEvents(new IndicatorValueReported(CANH_NANG_2022, "1.1", ratio(30, 31), List.of(), successor));
    }

    @Test
    void afterTransferTheDesignatedBodyAppraisesNotTheFormerDistrict() {
        List<Object> given = history(registered(),
                new AssessmentTransferred(CANH_NANG_2022, CANH_NANG, XA_BA_THUOC, AGENCY, TRANSFER_DECISION, province()),
                new SelfAssessmentSubmitted(CANH_NANG_2022, REPORT_255, commune(XA_BA_THUOC)));
        fixture.given(given)
                .when(new StartAppraisal(CANH_NANG_2022, district(BA_THUOC)))
                .expectException(problem(Rejection.Reason.NOT_PERMITTED, "NOT_THE_APPRAISER"))
                .expectNoEvents();
        fixture.given(given)
                .when(new StartAppraisal(CANH_NANG_2022, agency()))
                .expectEvents(new AppraisalStarted(CANH_NANG_2022, agency()));
    }

    @Test
    void provinceClosesAnOpenAssessmentAsSuperseded() {
        fixture.given(registered(), submitted())
                .when(new CloseAsSuperseded(CANH_NANG_2022, TRANSFER_DECISION, "Xã đã sáp nhập", province()))
                .expectEvents(new AssessmentClosedAsSuperseded(CANH_NANG_2022, TRANSFER_DECISION, "Xã đã sáp nhập", province()));
    }

    @Test
    void aClosedAssessmentTakesNoMoreReports() {
        fixture.given(registered(), new AssessmentClosedAsSuperseded(CANH_NANG_2022, TRANSFER_DECISION, "", province()))
                .when(new ReportIndicatorValue(CANH_NANG_2022, "1.1", ratio(31, 31), List.of(), commune(CANH_NANG)))
                .expectException(problem(Rejection.Reason.CONFLICT, "ILLEGAL_TRANSITION", "SUPERSEDED"))
                .expectNoEvents();
    }

    // --- the 1829 points framework

    @Test
    void pointsAppraisalFailsWhileAMandatoryIndicatorIsUnmet() {
        AssessmentRegistered registered = new AssessmentRegistered(HA_TRUNG_2023, HA_TRUNG_TOWN, 2023, "TH-XA-1829-2023",
                HA_TRUNG, commune(HA_TRUNG_TOWN));
        List<Object> given = history(registered);
        for (var indicator : FRAMEWORK_1829.indicators()) {
            IndicatorValue value = indicator.code().equals("1.1") ? ratio(30, 31)
                    : indicator.measure().name().equals("RATIO") ? ratio(1, 1) : yes();
            given.add(new IndicatorValueReported(HA_TRUNG_2023, indicator.code(), value, List.of(), commune(HA_TRUNG_TOWN)));
        }
        given.add(new SelfAssessmentSubmitted(HA_TRUNG_2023, REPORT_255, commune(HA_TRUNG_TOWN)));
        given.add(new AppraisalStarted(HA_TRUNG_2023, district(HA_TRUNG)));
        // 1.1 (mandatory, 40 points) at 30/31 earns 38.71: 998.71 points, but a mandatory indicator is not met
        fixture.given(given)
                .when(new ConcludeAppraisal(HA_TRUNG_2023, APPRAISAL, district(HA_TRUNG)))
                .expectEvents(new AppraisalConcluded(HA_TRUNG_2023, false, new BigDecimal("998.71"), 29, APPRAISAL, district(HA_TRUNG)));
    }

    // --- an amendment of the points that overturns a concluded verdict

    private static final AssessmentId CANH_NANG_2023 = new AssessmentId(CANH_NANG, 2023);
    private static final vn.thanhhoa.cds.events.common.DocumentRef AMENDMENT =
            vn.thanhhoa.cds.events.common.DocumentRef.of("2115/STTTT-CNTT", LocalDate.of(2023, 10, 5));
    /** The 1829 framework with every indicator worth one point: what concluded Đạt on 1,000 points now fails. */
    private static final vn.thanhhoa.cds.events.criteria.CriteriaFramework AMENDED_1829 = FRAMEWORK_1829.withPoints(
            FRAMEWORK_1829.indicators().stream().collect(java.util.stream.Collectors.toMap(
                    vn.thanhhoa.cds.events.criteria.Indicator::code, i -> BigDecimal.ONE)));

    /** Every 1829 indicator met, appraised and concluded Đạt. */
    private static List<Object> concludedPassUnder1829() {
        List<Object> events = history(new AssessmentRegistered(CANH_NANG_2023, CANH_NANG, 2023, FRAMEWORK_1829.id(), BA_THUOC,
                commune(CANH_NANG)));
        for (var indicator : FRAMEWORK_1829.indicators()) {
            IndicatorValue value = indicator.measure().name().equals("RATIO") ? ratio(31, 31) : yes();
            events.add(new IndicatorValueReported(CANH_NANG_2023, indicator.code(), value, List.of(REPORT_255), commune(CANH_NANG)));
        }
        events.add(new SelfAssessmentSubmitted(CANH_NANG_2023, REPORT_255, commune(CANH_NANG)));
        events.add(new AppraisalStarted(CANH_NANG_2023, district(BA_THUOC)));
        events.add(new AppraisalConcluded(CANH_NANG_2023, true, BigDecimal.valueOf(1000), FRAMEWORK_1829.indicators().size(),
                APPRAISAL, district(BA_THUOC)));
        return events;
    }

    /** The rules as they stand after the amendment: the catalog holds the amended points. */
    private static AggregateTestFixture<CommuneAssessment> afterAmendment() {
        AggregateTestFixture<CommuneAssessment> amended = new AggregateTestFixture<>(CommuneAssessment.class);
        amended.registerInjectableResource(catalog(AMENDED_1829, FRAMEWORK_2022));
        amended.registerInjectableResource(MAP);
        return amended;
    }

    private static VerdictInvalidatedByAmendment invalidated() {
        return new VerdictInvalidatedByAmendment(CANH_NANG_2023, FRAMEWORK_1829.id(), true,
                BigDecimal.valueOf(FRAMEWORK_1829.indicators().size()).setScale(2), FRAMEWORK_1829.indicators().size(),
                AMENDMENT, province());
    }

    @Test
    void anAmendmentThatOverturnsTheVerdictPutsItInQuestion() {
        afterAmendment().given(concludedPassUnder1829())
                .when(new ReviewVerdict(CANH_NANG_2023, FRAMEWORK_1829.id(), AMENDMENT, province()))
                .expectEvents(invalidated());
    }

    @Test
    void anAmendmentThatLeavesTheVerdictStandingRecordsNothing() {
        fixture.given(concludedPassUnder1829())
                .when(new ReviewVerdict(CANH_NANG_2023, FRAMEWORK_1829.id(), AMENDMENT, province()))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aVerdictAlreadyInQuestionIsNotQuestionedTwice() {
        List<Object> given = concludedPassUnder1829();
        given.add(invalidated());
        afterAmendment().given(given)
                .when(new ReviewVerdict(CANH_NANG_2023, FRAMEWORK_1829.id(), AMENDMENT, province()))
                .expectNoEvents();
    }

    @Test
    void noReviewOfAVerdictInQuestionUntilTheAppraiserConcludesAgain() {
        List<Object> given = concludedPassUnder1829();
        given.add(invalidated());
        afterAmendment().given(given)
                .when(new AcceptForReview(CANH_NANG_2023, "", department()))
                .expectException(problem(Rejection.Reason.CONFLICT, "VERDICT_IN_QUESTION"))
                .expectNoEvents();
        int indicators = FRAMEWORK_1829.indicators().size();
        afterAmendment().given(given)
                .when(new ConcludeAppraisal(CANH_NANG_2023, APPRAISAL, district(BA_THUOC)))
                .expectEvents(new AppraisalConcluded(CANH_NANG_2023, false, BigDecimal.valueOf(indicators).setScale(2), indicators,
                        APPRAISAL, district(BA_THUOC)));
        given.add(new AppraisalConcluded(CANH_NANG_2023, false, BigDecimal.valueOf(indicators), indicators, APPRAISAL, district(BA_THUOC)));
        afterAmendment().given(given)
                .when(new RecogniseCommune(CANH_NANG_2023, RECOGNITION, province()))
                .expectException(problem(Rejection.Reason.CONFLICT, "ILLEGAL_TRANSITION", "APPRAISED_FAIL"));
    }

    @Test
    void theProvinceKeepsOrRevokesARecognitionInQuestionByDecision() {
        List<Object> given = concludedPassUnder1829();
        given.add(new CommuneRecognised(CANH_NANG_2023, RECOGNITION, province()));
        afterAmendment().given(given)
                .when(new ReviewVerdict(CANH_NANG_2023, FRAMEWORK_1829.id(), AMENDMENT, province()))
                .expectEvents(invalidated());
        given.add(invalidated());
        var keep = vn.thanhhoa.cds.events.common.DocumentRef.of("3001/QĐ-UBND", LocalDate.of(2023, 11, 1));
        afterAmendment().given(given)
                .when(new ConfirmRecognition(CANH_NANG_2023, keep, province()))
                .expectEvents(new RecognitionConfirmedAfterAmendment(CANH_NANG_2023, keep, province()));
        afterAmendment().given(given)
                .when(new ConfirmRecognition(CANH_NANG_2023, keep, district(BA_THUOC)))
                .expectException(problem(Rejection.Reason.NOT_PERMITTED, "PROVINCE_ONLY"));
        afterAmendment().given(given)
                .when(new RevokeRecognition(CANH_NANG_2023, keep, "Không còn đạt sau đính chính điểm", province()))
                .expectEvents(new RecognitionRevoked(CANH_NANG_2023, keep, "Không còn đạt sau đính chính điểm", province()));
    }

    @Test
    void aRecognitionNotInQuestionNeedsNoConfirmation() {
        List<Object> given = concludedPassUnder1829();
        given.add(new CommuneRecognised(CANH_NANG_2023, RECOGNITION, province()));
        fixture.given(given)
                .when(new ConfirmRecognition(CANH_NANG_2023, RECOGNITION, province()))
                .expectException(problem(Rejection.Reason.CONFLICT, "VERDICT_NOT_IN_QUESTION"))
                .expectNoEvents();
    }

    // --- the reporting period (the actors act on 16/12/2022), withdrawal, returns with reasons and their answers

    private static final String PERIOD_DECISION = "15/QĐ-UBND";

    private void periodUntil(LocalDate lastDay, Map<UnitId, LocalDate> extensions) {
        calendar.withPeriod(2022, new vn.thanhhoa.cds.command.reporting.ReportingWindow(LocalDate.of(2022, 1, 1), lastDay,
                null, PERIOD_DECISION), extensions);
    }

    @Test
    void afterThePeriodClosedNothingIsReportedAndTheReasonIsSaid() {
        periodUntil(LocalDate.of(2022, 12, 15), Map.of());
        fixture.given(registered())
                .when(new ReportIndicatorValue(CANH_NANG_2022, "1.1", ratio(31, 31), List.of(), commune(CANH_NANG)))
                .expectException(problem(Rejection.Reason.CONFLICT, "REPORTING_CLOSED"))
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("2022-12-15"))
                .expectNoEvents();
    }

    @Test
    void afterThePeriodClosedNothingIsSubmittedOrRegistered() {
        periodUntil(LocalDate.of(2022, 12, 15), Map.of());
        fixture.given(allReportedAfterRegistration())
                .when(new SubmitSelfAssessment(CANH_NANG_2022, REPORT_255, commune(CANH_NANG)))
                .expectException(problem(Rejection.Reason.CONFLICT, "REPORTING_CLOSED"))
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new RegisterAssessment(CANH_NANG_2022, null, commune(CANH_NANG)))
                .expectException(problem(Rejection.Reason.CONFLICT, "REPORTING_CLOSED"))
                .expectNoEvents();
    }

    @Test
    void aCommuneGivenAnExtensionReportsUntilItsOwnLastDay() {
        periodUntil(LocalDate.of(2022, 12, 15), Map.of(CANH_NANG, LocalDate.of(2022, 12, 31)));
        fixture.given(registered())
                .when(new ReportIndicatorValue(CANH_NANG_2022, "3.2", ratio(4850, 7690), List.of(REPORT_255), commune(CANH_NANG)))
                .expectEvents(reported("3.2", ratio(4850, 7690)));
    }

    @Test
    void anExtensionForAnotherCommuneDoesNotOpenThisOne() {
        periodUntil(LocalDate.of(2022, 12, 15), Map.of(HA_TRUNG_TOWN, LocalDate.of(2022, 12, 31)));
        fixture.given(registered())
                .when(new ReportIndicatorValue(CANH_NANG_2022, "1.1", ratio(31, 31), List.of(), commune(CANH_NANG)))
                .expectException(problem(Rejection.Reason.CONFLICT, "REPORTING_CLOSED"))
                .expectNoEvents();
    }

    @Test
    void beforeThePeriodOpensNothingIsReported() {
        calendar.withPeriod(2022, new vn.thanhhoa.cds.command.reporting.ReportingWindow(LocalDate.of(2022, 12, 20),
                LocalDate.of(2022, 12, 31), null, PERIOD_DECISION), Map.of());
        fixture.given(registered())
                .when(new ReportIndicatorValue(CANH_NANG_2022, "1.1", ratio(31, 31), List.of(), commune(CANH_NANG)))
                .expectException(problem(Rejection.Reason.CONFLICT, "REPORTING_NOT_YET_OPEN"))
                .expectNoEvents();
    }

    @Test
    void aPeriodClosedEarlyRefusesFromItsClosingDay() {
        calendar.withPeriod(2022, new vn.thanhhoa.cds.command.reporting.ReportingWindow(LocalDate.of(2022, 1, 1),
                LocalDate.of(2022, 12, 31), LocalDate.of(2022, 12, 16), PERIOD_DECISION), Map.of());
        fixture.given(registered())
                .when(new ReportIndicatorValue(CANH_NANG_2022, "1.1", ratio(31, 31), List.of(), commune(CANH_NANG)))
                .expectException(problem(Rejection.Reason.CONFLICT, "REPORTING_CLOSED"))
                .expectNoEvents();
    }

    private static List<Object> allReportedAfterRegistration() {
        List<Object> given = new ArrayList<>();
        given.add(registered());
        given.addAll(allReported());
        return given;
    }

    @Test
    void inAYearWithAPeriodASubmissionWithAnIndicatorMissingIsRefusedWithTheMissingOnesListed() {
        periodUntil(LocalDate.of(2022, 12, 31), Map.of());
        fixture.given(registered(), reported("1.1", ratio(31, 31)))
                .when(new SubmitSelfAssessment(CANH_NANG_2022, REPORT_255, commune(CANH_NANG)))
                .expectException(problem(Rejection.Reason.INVALID, "MISSING_INDICATORS"))
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("29 indicators have no value"))
                .expectNoEvents();
    }

    @Test
    void inAYearWithAPeriodEveryIndicatorReportedIsSubmitted() {
        periodUntil(LocalDate.of(2022, 12, 31), Map.of());
        fixture.given(allReportedAfterRegistration())
                .when(new SubmitSelfAssessment(CANH_NANG_2022, REPORT_255, commune(CANH_NANG)))
                .expectEvents(submitted());
    }

    @Test
    void theCommuneWithdrawsItsSubmissionBeforeTheAppraisalAndCorrectsIt() {
        SelfAssessmentWithdrawn withdrawn = new SelfAssessmentWithdrawn(CANH_NANG_2022, "Sửa chỉ tiêu 3.2", commune(CANH_NANG));
        fixture.given(registered(), submitted())
                .when(new WithdrawSubmission(CANH_NANG_2022, "Sửa chỉ tiêu 3.2", commune(CANH_NANG)))
                .expectEvents(withdrawn);
        fixture.given(registered(), submitted(), withdrawn)
                .when(new ReportIndicatorValue(CANH_NANG_2022, "3.2", ratio(4850, 7690), List.of(REPORT_255), commune(CANH_NANG)))
                .expectEvents(reported("3.2", ratio(4850, 7690)));
    }

    @Test
    void aSubmissionIsNotWithdrawnOnceTheAppraisalStarted() {
        fixture.given(registered(), submitted(), appraisalStarted())
                .when(new WithdrawSubmission(CANH_NANG_2022, "", commune(CANH_NANG)))
                .expectException(problem(Rejection.Reason.CONFLICT, "ILLEGAL_TRANSITION", "UNDER_APPRAISAL"))
                .expectNoEvents();
    }

    @Test
    void onlyTheCommuneWithdrawsItsSubmission() {
        fixture.given(registered(), submitted())
                .when(new WithdrawSubmission(CANH_NANG_2022, "", district(BA_THUOC)))
                .expectException(problem(Rejection.Reason.NOT_PERMITTED, "NOT_THIS_COMMUNE"))
                .expectNoEvents();
    }

    private static final AssessmentReturnedWithReasons RETURNED_WITH_REASONS = new AssessmentReturnedWithReasons(
            CANH_NANG_2022, "Bổ sung minh chứng", List.of(
            new AssessmentReturnedWithReasons.IndicatorReason("1.1", "Thiếu danh sách cán bộ"),
            new AssessmentReturnedWithReasons.IndicatorReason("3.2", "Số liệu lệch với báo cáo")), APPRAISAL, district(BA_THUOC));

    @Test
    void theAppraiserReturnsWithAReasonPerIndicator() {
        fixture.given(registered(), submitted(), appraisalStarted())
                .when(new ReturnForRevision(CANH_NANG_2022, "Bổ sung minh chứng", RETURNED_WITH_REASONS.indicators(),
                        APPRAISAL, district(BA_THUOC)))
                .expectEvents(RETURNED_WITH_REASONS);
    }

    @Test
    void aReturnNamesOnlyIndicatorsOfTheFrameworkEachOnceWithAReason() {
        fixture.given(registered(), submitted())
                .when(new ReturnForRevision(CANH_NANG_2022, "", List.of(new AssessmentReturnedWithReasons.IndicatorReason("9.9", "?")),
                        APPRAISAL, district(BA_THUOC)))
                .expectException(problem(Rejection.Reason.INVALID, "UNKNOWN_INDICATOR"))
                .expectNoEvents();
        fixture.given(registered(), submitted())
                .when(new ReturnForRevision(CANH_NANG_2022, "", List.of(new AssessmentReturnedWithReasons.IndicatorReason("1.1", "a"),
                        new AssessmentReturnedWithReasons.IndicatorReason("1.1", "b")), APPRAISAL, district(BA_THUOC)))
                .expectException(problem(Rejection.Reason.INVALID, "DUPLICATE_INDICATOR"))
                .expectNoEvents();
        fixture.given(registered(), submitted())
                .when(new ReturnForRevision(CANH_NANG_2022, "", List.of(new AssessmentReturnedWithReasons.IndicatorReason("1.1", " ")),
                        APPRAISAL, district(BA_THUOC)))
                .expectException(problem(Rejection.Reason.INVALID, "MISSING_REASON"))
                .expectNoEvents();
    }

    @Test
    void theCommuneAnswersEachReasonOfTheReturn() {
        fixture.given(registered(), submitted(), RETURNED_WITH_REASONS)
                .when(new AnswerReturn(CANH_NANG_2022, "3.2", "Đã sửa theo báo cáo 255", commune(CANH_NANG)))
                .expectEvents(new ReturnAnswered(CANH_NANG_2022, "3.2", "Đã sửa theo báo cáo 255", commune(CANH_NANG)));
    }

    @Test
    void anIndicatorTheReturnDidNotNameNeedsNoAnswer() {
        fixture.given(registered(), submitted(), RETURNED_WITH_REASONS)
                .when(new AnswerReturn(CANH_NANG_2022, "2.1", "…", commune(CANH_NANG)))
                .expectException(problem(Rejection.Reason.INVALID, "NOT_RETURNED"))
                .expectNoEvents();
    }

    @Test
    void theResubmissionWaitsForAnAnswerToEveryReason() {
        fixture.given(registered(), submitted(), RETURNED_WITH_REASONS,
                        new ReturnAnswered(CANH_NANG_2022, "1.1", "Đã bổ sung danh sách", commune(CANH_NANG)))
                .when(new SubmitSelfAssessment(CANH_NANG_2022, REPORT_255, commune(CANH_NANG)))
                .expectException(problem(Rejection.Reason.INVALID, "RETURN_NOT_ANSWERED"))
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("3.2"))
                .expectNoEvents();
        fixture.given(registered(), submitted(), RETURNED_WITH_REASONS,
                        new ReturnAnswered(CANH_NANG_2022, "1.1", "Đã bổ sung danh sách", commune(CANH_NANG)),
                        new ReturnAnswered(CANH_NANG_2022, "3.2", "Đã sửa", commune(CANH_NANG)))
                .when(new SubmitSelfAssessment(CANH_NANG_2022, REPORT_255, commune(CANH_NANG)))
                .expectEvents(submitted());
    }

    @Test
    void answersAreGivenOnlyWhileReturned() {
        fixture.given(registered(), submitted())
                .when(new AnswerReturn(CANH_NANG_2022, "", "…", commune(CANH_NANG)))
                .expectException(problem(Rejection.Reason.CONFLICT, "ILLEGAL_TRANSITION", "SUBMITTED"))
                .expectNoEvents();
    }

    @Test
    void theCommuneCommentsOnAnIndicatorOnceForOneComment() {
        IndicatorCommented commented = new IndicatorCommented(CANH_NANG_2022, "3.2", "Theo báo cáo Công an xã", commune(CANH_NANG));
        fixture.given(registered())
                .when(new CommentOnIndicator(CANH_NANG_2022, "3.2", "Theo báo cáo Công an xã", commune(CANH_NANG)))
                .expectEvents(commented);
        fixture.given(registered(), commented)
                .when(new CommentOnIndicator(CANH_NANG_2022, "3.2", "Theo báo cáo Công an xã", commune(CANH_NANG)))
                .expectNoEvents();
        fixture.given(registered(), commented)
                .when(new CommentOnIndicator(CANH_NANG_2022, "3.2", "", commune(CANH_NANG)))
                .expectEvents(new IndicatorCommented(CANH_NANG_2022, "3.2", "", commune(CANH_NANG)));
    }

    @Test
    void aCommentNamesAnIndicatorOfTheFrameworkAndWaitsForAReturnAfterSubmission() {
        fixture.given(registered())
                .when(new CommentOnIndicator(CANH_NANG_2022, "9.9", "?", commune(CANH_NANG)))
                .expectException(problem(Rejection.Reason.NOT_FOUND, "UNKNOWN_INDICATOR"))
                .expectNoEvents();
        fixture.given(registered(), submitted())
                .when(new CommentOnIndicator(CANH_NANG_2022, "3.2", "…", commune(CANH_NANG)))
                .expectException(problem(Rejection.Reason.CONFLICT, "ILLEGAL_TRANSITION", "SUBMITTED"))
                .expectNoEvents();
    }
}
