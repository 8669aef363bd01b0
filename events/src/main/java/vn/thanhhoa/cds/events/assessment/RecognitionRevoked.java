package vn.thanhhoa.cds.events.assessment;

import org.axonframework.serialization.Revision;
import vn.thanhhoa.cds.events.common.ActedBy;
import vn.thanhhoa.cds.events.common.DocumentRef;

/** The province revoked a recognition, by decision and with a reason. */
@Revision("1")
public record RecognitionRevoked(AssessmentId assessmentId, DocumentRef decision, String reason, ActedBy actedBy) {
}
