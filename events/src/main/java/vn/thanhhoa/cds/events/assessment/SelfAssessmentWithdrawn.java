package vn.thanhhoa.cds.events.assessment;

import org.axonframework.serialization.Revision;
import vn.thanhhoa.cds.events.common.ActedBy;

/** The commune took its submitted self-assessment back to correct it, before the appraisal started. */
@Revision("1")
public record SelfAssessmentWithdrawn(AssessmentId assessmentId, String reason, ActedBy actedBy) {
}
