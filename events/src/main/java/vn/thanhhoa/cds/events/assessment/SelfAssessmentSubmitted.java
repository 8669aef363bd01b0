package vn.thanhhoa.cds.events.assessment;

import org.axonframework.serialization.Revision;
import vn.thanhhoa.cds.events.common.ActedBy;
import vn.thanhhoa.cds.events.common.DocumentRef;

/** The commune submitted its self-assessment report (e.g. "255/BC-UBND" of 16/12/2022) for appraisal. */
@Revision("1")
public record SelfAssessmentSubmitted(AssessmentId assessmentId, DocumentRef report, ActedBy actedBy) {
}
