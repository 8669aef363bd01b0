package vn.thanhhoa.cds.query.reference;

import java.util.List;

/** The map over time as the query API answers it. */
public final class MapViews {
    private MapViews() {
    }

    public record MapUnit(String unitId, String code, String name, String level, String kind, String parentUnitId,
                          String effectiveFrom, String effectiveTo) {
    }

    public record MapView(String date, int districts, int communes, List<MapUnit> units) {
    }

    public record LineageLink(String unitId, String code, String name, String share, String effectiveDate, String basis) {
    }

    public record LineageView(MapUnit unit, List<LineageLink> predecessors, List<LineageLink> successors) {
    }
}
