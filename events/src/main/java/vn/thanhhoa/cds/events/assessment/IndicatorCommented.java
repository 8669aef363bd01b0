package vn.thanhhoa.cds.events.assessment;

import org.axonframework.serialization.Revision;
import vn.thanhhoa.cds.events.common.ActedBy;

/**
 * The commune's comment on one indicator (how the figure was counted, what is still under way); an empty comment
 * clears the one before. Kept beside the value, not in it: a value's meaning never depends on its comment.
 */
@Revision("1")
public record IndicatorCommented(AssessmentId assessmentId, String indicatorCode, String comment, ActedBy actedBy) {
}
