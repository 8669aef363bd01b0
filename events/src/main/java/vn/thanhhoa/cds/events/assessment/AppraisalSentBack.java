package vn.thanhhoa.cds.events.assessment;

import org.axonframework.serialization.Revision;
import vn.thanhhoa.cds.events.common.ActedBy;

import java.util.List;

/**
 * The department sent an appraisal back to the appraiser, with a general reason or a reason per indicator or both:
 * the appraisal is open again and the appraiser concludes it anew.
 */
@Revision("1")
public record AppraisalSentBack(AssessmentId assessmentId, String reason,
                                List<AssessmentReturnedWithReasons.IndicatorReason> indicators, ActedBy actedBy) {
    public AppraisalSentBack {
        reason = reason == null ? "" : reason;
        indicators = indicators == null ? List.of() : List.copyOf(indicators);
    }
}
