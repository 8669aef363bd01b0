package vn.thanhhoa.cds.events.assessment;

import org.axonframework.serialization.Revision;
import vn.thanhhoa.cds.events.common.ActedBy;
import vn.thanhhoa.cds.events.common.DocumentRef;

/** The province recognised (công nhận) the commune as having met the year's criteria, by decision. */
@Revision("1")
public record CommuneRecognised(AssessmentId assessmentId, DocumentRef decision, ActedBy actedBy) {
}
