package vn.thanhhoa.cds.events.assessment;

import org.axonframework.serialization.Revision;
import vn.thanhhoa.cds.events.common.ActedBy;
import vn.thanhhoa.cds.events.common.DocumentRef;

/**
 * The chairman's decision over a proposal did not recognise this commune. The decision names many communes: one
 * event per commune, recognised ({@link CommuneRecognised}) or declined, recorded together.
 */
@Revision("1")
public record RecognitionDeclined(AssessmentId assessmentId, DocumentRef decision, String reason, ActedBy actedBy) {
}
