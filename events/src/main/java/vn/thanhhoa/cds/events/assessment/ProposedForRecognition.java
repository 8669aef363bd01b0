package vn.thanhhoa.cds.events.assessment;

import org.axonframework.serialization.Revision;
import vn.thanhhoa.cds.events.common.ActedBy;
import vn.thanhhoa.cds.events.common.DocumentRef;

/**
 * The department proposed the commune to the province's chairman for recognition, in a proposal (tờ trình) that
 * lists many communes: one such event per commune, each naming the proposal, recorded together.
 */
@Revision("1")
public record ProposedForRecognition(AssessmentId assessmentId, DocumentRef proposal, ActedBy actedBy) {
}
