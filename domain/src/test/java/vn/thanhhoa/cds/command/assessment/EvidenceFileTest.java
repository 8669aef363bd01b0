package vn.thanhhoa.cds.command.assessment;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.thanhhoa.cds.command.assessment.AssessmentCommands.AttachEvidenceFile;
import vn.thanhhoa.cds.events.assessment.*;
import vn.thanhhoa.cds.events.common.Limits;
import vn.thanhhoa.cds.events.common.Rejection;


import static vn.thanhhoa.cds.command.ProblemMatchers.problem;
import static vn.thanhhoa.cds.command.TestData.*;

/**
 * Evidence files on an assessment: the commune attaches them while it may report, within the year's quota, the same
 * file on the same indicator once; a replacement names a file of the indicator and keeps it in the record.
 */
class EvidenceFileTest {
    private static final AssessmentId CANH_NANG_2022 = new AssessmentId(CANH_NANG, 2022);
    private static final EvidenceFile DECISION = new EvidenceFile("a".repeat(64), 120_000, "application/pdf", "QD-255.pdf");
    private static final EvidenceFile PHOTO = new EvidenceFile("b".repeat(64), 900_000, "image/jpeg", "to-cong-nghe-so.jpg");

    private AggregateTestFixture<CommuneAssessment> fixture;

    @BeforeEach
    void setUp() {
        fixture = baThuocAssessmentFixture();
    }

    private static AssessmentRegistered registered() {
        return new AssessmentRegistered(CANH_NANG_2022, CANH_NANG, 2022, "TH-XA-2022", BA_THUOC, commune(CANH_NANG));
    }

    private static EvidenceFileAttached attached(String indicator, EvidenceFile file) {
        return new EvidenceFileAttached(CANH_NANG_2022, indicator, file, null, commune(CANH_NANG));
    }

    @Test
    void theCommuneAttachesAFileToAnIndicator() {
        fixture.given(registered())
                .when(new AttachEvidenceFile(CANH_NANG_2022, "1.1", DECISION, null, commune(CANH_NANG)))
                .expectEvents(attached("1.1", DECISION));
    }

    @Test
    void theSameFileOnTheSameIndicatorAgainRecordsNothingAndOnAnotherIsRecorded() {
        fixture.given(registered(), attached("1.1", DECISION))
                .when(new AttachEvidenceFile(CANH_NANG_2022, "1.1", DECISION, null, commune(CANH_NANG)))
                .expectSuccessfulHandlerExecution().expectNoEvents();
        fixture.given(registered(), attached("1.1", DECISION))
                .when(new AttachEvidenceFile(CANH_NANG_2022, "1.2", DECISION, null, commune(CANH_NANG)))
                .expectEvents(attached("1.2", DECISION));
    }

    @Test
    void aReplacementNamesAFileOfTheIndicator() {
        fixture.given(registered(), attached("1.1", DECISION))
                .when(new AttachEvidenceFile(CANH_NANG_2022, "1.1", PHOTO, DECISION.sha256(), commune(CANH_NANG)))
                .expectEvents(new EvidenceFileAttached(CANH_NANG_2022, "1.1", PHOTO, DECISION.sha256(), commune(CANH_NANG)));
        fixture.given(registered(), attached("1.1", DECISION))
                .when(new AttachEvidenceFile(CANH_NANG_2022, "1.2", PHOTO, DECISION.sha256(), commune(CANH_NANG)))
                .expectException(problem(Rejection.Reason.CONFLICT, "NOT_ATTACHED")).expectNoEvents();
    }

    @Test
    void onlyTheCommuneItselfWhileItMayReportAndWithinTheQuota() {
        fixture.given(registered())
                .when(new AttachEvidenceFile(CANH_NANG_2022, "1.1", DECISION, null, district(BA_THUOC)))
                .expectException(problem(Rejection.Reason.NOT_PERMITTED, "NOT_THIS_COMMUNE")).expectNoEvents();
        fixture.given(registered(), new SelfAssessmentSubmitted(CANH_NANG_2022, REPORT_255, commune(CANH_NANG)))
                .when(new AttachEvidenceFile(CANH_NANG_2022, "1.1", DECISION, null, commune(CANH_NANG)))
                .expectException(problem(Rejection.Reason.CONFLICT, "ILLEGAL_TRANSITION", "SUBMITTED")).expectNoEvents();
        fixture.given(registered())
                .when(new AttachEvidenceFile(CANH_NANG_2022, "9.9", DECISION, null, commune(CANH_NANG)))
                .expectException(problem(Rejection.Reason.NOT_FOUND, "UNKNOWN_INDICATOR")).expectNoEvents();
        EvidenceFile big = new EvidenceFile("c".repeat(64), Limits.EVIDENCE_BYTES_PER_ASSESSMENT - 100_000, "application/pdf", "lon.pdf");
        fixture.given(registered(), attached("1.1", big))
                .when(new AttachEvidenceFile(CANH_NANG_2022, "1.2", DECISION, null, commune(CANH_NANG)))
                .expectException(problem(Rejection.Reason.INVALID, "QUOTA_EXCEEDED")).expectNoEvents();
        fixture.given(registered(), attached("1.1", big))
                .when(new AttachEvidenceFile(CANH_NANG_2022, "1.2", big, null, commune(CANH_NANG)))
                .expectEvents(attached("1.2", big)); // the same file counts once
    }
}
