package vn.thanhhoa.cds.events.assessment;

import org.axonframework.serialization.Revision;
import vn.thanhhoa.cds.events.common.ActedBy;

/**
 * The commune's explanation (giải trình) of one reason of the latest return: an indicator's, or the general one when
 * {@code indicatorCode} is empty. Answered again, the later answer stands.
 */
@Revision("1")
public record ReturnAnswered(AssessmentId assessmentId, String indicatorCode, String answer, ActedBy actedBy) {
    public ReturnAnswered {
        indicatorCode = indicatorCode == null ? "" : indicatorCode;
    }
}
