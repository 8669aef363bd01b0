package vn.thanhhoa.cds.command.map;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import vn.thanhhoa.cds.command.authority.Authority;
import vn.thanhhoa.cds.command.map.MapCommands.*;
import vn.thanhhoa.cds.events.map.*;
import vn.thanhhoa.cds.events.common.Rejection;

import java.time.LocalDate;
import java.util.*;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A province's administrative map, one stream per province: units with the dates they are in force, their parents,
 * and every reorganisation since (the 2025 two-tier reform, later mergers). A unit is its code plus the date it took
 * effect; a code may name different units over time.
 */
@Aggregate
public class ProvinceMap {
    @AggregateIdentifier
    private String mapId;
    private final Map<UnitId, Known> units = new HashMap<>();
    private final Set<String> reorganisations = new HashSet<>();

    /** What the map's rules need of a unit: its level, its parent and its last day (exclusive end). */
    private record Known(UnitLevel level, UnitId parent, LocalDate end, String name) {
        boolean inForceOn(UnitId id, LocalDate day) {
            return !id.effectiveFrom().isAfter(day) && (end == null || end.isAfter(day));
        }
    }

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
        Set<UnitId> known = new HashSet<>(units.keySet());
        int registered = 0;
        for (RegisterAdministrativeUnits.Unit unit : command.units()) {
            if (known.contains(unit.unitId())) {
                continue;
            }
            if (unit.level() != UnitLevel.PROVINCE && (unit.parent() == null || !known.contains(unit.parent()))) {
                throw invalid("UNKNOWN_PARENT", "units.parent", "Đơn vị cấp trên của " + unit.unitId() + " chưa có trên bản đồ hành chính.",
                        "The parent of " + unit.unitId() + " is not on the map.");
            }
            apply(new AdministrativeUnitRegistered(command.provinceCode(), unit.unitId(), unit.name(), unit.level(),
                    unit.kind(), unit.parent(), unit.unitId().effectiveFrom(), command.basis(), command.actedBy()));
            known.add(unit.unitId());
            registered++;
        }
        return registered;
    }

    @CommandHandler
    public int handle(ReorganiseMap command) {
        Authority.requireProvince(command.actedBy());
        if (reorganisations.contains(command.reorganisationId())) {
            return 0; // recorded already: a reorganisation happens once
        }
        LocalDate date = command.effectiveDate();
        LocalDate lastDay = date.minusDays(1);
        for (RegisterAdministrativeUnits.Unit unit : command.newUnits()) {
            if (units.containsKey(unit.unitId())) {
                throw invalid("UNIT_EXISTS", "newUnits", "Đơn vị " + unit.unitId() + " đã có trên bản đồ.", unit.unitId() + " is already on the map.");
            }
            if (!unit.unitId().effectiveFrom().equals(date)) {
                throw invalid("WRONG_EFFECTIVE_DATE", "newUnits", "Đơn vị mới phải có hiệu lực từ " + date + ".",
                        "New units take effect on " + date + ".");
            }
            boolean parentNew = command.newUnits().stream().anyMatch(u -> u.unitId().equals(unit.parent()));
            if (!parentNew) {
                requireInForce(unit.parent(), date, "newUnits.parent");
            }
            apply(new AdministrativeUnitRegistered(provinceCode(), unit.unitId(), unit.name(), unit.level(), unit.kind(),
                    unit.parent(), date, command.basis(), command.actedBy()));
        }
        Set<UnitId> ceasing = new HashSet<>();
        for (Split split : command.splits()) {
            requireInForce(split.predecessor(), lastDay, "splits.predecessor");
            split.successors().forEach(p -> requireInForce(p.unit(), date, "splits.successors"));
            apply(new AdministrativeUnitSplit(provinceCode(), split.predecessor(),
                    split.successors().stream().map(p -> new AdministrativeUnitSplit.Part(p.unit(), p.share())).toList(),
                    date, basis(split.basis(), command), command.actedBy()));
            ceasing.add(split.predecessor());
        }
        for (Merge merge : command.merges()) {
            requireInForce(merge.successor(), date, "merges.successor");
            for (Part part : merge.predecessors()) {
                requireInForce(part.unit(), lastDay, "merges.predecessors");
                if (part.share() == Share.FULL || part.share() == Share.UNCHANGED) {
                    ceasing.add(part.unit());
                }
            }
            apply(new AdministrativeUnitsMerged(provinceCode(), merge.successor(),
                    merge.predecessors().stream().map(p -> new AdministrativeUnitsMerged.Part(p.unit(), p.share())).toList(),
                    date, basis(merge.basis(), command), command.actedBy()));
        }
        for (Rename rename : command.renames()) {
            requireInForce(rename.unit(), date, "renames.unit");
            apply(new AdministrativeUnitRenamed(provinceCode(), rename.unit(), units.get(rename.unit()).name(), rename.newName(),
                    date, command.basis(), command.actedBy()));
        }
        for (Move move : command.moves()) {
            requireInForce(move.unit(), date, "moves.unit");
            requireInForce(move.newParent(), date, "moves.newParent");
            apply(new AdministrativeUnitMoved(provinceCode(), move.unit(), units.get(move.unit()).parent(), move.newParent(),
                    date, command.basis(), command.actedBy()));
        }
        for (Dissolution dissolution : command.dissolutions()) {
            requireInForce(dissolution.unit(), lastDay, "dissolutions.unit");
            apply(new AdministrativeUnitDissolved(provinceCode(), dissolution.unit(), date, command.basis(),
                    dissolution.note() == null ? "" : dissolution.note(), command.actedBy()));
            ceasing.add(dissolution.unit());
        }
        // no unit may be left in force under a parent that has ceased
        units.forEach((id, unit) -> {
            if (unit.inForceOn(id, date) && unit.parent() != null && !units.get(unit.parent()).inForceOn(unit.parent(), date)) {
                throw invalid("ORPHANED_UNIT", "dissolutions", "Đơn vị " + id + " còn hiệu lực nhưng đơn vị cấp trên đã chấm dứt.",
                        id + " would be left under a parent that has ceased.");
            }
        });
        int established = command.newUnits().size();
        apply(new AdministrativeMapReorganised(provinceCode(), command.reorganisationId(), date, command.basis(),
                established, ceasing.size(), command.actedBy()));
        // what the answer counts: units established, ceasing, renamed or moved (a rename alone is a change too)
        return established + ceasing.size() + command.renames().size() + command.moves().size();
    }

    @CommandHandler
    public void handle(DesignateAppraisalAuthority command) {
        Authority.requireProvince(command.actedBy());
        requireInForce(command.appraiser(), command.effectiveFrom(), "appraiser");
        apply(new AppraisalAuthorityDesignated(provinceCode(), command.appraiser(), command.effectiveFrom(),
                command.decision(), command.actedBy()));
    }

    private String provinceCode() {
        return mapId == null ? null : mapId.substring("map:".length());
    }

    private void requireInForce(UnitId unit, LocalDate day, String field) {
        Known known = unit == null ? null : units.get(unit);
        if (known == null || !known.inForceOn(unit, day)) {
            throw invalid("UNIT_NOT_IN_FORCE", field, "Đơn vị " + unit + " không có hiệu lực vào ngày " + day + ".",
                    unit + " is not in force on " + day + ".");
        }
    }

    private static String basis(String specific, ReorganiseMap command) {
        return specific == null || specific.isBlank() ? command.basis() : specific;
    }

    private static Rejection invalid(String code, String field, String vi, String en) {
        return new Rejection(Rejection.Reason.INVALID, code, field, vi, en);
    }

    @EventSourcingHandler
    void on(AdministrativeUnitRegistered event) {
        mapId = streamId(event.provinceCode());
        units.put(event.unitId(), new Known(event.level(), event.parent(), null, event.name()));
    }

    @EventSourcingHandler
    void on(AdministrativeUnitSplit event) {
        end(event.predecessor(), event.effectiveDate());
    }

    @EventSourcingHandler
    void on(AdministrativeUnitsMerged event) {
        event.predecessors().stream().filter(p -> p.share() == Share.FULL || p.share() == Share.UNCHANGED)
                .forEach(p -> end(p.unit(), event.effectiveDate()));
    }

    @EventSourcingHandler
    void on(AdministrativeUnitRenamed event) {
        Known k = units.get(event.unit());
        units.put(event.unit(), new Known(k.level(), k.parent(), k.end(), event.newName()));
    }

    @EventSourcingHandler
    void on(AdministrativeUnitMoved event) {
        Known k = units.get(event.unit());
        units.put(event.unit(), new Known(k.level(), event.newParent(), k.end(), k.name()));
    }

    @EventSourcingHandler
    void on(AdministrativeUnitDissolved event) {
        end(event.unit(), event.effectiveDate());
    }

    @EventSourcingHandler
    void on(AdministrativeMapReorganised event) {
        reorganisations.add(event.reorganisationId());
    }

    private void end(UnitId unit, LocalDate day) {
        Known k = units.get(unit);
        units.put(unit, new Known(k.level(), k.parent(), day, k.name()));
    }
}
