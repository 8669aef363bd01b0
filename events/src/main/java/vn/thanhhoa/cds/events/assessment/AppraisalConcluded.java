package vn.thanhhoa.cds.events.assessment;

import org.axonframework.serialization.Revision;
import vn.thanhhoa.cds.events.common.ActedBy;
import vn.thanhhoa.cds.events.common.DocumentRef;

import java.math.BigDecimal;

/**
 * The appraiser concluded Đạt (passed) or Không đạt. The score was computed from the appraised values under the
 * framework's points at that moment: indicators met under COUNT_MET, points under POINTS.
 */
@Revision("1")
public record AppraisalConcluded(AssessmentId assessmentId, boolean passed, BigDecimal score, int indicatorsMet,
                                 DocumentRef document, ActedBy actedBy) {
}
