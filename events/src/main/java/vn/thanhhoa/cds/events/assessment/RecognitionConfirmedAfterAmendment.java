package vn.thanhhoa.cds.events.assessment;

import org.axonframework.serialization.Revision;
import vn.thanhhoa.cds.events.common.ActedBy;
import vn.thanhhoa.cds.events.common.DocumentRef;

/**
 * The province decided to keep a recognition whose verdict an amendment of the points had put in question (the
 * other decision is {@link RecognitionRevoked}).
 */
@Revision("1")
public record RecognitionConfirmedAfterAmendment(AssessmentId assessmentId, DocumentRef decision, ActedBy actedBy) {
}
