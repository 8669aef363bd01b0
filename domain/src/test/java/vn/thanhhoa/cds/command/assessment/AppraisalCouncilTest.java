package vn.thanhhoa.cds.command.assessment;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.thanhhoa.cds.command.assessment.AssessmentCommands.*;
import vn.thanhhoa.cds.events.assessment.*;
import vn.thanhhoa.cds.events.common.ActedBy;
import vn.thanhhoa.cds.events.common.DocumentRef;
import vn.thanhhoa.cds.events.common.Rejection;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static vn.thanhhoa.cds.command.ProblemMatchers.problem;
import static vn.thanhhoa.cds.command.TestData.*;

/**
 * An appraisal council (hội đồng thẩm định): the appraising unit names a lead and members by pillar; a member appraises
 * only the indicators of their pillars, and only the lead concludes or returns.
 */
class AppraisalCouncilTest {
    private static final AssessmentId CANH_NANG_2022 = new AssessmentId(CANH_NANG, 2022);
    private static final DocumentRef COUNCIL_DECISION = DocumentRef.of("45/QĐ-UBND", LocalDate.of(2023, 1, 5));
    /** The 2022 framework's pillars: CQS (chính quyền số), KTS (kinh tế số), XHS (xã hội số), HTS (hạ tầng số). */
    private static final List<AppraisalCouncilAssigned.Member> MEMBERS = List.of(
            new AppraisalCouncilAssigned.Member("tv-van-hoa", List.of(pillarOf("1.1"))),
            new AppraisalCouncilAssigned.Member("tv-kinh-te", List.of(pillarOf("2.1"))));

    private AggregateTestFixture<CommuneAssessment> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(CommuneAssessment.class);
        fixture.registerInjectableResource(catalog(FRAMEWORK_2022));
        fixture.registerInjectableResource(BA_THUOC_MAP);
    }

    private static String pillarOf(String indicator) {
        return FRAMEWORK_2022.pillarOf(indicator).orElseThrow().code();
    }

    private static ActedBy of(String subject) {
        return new ActedBy(subject, "DISTRICT", BA_THUOC.code(), AT);
    }

    private static List<Object> underAppraisal() {
        List<Object> events = new ArrayList<>();
        events.add(new AssessmentRegistered(CANH_NANG_2022, CANH_NANG, 2022, "TH-XA-2022", BA_THUOC, commune(CANH_NANG)));
        events.add(new SelfAssessmentSubmitted(CANH_NANG_2022, REPORT_255, commune(CANH_NANG)));
        events.add(new AppraisalStarted(CANH_NANG_2022, district(BA_THUOC)));
        return events;
    }

    private static List<Object> withCouncil() {
        List<Object> events = underAppraisal();
        events.add(new AppraisalCouncilAssigned(CANH_NANG_2022, "tham-dinh-386", MEMBERS, COUNCIL_DECISION, district(BA_THUOC)));
        return events;
    }

    @Test
    void theAppraisingUnitAssignsACouncil() {
        fixture.given(underAppraisal())
                .when(new AssignAppraisalCouncil(CANH_NANG_2022, " tham-dinh-386 ", MEMBERS, COUNCIL_DECISION, district(BA_THUOC)))
                .expectEvents(new AppraisalCouncilAssigned(CANH_NANG_2022, "tham-dinh-386", MEMBERS, COUNCIL_DECISION, district(BA_THUOC)));
    }

    @Test
    void onlyTheAppraisingUnitAssignsACouncilOfTheFrameworksPillars() {
        fixture.given(underAppraisal())
                .when(new AssignAppraisalCouncil(CANH_NANG_2022, "x", MEMBERS, null, district(HA_TRUNG)))
                .expectException(problem(Rejection.Reason.NOT_PERMITTED, "NOT_THE_APPRAISER")).expectNoEvents();
        fixture.given(underAppraisal())
                .when(new AssignAppraisalCouncil(CANH_NANG_2022, "tham-dinh-386", List.of(
                        new AppraisalCouncilAssigned.Member("tv", List.of("XYZ"))), null, district(BA_THUOC)))
                .expectException(problem(Rejection.Reason.INVALID, "UNKNOWN_PILLAR")).expectNoEvents();
        fixture.given(underAppraisal())
                .when(new AssignAppraisalCouncil(CANH_NANG_2022, " ", MEMBERS, null, district(BA_THUOC)))
                .expectException(problem(Rejection.Reason.INVALID, "MISSING_LEAD")).expectNoEvents();
        fixture.given(underAppraisal())
                .when(new AssignAppraisalCouncil(CANH_NANG_2022, "tham-dinh-386", List.of(MEMBERS.get(0), MEMBERS.get(0)),
                        null, district(BA_THUOC)))
                .expectException(problem(Rejection.Reason.INVALID, "DUPLICATE_MEMBER")).expectNoEvents();
    }

    @Test
    void aMemberAppraisesTheIndicatorsOfTheirPillars() {
        fixture.given(withCouncil())
                .when(new AppraiseIndicator(CANH_NANG_2022, "1.1", ratio(30, 31), "", of("tv-van-hoa")))
                .expectEvents(new IndicatorAppraised(CANH_NANG_2022, "1.1", ratio(30, 31), "", of("tv-van-hoa")));
    }

    @Test
    void aCouncilMemberOutsideTheirIndicatorsIsRefused() {
        fixture.given(withCouncil())
                .when(new AppraiseIndicator(CANH_NANG_2022, "1.1", ratio(30, 31), "", of("tv-kinh-te")))
                .expectException(problem(Rejection.Reason.NOT_PERMITTED, "NOT_ASSIGNED")).expectNoEvents();
        fixture.given(withCouncil())
                .when(new AppraiseIndicator(CANH_NANG_2022, "1.1", ratio(30, 31), "", of("can-bo-khac")))
                .expectException(problem(Rejection.Reason.NOT_PERMITTED, "NOT_ASSIGNED")).expectNoEvents();
    }

    @Test
    void theLeadAloneConcludesOrReturns() {
        fixture.given(withCouncil())
                .when(new ConcludeAppraisal(CANH_NANG_2022, APPRAISAL, of("tv-van-hoa")))
                .expectException(problem(Rejection.Reason.NOT_PERMITTED, "COUNCIL_LEAD_ONLY")).expectNoEvents();
        fixture.given(withCouncil())
                .when(new ReturnForRevision(CANH_NANG_2022, "Bổ sung", List.of(), APPRAISAL, of("tv-kinh-te")))
                .expectException(problem(Rejection.Reason.NOT_PERMITTED, "COUNCIL_LEAD_ONLY")).expectNoEvents();
        fixture.given(withCouncil())
                .when(new ConcludeAppraisal(CANH_NANG_2022, APPRAISAL, district(BA_THUOC)))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void withoutACouncilAnyoneOfTheAppraisingUnitAppraises() {
        fixture.given(underAppraisal())
                .when(new AppraiseIndicator(CANH_NANG_2022, "2.1", yes(), "", of("can-bo-khac")))
                .expectEvents(new IndicatorAppraised(CANH_NANG_2022, "2.1", yes(), "", of("can-bo-khac")));
        fixture.given(underAppraisal())
                .when(new ConcludeAppraisal(CANH_NANG_2022, APPRAISAL, of("can-bo-khac")))
                .expectSuccessfulHandlerExecution();
    }
}
