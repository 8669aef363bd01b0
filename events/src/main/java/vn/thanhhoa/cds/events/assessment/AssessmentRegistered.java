package vn.thanhhoa.cds.events.assessment;

import org.axonframework.serialization.Revision;
import vn.thanhhoa.cds.events.common.ActedBy;
import vn.thanhhoa.cds.events.map.UnitId;

/**
 * A commune registered for a year's assessment under a framework. The unit that will appraise it is fixed here from the
 * map in force: the commune's district (before the 2025 reform).
 */
@Revision("1")
public record AssessmentRegistered(AssessmentId assessmentId, UnitId commune, int year, String frameworkId,
                                   UnitId appraiser, ActedBy actedBy) {
}
