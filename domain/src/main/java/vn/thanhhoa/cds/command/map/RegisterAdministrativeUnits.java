package vn.thanhhoa.cds.command.map;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import vn.thanhhoa.cds.events.common.ActedBy;
import vn.thanhhoa.cds.events.map.UnitId;
import vn.thanhhoa.cds.events.map.UnitLevel;

import java.util.List;

/** Enter units into a province's map, parents before children. Units already on the map are left as they are. */
public record RegisterAdministrativeUnits(String provinceCode, List<Unit> units,
                                          String basis, ActedBy actedBy) {
    public RegisterAdministrativeUnits {
        units = List.copyOf(units);
    }

    /** The map's stream: one per province, named apart from the province's other streams. */
    @TargetAggregateIdentifier
    public String mapId() {
        return ProvinceMap.streamId(provinceCode);
    }

    public record Unit(UnitId unitId, String name, UnitLevel level, String kind, UnitId parent) {
    }
}
