package vn.thanhhoa.cds.events.criteria;

import org.axonframework.serialization.Revision;
import vn.thanhhoa.cds.events.common.ActedBy;
import vn.thanhhoa.cds.events.common.DocumentRef;

import java.math.BigDecimal;
import java.util.List;

/**
 * The province corrected the point values of a published framework (đính chính số điểm). Every commune assessed
 * under it is re-scored from its events; both scorings stay in the history.
 */
@Revision("1")
public record FrameworkPointsAmended(String frameworkId, List<PointChange> changes, DocumentRef decision,
                                     String reason, ActedBy actedBy) {
    public FrameworkPointsAmended {
        changes = List.copyOf(changes);
    }

    public record PointChange(String indicatorCode, BigDecimal previousPoints, BigDecimal newPoints) {
    }
}
