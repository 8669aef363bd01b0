package vn.thanhhoa.cds.events.assessment;

import org.axonframework.serialization.Revision;
import vn.thanhhoa.cds.events.common.ActedBy;
import vn.thanhhoa.cds.events.common.DocumentRef;

/**
 * A later decision corrected what an earlier one decided for this commune: it is now recognised, or not, from the
 * correcting decision. (A recognition withdrawn for cause is a revocation: {@link RecognitionRevoked}.)
 *
 * @param corrected the number of the decision corrected
 */
@Revision("1")
public record RecognitionDecisionCorrected(AssessmentId assessmentId, String corrected, DocumentRef decision,
                                           boolean recognised, String reason, ActedBy actedBy) {
}
