package vn.thanhhoa.cds.command.map;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import vn.thanhhoa.cds.command.authority.Authority;
import vn.thanhhoa.cds.events.map.AdministrativeUnitRegistered;
import vn.thanhhoa.cds.events.map.UnitId;
import vn.thanhhoa.cds.events.map.UnitLevel;
import vn.thanhhoa.cds.infra.problem.ProblemException;
import vn.thanhhoa.cds.infra.problem.ProblemKind;

import java.util.HashSet;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A province's administrative map, one stream per province. The hierarchy is data with effective dates: later
 * changes (mergers, the 2025 two-tier map) are further events on this stream.
 */
@Aggregate
public class ProvinceMap {
    @AggregateIdentifier
    private String mapId;
    private final Set<UnitId> units = new HashSet<>();

    public static String streamId(String provinceCode) {
        return "map:" + provinceCode;
    }

    /** Required by Axon to rebuild the map from its events. */
    protected ProvinceMap() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public int handle(RegisterAdministrativeUnits command) {
        Authority.requireProvince(command.actedBy());
        Set<UnitId> known = new HashSet<>(units);
        int registered = 0;
        for (RegisterAdministrativeUnits.Unit unit : command.units()) {
            if (known.contains(unit.unitId())) {
                continue;
            }
            if (unit.level() != UnitLevel.PROVINCE && (unit.parent() == null || !known.contains(unit.parent()))) {
                throw new ProblemException(ProblemKind.INVALID, "UNKNOWN_PARENT", "units.parent",
                        "Đơn vị cấp trên của " + unit.unitId() + " chưa có trên bản đồ hành chính.",
                        "The parent of " + unit.unitId() + " is not on the map.");
            }
            apply(new AdministrativeUnitRegistered(command.provinceCode(), unit.unitId(), unit.name(), unit.level(),
                    unit.kind(), unit.parent(), unit.unitId().effectiveFrom(), command.basis(), command.actedBy()));
            known.add(unit.unitId());
            registered++;
        }
        return registered;
    }

    @EventSourcingHandler
    void on(AdministrativeUnitRegistered event) {
        mapId = streamId(event.provinceCode());
        units.add(event.unitId());
    }
}
