package vn.thanhhoa.cds.events.assessment;

import org.axonframework.serialization.Revision;
import vn.thanhhoa.cds.events.common.ActedBy;
import vn.thanhhoa.cds.events.common.DocumentRef;
import vn.thanhhoa.cds.events.map.UnitId;

/**
 * By provincial decision, an assessment still open when its commune was merged away is carried to a successor, which
 * reports and is appraised from then on (by the appraiser of the successor's map).
 */
@Revision("1")
public record AssessmentTransferred(AssessmentId assessmentId, UnitId fromCommune, UnitId toCommune,
                                    UnitId appraiser, DocumentRef decision, ActedBy actedBy) {
}
