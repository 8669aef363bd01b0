package vn.thanhhoa.cds.events.assessment;

import org.axonframework.serialization.Revision;
import vn.thanhhoa.cds.events.common.ActedBy;
import vn.thanhhoa.cds.events.common.DocumentRef;

import java.util.List;

/**
 * The appraiser returned the self-assessment to the commune with a reason for each indicator concerned (and a general
 * one, which may be empty when every reason names an indicator). The commune answers each before it resubmits.
 * Recorded instead of {@link AssessmentReturnedForRevision} since returns name their indicators.
 */
@Revision("1")
public record AssessmentReturnedWithReasons(AssessmentId assessmentId, String reason, List<IndicatorReason> indicators,
                                            DocumentRef document, ActedBy actedBy) {
    public AssessmentReturnedWithReasons {
        reason = reason == null ? "" : reason;
        indicators = indicators == null ? List.of() : List.copyOf(indicators);
    }

    /** Why one indicator was returned. */
    public record IndicatorReason(String indicatorCode, String reason) {
    }
}
