package vn.thanhhoa.cds.events.assessment;

import org.axonframework.serialization.Revision;
import vn.thanhhoa.cds.events.common.ActedBy;
import vn.thanhhoa.cds.events.criteria.IndicatorValue;

/**
 * The appraiser set the value it accepts for one indicator (it may differ from the commune's). Indicators never
 * appraised are taken at the commune's reported value when the appraisal is concluded.
 */
@Revision("1")
public record IndicatorAppraised(AssessmentId assessmentId, String indicatorCode, IndicatorValue appraisedValue,
                                 String note, ActedBy actedBy) {
}
