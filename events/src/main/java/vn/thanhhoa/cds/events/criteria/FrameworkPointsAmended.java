package vn.thanhhoa.cds.events.criteria;

import org.axonframework.serialization.Revision;
import vn.thanhhoa.cds.events.common.ActedBy;
import vn.thanhhoa.cds.events.common.DocumentRef;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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

    /** The new points, by indicator code. */
    public Map<String, BigDecimal> newPoints() {
        Map<String, BigDecimal> points = new TreeMap<>();
        changes.forEach(c -> points.put(c.indicatorCode(), c.newPoints()));
        return points;
    }

    public record PointChange(String indicatorCode, BigDecimal previousPoints, BigDecimal newPoints) {
    }
}
