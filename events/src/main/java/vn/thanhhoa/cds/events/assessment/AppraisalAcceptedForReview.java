package vn.thanhhoa.cds.events.assessment;

import org.axonframework.serialization.Revision;
import vn.thanhhoa.cds.events.common.ActedBy;

/**
 * The province's department (Sở Thông tin và Truyền thông until 2025, Sở Khoa học và Công nghệ since) took an
 * appraisal concluded Đạt into its review: it may now inspect the commune on site and propose it for recognition.
 */
@Revision("1")
public record AppraisalAcceptedForReview(AssessmentId assessmentId, String note, ActedBy actedBy) {
    public AppraisalAcceptedForReview {
        note = note == null ? "" : note;
    }
}
