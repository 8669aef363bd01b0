package vn.thanhhoa.cds.command.assessment;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.thanhhoa.cds.command.assessment.AssessmentCommands.*;
import vn.thanhhoa.cds.command.reporting.ReportingCalendar;
import vn.thanhhoa.cds.events.assessment.*;
import vn.thanhhoa.cds.events.common.DocumentRef;
import vn.thanhhoa.cds.events.common.Rejection;
import vn.thanhhoa.cds.events.criteria.IndicatorValue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static vn.thanhhoa.cds.command.ProblemMatchers.problem;
import static vn.thanhhoa.cds.command.TestData.*;

/**
 * The province's own steps after a district's pass (seed 000, Hà Lĩnh 2023: the district appraises and reports to the
 * department, which inspects on site and proposes; the chairman recognises many communes by one decision): the
 * department's review, its inspection that may correct indicators and re-score, its proposal, the chairman's decision
 * over the proposal, and a later decision that corrects it.
 */
class ProvinceReviewTest {
    private static final AssessmentId CANH_NANG_2022 = new AssessmentId(CANH_NANG, 2022);
    private static final DocumentRef PROPOSAL = DocumentRef.of("85/TTr-STTTT", LocalDate.of(2023, 1, 20));
    private static final DocumentRef CORRECTION = DocumentRef.of("1301/QĐ-UBND", LocalDate.of(2023, 3, 1));
    private static final LocalDate INSPECTED = LocalDate.of(2022, 12, 14);

    private AggregateTestFixture<CommuneAssessment> fixture;


    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(CommuneAssessment.class);
        fixture.registerInjectableResource(catalog(FRAMEWORK_2022));
        fixture.registerInjectableResource((ReportingCalendar) year -> Optional.empty());
        fixture.registerInjectableResource(BA_THUOC_MAP);
        fixture.registerAnnotatedCommandHandler(new RecognitionDecisions(fixture.getRepository()));
    }

    // --- the history a test starts from: every indicator of the 2022 framework met but three in progress (27 met)

    private static List<Object> appraisedPass() {
        List<Object> events = new ArrayList<>();
        events.add(new AssessmentRegistered(CANH_NANG_2022, CANH_NANG, 2022, "TH-XA-2022", BA_THUOC, commune(CANH_NANG)));
        for (var indicator : FRAMEWORK_2022.indicators()) {
            boolean pending = List.of("2.5", "3.5", "4.6").contains(indicator.code());
            IndicatorValue value = pending ? new IndicatorValue.InProgress()
                    : indicator.measure().name().equals("RATIO") ? ratio(31, 31) : yes();
            events.add(new IndicatorValueReported(CANH_NANG_2022, indicator.code(), value, List.of(REPORT_255), commune(CANH_NANG)));
        }
        events.add(new SelfAssessmentSubmitted(CANH_NANG_2022, REPORT_255, commune(CANH_NANG)));
        events.add(new AppraisalStarted(CANH_NANG_2022, district(BA_THUOC)));
        events.add(new AppraisalConcluded(CANH_NANG_2022, true, BigDecimal.valueOf(27), 27, APPRAISAL, district(BA_THUOC)));
        return events;
    }

    private static List<Object> inReview() {
        List<Object> events = appraisedPass();
        events.add(new AppraisalAcceptedForReview(CANH_NANG_2022, "", department()));
        return events;
    }

    private static List<Object> proposed() {
        List<Object> events = inReview();
        events.add(new ProposedForRecognition(CANH_NANG_2022, PROPOSAL, department()));
        return events;
    }

    private static List<Object> recognised() {
        List<Object> events = proposed();
        events.add(new CommuneRecognised(CANH_NANG_2022, RECOGNITION, province()));
        return events;
    }

    private static OnSiteInspectionRecorded.Correction correction(String code, IndicatorValue value) {
        return new OnSiteInspectionRecorded.Correction(code, value, "Biên bản kiểm tra: số liệu thực tế khác báo cáo");
    }

    // --- review

    @Test
    void theDepartmentTakesAPassIntoItsReview() {
        fixture.given(appraisedPass())
                .when(new AcceptForReview(CANH_NANG_2022, "Hồ sơ đầy đủ", department()))
                .expectEvents(new AppraisalAcceptedForReview(CANH_NANG_2022, "Hồ sơ đầy đủ", department()));
    }

    @Test
    void reviewOnlyAfterAPass() {
        List<Object> failed = appraisedPass();
        failed.set(failed.size() - 1, new AppraisalConcluded(CANH_NANG_2022, false, BigDecimal.valueOf(20), 20, APPRAISAL, district(BA_THUOC)));
        fixture.given(failed)
                .when(new AcceptForReview(CANH_NANG_2022, "", department()))
                .expectException(problem(Rejection.Reason.CONFLICT, "ILLEGAL_TRANSITION", "APPRAISED_FAIL"))
                .expectNoEvents();
    }

    @Test
    void onlyTheDepartmentReviews() {
        fixture.given(appraisedPass())
                .when(new AcceptForReview(CANH_NANG_2022, "", province()))
                .expectException(problem(Rejection.Reason.NOT_PERMITTED, "DEPARTMENT_ONLY"))
                .expectNoEvents();
        fixture.given(appraisedPass())
                .when(new AcceptForReview(CANH_NANG_2022, "", district(BA_THUOC)))
                .expectException(problem(Rejection.Reason.NOT_PERMITTED, "DEPARTMENT_ONLY"))
                .expectNoEvents();
    }

    @Test
    void theDepartmentSendsAnAppraisalBackAndTheAppraiserConcludesAgain() {
        var reasons = List.of(new AssessmentReturnedWithReasons.IndicatorReason("1.1", "Chưa có danh sách cán bộ"));
        fixture.given(inReview())
                .when(new SendBackToAppraiser(CANH_NANG_2022, "", reasons, department()))
                .expectEvents(new AppraisalSentBack(CANH_NANG_2022, "", reasons, department()));
        List<Object> sentBack = inReview();
        sentBack.add(new AppraisalSentBack(CANH_NANG_2022, "", reasons, department()));
        fixture.given(sentBack)
                .when(new ConcludeAppraisal(CANH_NANG_2022, APPRAISAL, district(BA_THUOC)))
                .expectEvents(new AppraisalConcluded(CANH_NANG_2022, true, BigDecimal.valueOf(27), 27, APPRAISAL, district(BA_THUOC)));
    }

    @Test
    void sendingBackNeedsAReasonOfTheFramework() {
        fixture.given(inReview())
                .when(new SendBackToAppraiser(CANH_NANG_2022, " ", List.of(), department()))
                .expectException(problem(Rejection.Reason.INVALID, "MISSING_REASON"))
                .expectNoEvents();
        fixture.given(inReview())
                .when(new SendBackToAppraiser(CANH_NANG_2022, "", List.of(
                        new AssessmentReturnedWithReasons.IndicatorReason("9.9", "Không rõ")), department()))
                .expectException(problem(Rejection.Reason.INVALID, "UNKNOWN_INDICATOR"))
                .expectNoEvents();
    }

    // --- inspection

    @Test
    void anInspectionThatCorrectsAnIndicatorScoresTheCommuneAgain() {
        var corrections = List.of(correction("1.1", ratio(20, 31)));
        fixture.given(inReview())
                .when(new RecordInspection(CANH_NANG_2022, INSPECTED, List.of("Sở TT&TT", " ", "Văn phòng UBND tỉnh"),
                        "Đạt yêu cầu, trừ chỉ tiêu 1.1", corrections, department()))
                .expectEvents(new OnSiteInspectionRecorded(CANH_NANG_2022, INSPECTED, List.of("Sở TT&TT", "Văn phòng UBND tỉnh"),
                        "Đạt yêu cầu, trừ chỉ tiêu 1.1", corrections, true, BigDecimal.valueOf(26), 26, department()));
    }

    @Test
    void anInspectionIsRecordedOnlyInTheReview() {
        fixture.given(appraisedPass())
                .when(new RecordInspection(CANH_NANG_2022, INSPECTED, List.of("Sở TT&TT"), "Đạt", List.of(), department()))
                .expectException(problem(Rejection.Reason.CONFLICT, "ILLEGAL_TRANSITION", "APPRAISED_PASS"))
                .expectNoEvents();
    }

    @Test
    void anInspectionNeedsItsDateMembersFindingsAndAReasonForEachCorrection() {
        fixture.given(inReview())
                .when(new RecordInspection(CANH_NANG_2022, null, List.of("Sở TT&TT"), "Đạt", List.of(), department()))
                .expectException(problem(Rejection.Reason.INVALID, "MISSING_DATE")).expectNoEvents();
        fixture.given(inReview())
                .when(new RecordInspection(CANH_NANG_2022, LocalDate.of(2023, 1, 1), List.of("Sở TT&TT"), "Đạt", List.of(), department()))
                .expectException(problem(Rejection.Reason.INVALID, "DATE_IN_FUTURE")).expectNoEvents();
        fixture.given(inReview())
                .when(new RecordInspection(CANH_NANG_2022, INSPECTED, List.of(" "), "Đạt", List.of(), department()))
                .expectException(problem(Rejection.Reason.INVALID, "MISSING_MEMBERS")).expectNoEvents();
        fixture.given(inReview())
                .when(new RecordInspection(CANH_NANG_2022, INSPECTED, List.of("Sở TT&TT"), "", List.of(), department()))
                .expectException(problem(Rejection.Reason.INVALID, "MISSING_FINDINGS")).expectNoEvents();
        fixture.given(inReview())
                .when(new RecordInspection(CANH_NANG_2022, INSPECTED, List.of("Sở TT&TT"), "Đạt", List.of(
                        new OnSiteInspectionRecorded.Correction("1.1", ratio(20, 31), " ")), department()))
                .expectException(problem(Rejection.Reason.INVALID, "MISSING_REASON")).expectNoEvents();
        fixture.given(inReview())
                .when(new RecordInspection(CANH_NANG_2022, INSPECTED, List.of("Sở TT&TT"), "Đạt", List.of(
                        correction("1.1", ratio(40, 31))), department()))
                .expectException(problem(Rejection.Reason.INVALID, "NUMERATOR_EXCEEDS_DENOMINATOR")).expectNoEvents();
        fixture.given(inReview())
                .when(new RecordInspection(CANH_NANG_2022, INSPECTED, List.of("Sở TT&TT"), "Đạt", List.of(
                        correction("1.1", ratio(20, 31)), correction("1.1", ratio(21, 31))), department()))
                .expectException(problem(Rejection.Reason.INVALID, "DUPLICATE_INDICATOR")).expectNoEvents();
    }

    @Test
    void aProposedCommuneCanBeSentBackToTheAppraiser() {
        var reasons = List.of(new AssessmentReturnedWithReasons.IndicatorReason("1.1", "Điểm cần xem xét lại sau đính chính"));
        fixture.given(proposed())
                .when(new SendBackToAppraiser(CANH_NANG_2022, "", reasons, department()))
                .expectEvents(new AppraisalSentBack(CANH_NANG_2022, "", reasons, department()));
    }

    // --- proposal

    @Test
    void theDepartmentProposesAReviewedCommune() {
        fixture.given(inReview())
                .when(new ProposeForRecognition(2022, PROPOSAL, List.of(CANH_NANG_2022), department()))
                .expectEvents(new ProposedForRecognition(CANH_NANG_2022, PROPOSAL, department()));
    }

    @Test
    void aProposalListsOnlyReviewedCommunes() {
        fixture.given(appraisedPass())
                .when(new ProposeForRecognition(2022, PROPOSAL, List.of(CANH_NANG_2022), department()))
                .expectException(problem(Rejection.Reason.CONFLICT, "ILLEGAL_TRANSITION", "APPRAISED_PASS"))
                .expectNoEvents();
    }

    @Test
    void aCommuneTheInspectionFoundShortIsNotProposed() {
        List<Object> inspected = inReview();
        inspected.add(new OnSiteInspectionRecorded(CANH_NANG_2022, INSPECTED, List.of("Sở TT&TT"), "Không đạt",
                List.of(correction("1.1", ratio(20, 31)), correction("1.2", ratio(1, 31)), correction("1.3", ratio(1, 31)),
                        correction("1.4", ratio(1, 31))), false, BigDecimal.valueOf(23), 23, department()));
        fixture.given(inspected)
                .when(new ProposeForRecognition(2022, PROPOSAL, List.of(CANH_NANG_2022), department()))
                .expectException(problem(Rejection.Reason.CONFLICT, "NOT_PASSING"))
                .expectNoEvents();
    }

    @Test
    void aProposalNamesItsCommunesOnceEachOfItsYear() {
        fixture.given(inReview())
                .when(new ProposeForRecognition(2022, PROPOSAL, List.of(CANH_NANG_2022, CANH_NANG_2022), department()))
                .expectException(problem(Rejection.Reason.INVALID, "DUPLICATE_COMMUNE")).expectNoEvents();
        fixture.given(inReview())
                .when(new ProposeForRecognition(2023, PROPOSAL, List.of(CANH_NANG_2022), department()))
                .expectException(problem(Rejection.Reason.INVALID, "OTHER_YEAR")).expectNoEvents();
        fixture.given(inReview())
                .when(new ProposeForRecognition(2022, PROPOSAL, List.of(), department()))
                .expectException(problem(Rejection.Reason.INVALID, "NO_COMMUNES")).expectNoEvents();
        fixture.given(inReview())
                .when(new ProposeForRecognition(2022, null, List.of(CANH_NANG_2022), department()))
                .expectException(problem(Rejection.Reason.INVALID, "MISSING_DOCUMENT")).expectNoEvents();
        fixture.given(inReview())
                .when(new ProposeForRecognition(2022, PROPOSAL, List.of(CANH_NANG_2022), province()))
                .expectException(problem(Rejection.Reason.NOT_PERMITTED, "DEPARTMENT_ONLY")).expectNoEvents();
    }

    // --- the chairman's decision

    @Test
    void theChairmansDecisionOverTheProposalRecognisesOrDeclines() {
        fixture.given(proposed())
                .when(new DecideOnProposal(2022, PROPOSAL.number(), RECOGNITION, List.of(
                        new DecideOnProposal.Outcome(CANH_NANG_2022, true, null)), province()))
                .expectEvents(new CommuneRecognised(CANH_NANG_2022, RECOGNITION, province()));
        fixture.given(proposed())
                .when(new DecideOnProposal(2022, PROPOSAL.number(), RECOGNITION, List.of(
                        new DecideOnProposal.Outcome(CANH_NANG_2022, false, " Chưa đủ minh chứng ")), province()))
                .expectEvents(new RecognitionDeclined(CANH_NANG_2022, RECOGNITION, "Chưa đủ minh chứng", province()));
    }

    @Test
    void aDecisionOnlyOverAProposal() {
        fixture.given(inReview())
                .when(new DecideOnProposal(2022, PROPOSAL.number(), RECOGNITION, List.of(
                        new DecideOnProposal.Outcome(CANH_NANG_2022, true, null)), province()))
                .expectException(problem(Rejection.Reason.CONFLICT, "ILLEGAL_TRANSITION", "IN_REVIEW")).expectNoEvents();
        fixture.given(appraisedPass())
                .when(new RecogniseCommune(CANH_NANG_2022, RECOGNITION, province()))
                .expectException(problem(Rejection.Reason.CONFLICT, "ILLEGAL_TRANSITION", "APPRAISED_PASS")).expectNoEvents();
        fixture.given(proposed())
                .when(new DecideOnProposal(2022, "99/TTr-STTTT", RECOGNITION, List.of(
                        new DecideOnProposal.Outcome(CANH_NANG_2022, true, null)), province()))
                .expectException(problem(Rejection.Reason.CONFLICT, "NOT_IN_PROPOSAL")).expectNoEvents();
    }

    @Test
    void decliningNeedsAReasonAndDecidingIsTheProvinces() {
        fixture.given(proposed())
                .when(new DecideOnProposal(2022, PROPOSAL.number(), RECOGNITION, List.of(
                        new DecideOnProposal.Outcome(CANH_NANG_2022, false, "")), province()))
                .expectException(problem(Rejection.Reason.INVALID, "MISSING_REASON")).expectNoEvents();
        fixture.given(proposed())
                .when(new DecideOnProposal(2022, PROPOSAL.number(), RECOGNITION, List.of(
                        new DecideOnProposal.Outcome(CANH_NANG_2022, true, null)), department()))
                .expectException(problem(Rejection.Reason.NOT_PERMITTED, "PROVINCE_ONLY")).expectNoEvents();
    }

    // --- a later decision

    @Test
    void aLaterDecisionCorrectsTheOneInForce() {
        fixture.given(recognised())
                .when(new CorrectRecognitionDecision(CANH_NANG_2022, RECOGNITION.number(), CORRECTION, false,
                        "Đính chính: xã chưa đủ điều kiện", province()))
                .expectEvents(new RecognitionDecisionCorrected(CANH_NANG_2022, RECOGNITION.number(), CORRECTION, false,
                        "Đính chính: xã chưa đủ điều kiện", province()));
        List<Object> declined = proposed();
        declined.add(new RecognitionDeclined(CANH_NANG_2022, RECOGNITION, "Chưa đủ minh chứng", province()));
        fixture.given(declined)
                .when(new CorrectRecognitionDecision(CANH_NANG_2022, RECOGNITION.number(), CORRECTION, true,
                        "Bổ sung minh chứng đã được chấp nhận", province()))
                .expectEvents(new RecognitionDecisionCorrected(CANH_NANG_2022, RECOGNITION.number(), CORRECTION, true,
                        "Bổ sung minh chứng đã được chấp nhận", province()));
    }

    @Test
    void aCorrectionNamesTheDecisionInForceAndIsAnother() {
        fixture.given(recognised())
                .when(new CorrectRecognitionDecision(CANH_NANG_2022, "1/QĐ-UBND", CORRECTION, false, "Lý do", province()))
                .expectException(problem(Rejection.Reason.CONFLICT, "NOT_THE_DECISION")).expectNoEvents();
        fixture.given(recognised())
                .when(new CorrectRecognitionDecision(CANH_NANG_2022, RECOGNITION.number(), RECOGNITION, false, "Lý do", province()))
                .expectException(problem(Rejection.Reason.INVALID, "SAME_DECISION")).expectNoEvents();
        fixture.given(proposed())
                .when(new CorrectRecognitionDecision(CANH_NANG_2022, RECOGNITION.number(), CORRECTION, false, "Lý do", province()))
                .expectException(problem(Rejection.Reason.CONFLICT, "ILLEGAL_TRANSITION", "PROPOSED")).expectNoEvents();
    }

    @Test
    void aDeclinedCommuneTheInspectionFoundShortIsNotRecognisedByACorrection() {
        List<Object> declined = inReview();
        declined.add(new OnSiteInspectionRecorded(CANH_NANG_2022, INSPECTED, List.of("Sở TT&TT"), "Không đạt",
                List.of(correction("1.1", ratio(1, 31))), false, BigDecimal.valueOf(26), 26, department()));
        declined.add(new ProposedForRecognition(CANH_NANG_2022, PROPOSAL, department())); // as recorded before the rule
        declined.add(new RecognitionDeclined(CANH_NANG_2022, RECOGNITION, "Không đạt khi kiểm tra", province()));
        fixture.given(declined)
                .when(new CorrectRecognitionDecision(CANH_NANG_2022, RECOGNITION.number(), CORRECTION, true, "Lý do", province()))
                .expectException(problem(Rejection.Reason.CONFLICT, "NOT_PASSING")).expectNoEvents();
    }

    @Test
    void aCorrectedRecognitionCanBeRevokedByTheDecisionNowInForce() {
        List<Object> corrected = proposed();
        corrected.add(new RecognitionDeclined(CANH_NANG_2022, RECOGNITION, "Chưa đủ minh chứng", province()));
        corrected.add(new RecognitionDecisionCorrected(CANH_NANG_2022, RECOGNITION.number(), CORRECTION, true, "Bổ sung", province()));
        fixture.given(corrected)
                .when(new RevokeRecognition(CANH_NANG_2022, DocumentRef.of("1500/QĐ-UBND", null), "Số liệu không trung thực", province()))
                .expectEvents(new RecognitionRevoked(CANH_NANG_2022, DocumentRef.of("1500/QĐ-UBND", null), "Số liệu không trung thực", province()));
    }
}
