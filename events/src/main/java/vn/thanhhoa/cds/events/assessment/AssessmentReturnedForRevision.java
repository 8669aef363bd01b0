package vn.thanhhoa.cds.events.assessment;

import org.axonframework.serialization.Revision;
import vn.thanhhoa.cds.events.common.ActedBy;
import vn.thanhhoa.cds.events.common.DocumentRef;

/** The appraiser returned the self-assessment to the commune to revise; it may report again and resubmit. */
@Revision("1")
public record AssessmentReturnedForRevision(AssessmentId assessmentId, String reason, DocumentRef document,
                                            ActedBy actedBy) {
}
