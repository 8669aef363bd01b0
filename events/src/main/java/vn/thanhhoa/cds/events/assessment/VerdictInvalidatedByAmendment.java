package vn.thanhhoa.cds.events.assessment;

import org.axonframework.serialization.Revision;
import vn.thanhhoa.cds.events.common.ActedBy;
import vn.thanhhoa.cds.events.common.DocumentRef;

import java.math.BigDecimal;

/**
 * An amendment of the framework's points changed the verdict an appraisal concluded (Đạt → Không đạt, or the
 * reverse): the verdict no longer holds and needs review (cần xem xét lại). Until the appraiser concludes again — or,
 * for a commune already recognised, the province decides to keep or revoke the recognition — the commune is not
 * recognised on it.
 *
 * @param concludedPassed the verdict as concluded
 * @param amendedScore    the score under the amended points (points, or indicators met), from the same values
 * @param amendment       the decision that amended the points
 * @param actedBy         who amended the points
 */
@Revision("1")
public record VerdictInvalidatedByAmendment(AssessmentId assessmentId, String frameworkId, boolean concludedPassed,
                                            BigDecimal amendedScore, int amendedIndicatorsMet, DocumentRef amendment,
                                            ActedBy actedBy) {
}
