package vn.thanhhoa.cds.events.assessment;

import org.axonframework.serialization.Revision;
import vn.thanhhoa.cds.events.common.ActedBy;
import vn.thanhhoa.cds.events.common.DocumentRef;

/** By provincial decision, an assessment whose commune was merged away is closed without a result. */
@Revision("1")
public record AssessmentClosedAsSuperseded(AssessmentId assessmentId, DocumentRef decision, String reason,
                                           ActedBy actedBy) {
}
