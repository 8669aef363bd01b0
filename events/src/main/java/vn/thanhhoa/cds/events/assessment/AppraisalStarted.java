package vn.thanhhoa.cds.events.assessment;

import org.axonframework.serialization.Revision;
import vn.thanhhoa.cds.events.common.ActedBy;

/** The appraising unit (thẩm định) began to appraise a submitted self-assessment. */
@Revision("1")
public record AppraisalStarted(AssessmentId assessmentId, ActedBy actedBy) {
}
